package dev.cnnc.runtime.compiled;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Splits the range of a parallel kernel over threads: the calling thread and {@code threads - 1}
 * workers take contiguous chunks of it, {@link #CHUNKS_PER_THREAD} per thread, from a shared counter
 * until none is left, so that a thread slowed down (a busy core of a shared machine) takes fewer.
 * Which thread runs a chunk never changes what it computes. A kernel takes tens of microseconds to
 * milliseconds, so waking a parked thread (several microseconds) for each one would cost too much:
 * workers spin for the next job for {@link #SPIN_NANOS} before they park, and so does the caller
 * waiting for them. Nothing is allocated per job.
 *
 * <p>One caller at a time: a network serves one thread, and so does its pool.
 */
final class KernelThreads implements AutoCloseable {

    /** What a job runs on each part of its range. */
    interface RangeTask {
        void run(int lo, int hi);
    }

    /** How long a thread spins for work (or for the workers) before it parks. */
    static final long SPIN_NANOS = 50_000;
    /** Chunks per thread: enough to even out a slower thread, few enough that each stays long. */
    static final int CHUNKS_PER_THREAD = 4;

    private final int threads;
    private final Worker[] workers;
    private final AtomicInteger remaining = new AtomicInteger();
    private final AtomicInteger nextChunk = new AtomicInteger();
    private volatile long generation;
    private volatile boolean closed;
    private volatile boolean callerParked;
    private volatile Throwable failure;
    private volatile Thread caller;
    // Written before generation is bumped, read after it is seen: the volatile publishes them.
    private RangeTask task;
    private int range;
    private int chunks;

    KernelThreads(int threads, String name) {
        if (threads < 2) {
            throw new IllegalArgumentException("a pool has at least 2 threads, not " + threads);
        }
        this.threads = threads;
        this.workers = new Worker[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(name + "-" + (i + 1));
            workers[i].start();
        }
    }

    int threads() {
        return threads;
    }

    /** Runs {@code task} over {@code [0, range)} split over every thread, and returns when all parts are done. */
    void run(RangeTask task, int range) {
        if (closed) {
            throw new IllegalStateException("the network's threads were closed");
        }
        this.task = task;
        this.range = range;
        this.chunks = Math.min(range, threads * CHUNKS_PER_THREAD);
        this.caller = Thread.currentThread();
        nextChunk.set(0);
        remaining.set(workers.length);
        generation++;
        for (Worker worker : workers) {
            if (worker.parked) {
                LockSupport.unpark(worker);
            }
        }
        Throwable own = null;
        try {
            runChunks();
        } catch (Throwable e) {
            own = e;
        }
        awaitWorkers();
        Throwable thrown = own != null ? own : failure;
        failure = null;
        if (thrown instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (thrown instanceof Error error) {
            throw error;
        }
        if (thrown != null) {
            throw new IllegalStateException(thrown);
        }
    }

    /** Runs chunks of the current job until none is left. */
    private void runChunks() {
        for (int chunk = nextChunk.getAndIncrement(); chunk < chunks; chunk = nextChunk.getAndIncrement()) {
            task.run((int) ((long) range * chunk / chunks), (int) ((long) range * (chunk + 1) / chunks));
        }
    }

    private void awaitWorkers() {
        long start = System.nanoTime();
        while (remaining.get() > 0) {
            if (System.nanoTime() - start < SPIN_NANOS) {
                Thread.onSpinWait();
                continue;
            }
            callerParked = true;
            if (remaining.get() > 0) {
                LockSupport.park(this);
            }
            callerParked = false;
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Worker worker : workers) {
            LockSupport.unpark(worker);
        }
    }

    private final class Worker extends Thread {
        volatile boolean parked;

        Worker(String name) {
            super(name);
            setDaemon(true);
        }

        @Override
        public void run() {
            long seen = 0;
            while (true) {
                long current = awaitJob(seen);
                if (current < 0) {
                    return;
                }
                seen = current;
                try {
                    runChunks();
                } catch (Throwable e) {
                    failure = e;
                }
                if (remaining.decrementAndGet() == 0 && callerParked) {
                    LockSupport.unpark(caller);
                }
            }
        }

        /** The next job's generation, or -1 once the pool is closed. */
        private long awaitJob(long seen) {
            long start = System.nanoTime();
            while (true) {
                long current = generation;
                if (current != seen) {
                    return current;
                }
                if (closed) {
                    return -1;
                }
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                    continue;
                }
                parked = true;
                if (generation == seen && !closed) {
                    LockSupport.park(this);
                }
                parked = false;
                start = System.nanoTime();
            }
        }
    }
}
