package dev.cnnc.benchmarks;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A peer in the same run: ONNX Runtime's Java package (native code, all graph optimizations) on the
 * same networks as {@link GeneratedBenchmark}, from ONNX files PyTorch exported
 * ({@code cnnc-benchmarks/pytorch/compare.py --onnxruntime} writes them and runs both). Built only
 * with {@code -Ponnxruntime}: the package is 75 MB of native libraries that CI has no use for.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OnnxRuntimeBenchmark {

    /** Where the ONNX files are, one per case: {@code lenet5_b1.onnx}. */
    public static final String DIRECTORY_PROPERTY = "cnnc.onnx.dir";

    @Param({"LENET5_B1", "RESNET18_B1"})
    public BenchCase layer;

    @Param({"1", "2"})
    public int threads;

    private OrtEnvironment environment;
    private OrtSession session;
    private OnnxTensor input;
    private Map<String, OnnxTensor> feed;

    @Setup(Level.Trial)
    public void setUp() throws OrtException {
        Path file = Path.of(System.getProperty(DIRECTORY_PROPERTY, "cnnc-benchmarks/target/onnx"),
                layer.name().toLowerCase(java.util.Locale.ROOT) + ".onnx");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: cnnc-benchmarks/pytorch/compare.py --onnxruntime writes it");
        }
        environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = environment.createSession(file.toString(), options);
        }
        String name = session.getInputNames().iterator().next();
        NodeInfo info = session.getInputInfo().get(name);
        long[] shape = ((TensorInfo) info.getInfo()).getShape();
        int size = 1;
        for (long dimension : shape) {
            size *= (int) dimension;
        }
        // Inputs in [-1, 1), as the generated classes' workload draws them.
        SplittableRandom random = new SplittableRandom(0);
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) (random.nextDouble() * 2 - 1);
        }
        input = OnnxTensor.createTensor(environment, FloatBuffer.wrap(values), shape);
        feed = Map.of(name, input);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws OrtException {
        input.close();
        session.close();
    }

    @Benchmark
    public float call() throws OrtException {
        try (OrtSession.Result result = session.run(feed)) {
            // One value of the output, so that the run cannot be dropped; reading it copies little.
            return ((OnnxTensor) result.get(0)).getFloatBuffer().get(0);
        }
    }
}
