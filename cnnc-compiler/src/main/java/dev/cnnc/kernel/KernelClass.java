package dev.cnnc.kernel;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A class of static kernel methods, named by its JVM internal name ({@code dev/cnnc/generated/LeNet5$Vector}).
 *
 * @param lanes the floats in a {@link Type#VECTOR}: 1 for the scalar variant, else 2 to 16
 */
public record KernelClass(String internalName, int lanes, List<KernelMethod> methods) {

    public KernelClass {
        Objects.requireNonNull(internalName, "internalName");
        if (!internalName.matches("([A-Za-z_$][A-Za-z0-9_$]*/)*[A-Za-z_$][A-Za-z0-9_$]*")) {
            throw new IllegalArgumentException("not a JVM internal class name: " + internalName);
        }
        if (lanes != 1 && lanes != 2 && lanes != 4 && lanes != 8 && lanes != 16) {
            throw new IllegalArgumentException("a vector has 1, 2, 4, 8 or 16 lanes, not " + lanes);
        }
        methods = List.copyOf(methods);
        Set<String> names = new HashSet<>();
        for (KernelMethod method : methods) {
            if (!names.add(method.name())) {
                throw new IllegalArgumentException(internalName + ": method " + method.name() + " is defined twice");
            }
        }
    }

    /** A scalar class. */
    public KernelClass(String internalName, List<KernelMethod> methods) {
        this(internalName, 1, methods);
    }

    public boolean isScalar() {
        return lanes == 1;
    }

    public KernelMethod method(String name) {
        return methods.stream().filter(method -> method.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(internalName + " has no method " + name));
    }
}
