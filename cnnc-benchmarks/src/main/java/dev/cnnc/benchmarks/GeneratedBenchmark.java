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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The classes the bytecode backend generates, on 1 and 2 threads. Vector API code runs slowly until
 * C2 has compiled it, so warm-up is long; forks get the incubator module, without which the
 * network would run its scalar class.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class GeneratedBenchmark {

    @Param
    public BenchCase layer;

    @Param({"1", "2"})
    public int threads;

    private Workload workload;

    @Setup(Level.Trial)
    public void setUp() {
        workload = layer.workload(Backend.BYTECODE, threads);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        workload.network().close();
    }

    @Benchmark
    public float call() {
        return workload.call();
    }
}
