package dev.cnnc.benchmarks;

import dev.cnnc.bench.Workload;
import dev.cnnc.driver.Backend;
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
import org.openjdk.jmh.annotations.Warmup;

/** The reference interpreter's generic kernels on the same calls: the baseline of every ratio. It runs on one thread. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class InterpreterBenchmark {

    // The layers and LeNet-5 only: the interpreter takes seconds to minutes per call of a whole network.
    @Param({"CONV3X3", "CONV3X3_TRAIN", "CONV_TRANSPOSE2D", "CONV1D", "CONV3D", "LENET5_B1", "LENET5_B64", "LENET5_TRAIN_B64"})
    public BenchCase layer;

    private Workload workload;

    @Setup(Level.Trial)
    public void setUp() {
        workload = layer.workload(Backend.INTERPRETER, 1);
    }

    @Benchmark
    public float call() {
        return workload.call();
    }
}
