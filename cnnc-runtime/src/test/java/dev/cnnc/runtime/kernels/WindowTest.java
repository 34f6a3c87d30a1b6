package dev.cnnc.runtime.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WindowTest {

    /** The tap range equals the taps a bounds test would keep, for every start, kernel, dilation and bound. */
    @Test
    void tapRangeKeepsExactlyTheTapsInsideTheInput() {
        for (int bound = 1; bound <= 9; bound++) {
            for (int kernel = 1; kernel <= 6; kernel++) {
                for (int dilation = 1; dilation <= 4; dilation++) {
                    for (int start = -12; start <= 12; start++) {
                        int first = Window.firstTap(start, dilation);
                        int end = Window.endTap(start, kernel, dilation, bound);
                        String at = "start " + start + ", kernel " + kernel + ", dilation " + dilation + ", bound " + bound;
                        for (int k = 0; k < kernel; k++) {
                            int position = start + k * dilation;
                            boolean inside = position >= 0 && position < bound;
                            assertEquals(inside, k >= first && k < end, at + ", tap " + k);
                        }
                    }
                }
            }
        }
    }

    @Test
    void lowerRanksAreWidenedWithLeadingOnesAndNoPadding() {
        Window window = new Window(new int[] {10}, new int[] {4}, new int[] {3}, new int[] {2}, new int[] {1},
                new int[] {1});
        assertArrayEquals(new int[] {1, 1, 10}, window.input());
        assertArrayEquals(new int[] {0, 0, 1}, window.padBefore());
        assertArrayEquals(new int[] {1, 4, 5}, Window.widen(new int[] {4, 5}, 1));
    }
}
