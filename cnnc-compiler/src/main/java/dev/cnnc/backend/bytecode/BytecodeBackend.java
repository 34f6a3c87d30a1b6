package dev.cnnc.backend.bytecode;

import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.kernel.KernelClass;
import dev.cnnc.kernel.MethodSplitter;
import dev.cnnc.kernel.NetworkClass;
import dev.cnnc.lowering.NetworkLowering;
import dev.cnnc.lowering.Unroll;
import dev.cnnc.runtime.Network;
import dev.cnnc.runtime.compiled.VectorSupport;
import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles a checked network to class files: a facade named after the network, a vector class
 * ({@code Name$Vector}) and a scalar one ({@code Name$Scalar}), each with every method under
 * {@link MethodSizes#LIMIT} bytes. It returns bytes and loads nothing; {@link #load} does that.
 */
public final class BytecodeBackend {

    /** The classes of one network by binary name, the facade first. */
    public record CompiledClasses(String facade, int lanes, Map<String, byte[]> classes,
            List<NetworkLowering.LayerReport> vectorLayers, List<NetworkLowering.LayerReport> scalarLayers,
            Map<String, NetworkClass> lowered, Map<String, NetworkClass> kernels, NetworkLowering.Memory memory) {}

    private BytecodeBackend() {}

    /** The lane count the vector class is compiled for: this JVM's preferred width, else 8 (256 bits). */
    public static int defaultLanes() {
        int bits = VectorSupport.preferredBits();
        return bits >= 128 ? Math.min(bits / Float.SIZE, 16) : 8;
    }

    /** The lane count chosen for one network on this machine, {@link LaneWidth#choose} over {@link #defaultLanes}. */
    public static int lanesFor(CheckedGraph graph) {
        return LaneWidth.choose(graph, defaultLanes()).lanes();
    }

    /** @param binaryName the facade's name, e.g. {@code com.example.LeNet5} */
    public static CompiledClasses compile(CheckedGraph graph, String binaryName, int lanes) {
        return compile(graph, binaryName, lanes, Unroll.DEFAULT);
    }

    /** @param unroll how far the convolution family's fixed loops are unrolled ({@code --unroll}) */
    public static CompiledClasses compile(CheckedGraph graph, String binaryName, int lanes, Unroll unroll) {
        String facade = binaryName.replace('.', '/');
        NetworkLowering.Result vector = NetworkLowering.lower(graph, facade + "$Vector", lanes, unroll);
        NetworkLowering.Result scalar = NetworkLowering.lower(graph, facade + "$Scalar", 1, unroll);
        Map<String, byte[]> classes = new LinkedHashMap<>();
        Map<String, NetworkClass> kernels = new LinkedHashMap<>();
        Map<String, NetworkClass> lowered = new LinkedHashMap<>();
        classes.put(binaryName, FacadeEmitter.emit(facade, facade + "$Vector", facade + "$Scalar", lanes));
        for (NetworkLowering.Result result : List.of(vector, scalar)) {
            NetworkClass split = split(result.network());
            String name = split.kernels().internalName().replace('/', '.');
            classes.put(name, BytecodeEmitter.emit(split));
            kernels.put(name, split);
            lowered.put(name, result.network());
        }
        return new CompiledClasses(binaryName, lanes, classes, vector.layers(), scalar.layers(), lowered, kernels,
                vector.memory());
    }

    /** Every method under the limit, measured by emitting it. */
    public static NetworkClass split(NetworkClass network) {
        KernelClass kernels = network.kernels();
        KernelClass split = MethodSplitter.split(kernels, method -> BytecodeEmitter.codeSize(kernels, method),
                MethodSizes.LIMIT);
        return network.withKernels(split);
    }

    /** Defines the classes in a loader of their own and creates the network through the facade. */
    public static Network load(CompiledClasses compiled, boolean scalar) {
        return create(compiled.classes(), compiled.facade(), scalar);
    }

    /**
     * Defines {@code classes} in a loader of their own and calls the facade's {@code create()} (or
     * {@code createScalar()}): how both backends' classes come to life in memory.
     */
    public static Network create(Map<String, byte[]> classes, String facadeName, boolean scalar) {
        ClassLoader loader = new BytesClassLoader(classes, BytecodeBackend.class.getClassLoader());
        try {
            Class<?> facade = Class.forName(facadeName, true, loader);
            return (Network) facade.getMethod(scalar ? "createScalar" : "create").invoke(null);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the compiled classes of " + facadeName + " do not load", e);
        }
    }

    /** A class loader over class files held in memory. */
    public static final class BytesClassLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        public BytesClassLoader(Map<String, byte[]> classes, ClassLoader parent) {
            super(parent);
            this.classes = Map.copyOf(classes);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
