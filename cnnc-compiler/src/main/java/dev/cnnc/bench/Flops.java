package dev.cnnc.bench;

import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.summary.NetworkSummary;

/**
 * The floating-point work of a call, for GFLOP/s: two per multiply-add of {@code cnnc summary}. The
 * backward mode counts three times the forward work, as the forward pass, the input gradients and
 * the weight gradients each multiply as often as the forward pass does.
 */
public final class Flops {

    private Flops() {}

    public static double perCall(CheckedGraph network, int batch, Workload.Mode mode) {
        double forward = 2.0 * NetworkSummary.of(network).multiplyAdds() * batch;
        return mode == Workload.Mode.FORWARD ? forward : 3 * forward;
    }
}
