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
            // One number per sample against several outputs is most often class labels given to the wrong loss.
            String hint = data.targetShape().length == 0 ? " (if these are class labels, use --loss cross-entropy)" : "";
            return "each target has " + data.targetSize() + " value" + (data.targetSize() == 1 ? "" : "s") + " (shape "
                    + java.util.Arrays.toString(data.targetShape()) + "), but the network has " + outputSize
                    + " outputs per sample" + hint;
        }
        return null;
    }
}
