package dev.cnnc.runtime.train;

import dev.cnnc.runtime.data.Dataset;

/** Whether target tensors fit a network's output, for the losses that compare tensors. */
final class TargetChecks {

    private TargetChecks() {}

    static String mismatch(String loss, int outputSize, Dataset data) {
        if (data.hasLabels()) {
            return loss + " needs target tensors, and the data has class labels (use --loss cross-entropy)";
        }
        if (data.targetSize() != outputSize) {
            return "each target has " + data.targetSize() + " values (shape " + java.util.Arrays.toString(data.targetShape())
                    + "), but the network has " + outputSize + " outputs per sample";
        }
        return null;
    }
}
