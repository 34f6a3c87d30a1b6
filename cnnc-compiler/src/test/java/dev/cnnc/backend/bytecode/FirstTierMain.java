package dev.cnnc.backend.bytecode;

import dev.cnnc.runtime.Network;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Run by {@link FirstTierTest} in a JVM that compiles each generated method with C1 at its first
 * call (-Xcomp): runs the first network forward once, so that the Vector API's classes are loaded
 * and initialized as in real use (a method compiled before would leave their calls unlinked, not
 * inlined), then calls every static method of each vector class once with zeros and nulls. The call
 * compiles the method before running it; what it then throws does not matter.
 */
public final class FirstTierMain {

    private FirstTierMain() {}

    public static void main(String[] args) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(args[0]).toUri().toURL()},
                FirstTierMain.class.getClassLoader())) {
            try (Network network = (Network) Class.forName(args[1], true, loader).getMethod("create").invoke(null)) {
                network.setTraining(true);
                float[][] inputs = network.spec().inputs().stream().map(t -> new float[t.sampleSize()])
                        .toArray(float[][]::new);
                network.backward(network.forward(1, inputs));
            }
            for (String facade : Arrays.copyOfRange(args, 1, args.length)) {
                int called = 0;
                for (Method method : Class.forName(facade + "$Vector", true, loader).getDeclaredMethods()) {
                    if (Modifier.isStatic(method.getModifiers())) {
                        method.setAccessible(true);
                        call(method);
                        called++;
                    }
                }
                System.out.println("called " + called + " methods of " + facade);
            }
        }
    }

    private static void call(Method method) throws IllegalAccessException {
        // Each parameter's default value (0, false or null): the first element of a new one-element array.
        Object[] arguments = Arrays.stream(method.getParameterTypes()).map(type -> Array.get(Array.newInstance(type, 1), 0))
                .toArray();
        try {
            method.invoke(null, arguments);
        } catch (InvocationTargetException expected) {
            // Compiled already; null tables make most kernels throw at their first read.
        }
    }
}
