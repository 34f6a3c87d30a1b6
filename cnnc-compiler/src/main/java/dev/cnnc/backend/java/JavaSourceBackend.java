package dev.cnnc.backend.java;

import com.palantir.javapoet.JavaFile;
import dev.cnnc.backend.bytecode.BytecodeBackend;
import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.kernel.NetworkClass;
import dev.cnnc.lowering.NetworkLowering;
import dev.cnnc.lowering.Unroll;
import dev.cnnc.runtime.Network;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compiles a checked graph to Java source: a facade {@code Name}, the Vector API class {@code
 * NameVector} and the scalar class {@code NameScalar}, from the same lowering and method splitting
 * as the bytecode backend, so that both compute the same bits.
 */
public final class JavaSourceBackend {

    /**
     * The sources of one network.
     *
     * @param facade the binary name of the class users name
     * @param files every class's source by its binary name, the facade's first
     */
    public record Sources(String facade, int lanes, Map<String, String> files) {}

    private JavaSourceBackend() {}

    /** @param sourceName the {@code .cnn} file the network comes from, for the classes' comments */
    public static Sources emit(CheckedGraph graph, String binaryName, int lanes, Unroll unroll, String sourceName) {
        return emit(graph, binaryName, lanes, unroll, sourceName, true);
    }

    /**
     * @param withVectorClass false for the facade and the scalar class alone: sources that compile
     *     without {@code --add-modules jdk.incubator.vector}, for builds that do not want the incubator module
     */
    public static Sources emit(CheckedGraph graph, String binaryName, int lanes, Unroll unroll, String sourceName,
            boolean withVectorClass) {
        int dot = binaryName.lastIndexOf('.');
        String packageName = dot < 0 ? "" : binaryName.substring(0, dot);
        String simpleName = binaryName.substring(dot + 1);
        String prefix = packageName.isEmpty() ? "" : packageName.replace('.', '/') + "/";
        String header = graph.graph().name() + ", compiled by cnnc from " + sourceName + ".";
        Map<String, String> files = new LinkedHashMap<>();
        String vector = withVectorClass ? simpleName + "Vector" : null;
        String scalar = simpleName + "Scalar";
        files.put(binaryName, FacadeSourceEmitter.emit(packageName, simpleName, vector, scalar, lanes, header).toString());
        for (String name : withVectorClass ? new String[] {vector, scalar} : new String[] {scalar}) {
            int width = name.equals(scalar) ? 1 : lanes;
            NetworkClass lowered = NetworkLowering.lower(graph, prefix + name, width, unroll).network();
            JavaFile file = NetworkSourceEmitter.emit(BytecodeBackend.split(lowered), packageName, name, header);
            files.put(qualified(packageName, name), file.toString());
        }
        return new Sources(binaryName, lanes, files);
    }

    /** Compiles the sources with javac in memory, defines the classes in a loader of their own and creates the network. */
    public static Network load(Sources sources, boolean scalar) {
        return BytecodeBackend.create(InMemoryJavac.compile(sources.files()).classes(), sources.facade(), scalar);
    }

    private static String qualified(String packageName, String name) {
        return packageName.isEmpty() ? name : packageName + "." + name;
    }
}
