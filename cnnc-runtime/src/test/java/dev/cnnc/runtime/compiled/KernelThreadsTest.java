package dev.cnnc.runtime.compiled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The pool behind {@code Network.setThreads}: every index of a range runs exactly once, failures reach the caller. */
class KernelThreadsTest {

    @Test
    void everyIndexOfEveryRangeRunsExactlyOnce() {
        try (KernelThreads pool = new KernelThreads(3, "test")) {
            for (int range : new int[] {1, 2, 3, 5, 11, 12, 13, 1000}) {
                for (int job = 0; job < 200; job++) {
                    AtomicIntegerArray counts = new AtomicIntegerArray(range);
                    pool.run((lo, hi) -> {
                        for (int i = lo; i < hi; i++) {
                            counts.incrementAndGet(i);
                        }
                    }, range);
                    for (int i = 0; i < range; i++) {
                        assertEquals(1, counts.get(i), "range " + range + ", job " + job + ", index " + i);
                    }
                }
            }
        }
    }

    @Test
    void aFailureInAnyThreadReachesTheCallerAndThePoolGoesOn() {
        try (KernelThreads pool = new KernelThreads(2, "test")) {
            IllegalStateException failure = new IllegalStateException("kernel failed");
            for (int job = 0; job < 50; job++) {
                int failing = job % 8;
                IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> pool.run((lo, hi) -> {
                    if (lo <= failing && failing < hi) {
                        throw failure;
                    }
                }, 8));
                assertSame(failure, thrown);
            }
            AtomicIntegerArray counts = new AtomicIntegerArray(8);
            pool.run((lo, hi) -> {
                for (int i = lo; i < hi; i++) {
                    counts.incrementAndGet(i);
                }
            }, 8);
            assertEquals("[1, 1, 1, 1, 1, 1, 1, 1]", counts.toString());
        }
    }

    @Test
    void workersThatParkedWakeForTheNextJob() throws Exception {
        try (KernelThreads pool = new KernelThreads(2, "test")) {
            AtomicIntegerArray counts = new AtomicIntegerArray(4);
            for (int job = 0; job < 3; job++) {
                // Longer than the spin, so the worker has parked.
                Thread.sleep(KernelThreads.SPIN_NANOS / 1_000_000 + 20);
                pool.run((lo, hi) -> {
                    for (int i = lo; i < hi; i++) {
                        counts.incrementAndGet(i);
                    }
                }, 4);
            }
            assertEquals("[3, 3, 3, 3]", counts.toString());
        }
    }

    @Test
    void aClosedPoolRefusesWork() {
        KernelThreads pool = new KernelThreads(2, "test");
        pool.close();
        assertThrows(IllegalStateException.class, () -> pool.run((lo, hi) -> {}, 4));
    }
}
