package dev.cnnc.backend.bytecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.interpreter.TestNetworks;
import dev.cnnc.ir.CheckedGraph;
import org.junit.jupiter.api.Test;

/** The lane count follows the channel counts: half the widest only where it pads less. */
class LaneWidthTest {

    private static CheckedGraph conv3d(int in, int out) {
        return TestNetworks.check("network N { input x: [" + in + ", 8, 8, 8]\n y = conv3d(x, out: " + out
                + ", kernel: 3, padding: 1)\n output y }");
    }

    @Test
    void eightOutputChannelsTakeHalfOfSixteenLanes() {
        LaneWidth.Choice choice = LaneWidth.choose(conv3d(4, 8), 16);
        assertEquals(8, choice.lanes());
        assertEquals(2 * choice.paddedHalf(), choice.paddedWidest());
        assertTrue(choice.reason().contains("to 16 lanes"), choice.reason());
    }

    @Test
    void channelsThatFillWideVectorsKeepThem() {
        assertEquals(16, LaneWidth.choose(conv3d(16, 32), 16).lanes());
        assertEquals(16, LaneWidth.choose(conv3d(3, 64), 16).lanes());
    }

    @Test
    void layersWeighByTheirWork() {
        // 6 channels over 28x28 outweigh 16 over 10x10: LeNet-5's shape.
        CheckedGraph lenet = TestNetworks.check("""
                network L { input x: [1, 28, 28]
                  a = conv2d(x, out: 6, kernel: 5, padding: 2) -> relu -> maxpool2d(kernel: 2)
                  b = conv2d(a, out: 16, kernel: 5) -> relu -> maxpool2d(kernel: 2) -> flatten -> dense(out: 10)
                  output b }""");
        assertEquals(8, LaneWidth.choose(lenet, 16).lanes());
    }

    @Test
    void narrowMachinesKeepTheirWidth() {
        assertEquals(8, LaneWidth.choose(conv3d(4, 8), 8).lanes());
        assertEquals(4, LaneWidth.choose(conv3d(4, 8), 4).lanes());
        assertEquals("the widest vector here", LaneWidth.choose(conv3d(4, 8), 8).reason());
    }

    @Test
    void aNetworkWithoutMultiplyAddsKeepsTheWidest() {
        CheckedGraph pool = TestNetworks.check("network P { input x: [3, 8, 8]\n y = maxpool2d(x, kernel: 2)\n output y }");
        assertEquals(16, LaneWidth.choose(pool, 16).lanes());
    }
}
