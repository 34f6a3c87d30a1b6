package dev.cnnc.kernel;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** A class of static kernel methods, named by its JVM internal name ({@code dev/cnnc/generated/LeNet5Kernels}). */
public record KernelClass(String internalName, List<KernelMethod> methods) {

    public KernelClass {
        Objects.requireNonNull(internalName, "internalName");
        if (!internalName.matches("([A-Za-z_$][A-Za-z0-9_$]*/)*[A-Za-z_$][A-Za-z0-9_$]*")) {
            throw new IllegalArgumentException("not a JVM internal class name: " + internalName);
        }
        methods = List.copyOf(methods);
        Set<String> names = new HashSet<>();
        for (KernelMethod method : methods) {
            if (!names.add(method.name())) {
                throw new IllegalArgumentException(internalName + ": method " + method.name() + " is defined twice");
            }
        }
    }
}
