package dev.cnnc.graph;

import dev.cnnc.ops.OpFamily;
import dev.cnnc.ops.OpSignature;

/** What each required attribute means, for the message that says it is missing. */
final class RequiredAttributes {

    private RequiredAttributes() {}

    static String describe(OpSignature signature, String attribute) {
        return switch (attribute) {
            case "out" -> signature.family() == OpFamily.DENSE
                    ? "the number of output features, e.g. out: 10"
                    : "the number of output channels, e.g. out: 16";
            case "kernel" -> "the kernel size, e.g. kernel: 3";
            case "scale" -> "the factor to enlarge each spatial size by, e.g. scale: 2";
            case "indices" -> "the maxpool statement whose indices it uses, e.g. indices: pool1";
            default -> "required";
        };
    }
}
