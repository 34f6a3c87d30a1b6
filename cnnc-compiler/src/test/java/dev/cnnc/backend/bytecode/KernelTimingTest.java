package dev.cnnc.backend.bytecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.interpreter.TestNetworks;
import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.runtime.compiled.CompiledNetwork;
import dev.cnnc.runtime.compiled.KernelTime;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Kernel timing names each step's method, counts its runs, and costs nothing while it is off. */
class KernelTimingTest {

    private static final String MODEL = """
            network Timed {
                input x: [3, 8, 8]
                c = conv2d(x, out: 4, kernel: 3, padding: 1) -> relu
                y = dense(flatten(c), out: 5)
                output y
            }
            """;

    @Test
    void timesEachKernelByItsMethodNameWhileOn() throws Exception {
        CheckedGraph graph = TestNetworks.check(MODEL);
        CompiledNetwork network = (CompiledNetwork) BytecodeBackend.load(
                BytecodeBackend.compile(graph, "timing.Timed", BytecodeBackend.defaultLanes()), false);
        float[] x = TestNetworks.gaussian(2 * 3 * 8 * 8, new Random(1));
        network.forward(2, x);
        assertTrue(network.kernelTimes().isEmpty(), "timing is off by default");
        network.setKernelTiming(true);
        network.forward(2, x);
        network.forward(2, x);
        List<KernelTime> times = network.kernelTimes();
        assertTrue(times.stream().anyMatch(t -> t.kernel().startsWith("n0_c_0_forward_tile")), times.toString());
        assertTrue(times.stream().anyMatch(t -> t.kernel().startsWith("n3_y_forward_tile")), times.toString());
        // The weights were packed before timing began and have not changed since: packing steps do not run.
        assertTrue(times.stream().noneMatch(t -> t.kernel().endsWith("_pack")), times.toString());
        for (KernelTime time : times) {
            assertEquals(2, time.runs(), time.toString());
        }
        for (int i = 1; i < times.size(); i++) {
            assertTrue(times.get(i - 1).nanos() >= times.get(i).nanos(), "slowest first: " + times);
        }
        network.setKernelTiming(false);
        assertTrue(network.kernelTimes().isEmpty());
    }
}
