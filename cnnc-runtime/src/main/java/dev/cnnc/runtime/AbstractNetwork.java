package dev.cnnc.runtime;

import java.util.SplittableRandom;

/** What every {@link Network} keeps the same way: its spec, its parameters, the mode and the seeded randomness. */
public abstract class AbstractNetwork implements Network {

    private final NetworkSpec spec;
    private final Parameters parameters;
    private boolean training;
    private SplittableRandom random = new SplittableRandom(0);
    private int threads = 1;

    /** A network whose parameters get PyTorch's default initialization with seed 0. */
    protected AbstractNetwork(NetworkSpec spec) {
        this.spec = spec;
        this.parameters = new Parameters(spec.parameters());
    }

    @Override
    public NetworkSpec spec() {
        return spec;
    }

    @Override
    public Parameters parameters() {
        return parameters;
    }

    @Override
    public void setTraining(boolean training) {
        this.training = training;
    }

    @Override
    public boolean isTraining() {
        return training;
    }

    @Override
    public void setSeed(long seed) {
        random = new SplittableRandom(seed);
    }

    @Override
    public void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("a network runs on at least 1 thread, not " + threads);
        }
        this.threads = threads;
    }

    @Override
    public int threads() {
        return threads;
    }

    /** The randomness of training mode (dropout masks), drawn in node order. */
    protected SplittableRandom random() {
        return random;
    }
}
