package dev.cnnc.graph;

import dev.cnnc.diagnostics.ErrorCode;
import dev.cnnc.diagnostics.Diagnostics;
import dev.cnnc.ir.Dims;
import dev.cnnc.ir.Op;
import dev.cnnc.ir.Padding;
import dev.cnnc.ops.OpSignature;
import java.util.Optional;

/** Builds the resolved {@link Op} record of a call from its signature and attributes. */
final class OpFactory {

    private OpFactory() {}

    /**
     * The op, or empty when an attribute was wrong (already reported).
     *
     * @param poolName the statement maxunpool's {@code indices} names, already resolved by the caller
     */
    static Optional<Op> create(OpSignature signature, AttributeReader attributes, String poolName, Diagnostics diagnostics) {
        int rank = signature.rank();
        Op op = switch (signature.family()) {
            case CONV -> new Op.Conv(
                    rank,
                    attributes.integer("out"),
                    attributes.spatial("kernel", rank),
                    attributes.spatial("stride", rank),
                    attributes.convPadding(rank),
                    attributes.spatial("dilation", rank),
                    attributes.integer("groups"),
                    attributes.bool("bias"));
            case CONV_TRANSPOSE -> {
                Padding padding = attributes.convPadding(rank);
                Dims outputPadding = attributes.spatial("output_padding", rank);
                if (padding.isSame() && attributes.isGiven("output_padding") && !outputPadding.all(0)) {
                    // With 'same' the output size is i*s by definition; an output_padding would contradict it.
                    diagnostics.report(ErrorCode.E211, attributes.spanOf("output_padding"), signature.name()
                            + ": output_padding has no meaning with padding: same, whose output size is input * stride");
                    yield null;
                }
                yield new Op.ConvTranspose(
                        rank,
                        attributes.integer("out"),
                        attributes.spatial("kernel", rank),
                        attributes.spatial("stride", rank),
                        padding,
                        outputPadding,
                        attributes.spatial("dilation", rank),
                        attributes.integer("groups"),
                        attributes.bool("bias"));
            }
            case MAXPOOL -> {
                Dims kernel = attributes.spatial("kernel", rank);
                yield new Op.MaxPool(
                        rank,
                        kernel,
                        attributes.isGiven("stride") ? attributes.spatial("stride", rank) : kernel,
                        attributes.spatial("padding", rank),
                        attributes.spatial("dilation", rank),
                        attributes.bool("ceil_mode"));
            }
            case AVGPOOL -> {
                Dims kernel = attributes.spatial("kernel", rank);
                yield new Op.AvgPool(
                        rank,
                        kernel,
                        attributes.isGiven("stride") ? attributes.spatial("stride", rank) : kernel,
                        attributes.spatial("padding", rank),
                        attributes.bool("ceil_mode"),
                        attributes.bool("count_include_pad"));
            }
            case MAXUNPOOL -> poolName == null ? null : new Op.MaxUnpool(rank, poolName);
            case UPSAMPLE -> {
                Dims scale = attributes.scale();
                boolean perDimension = attributes.scaleIsList();
                attributes.word("mode");
                yield new Op.Upsample(scale, perDimension, "nearest");
            }
            case GLOBAL_AVGPOOL -> new Op.GlobalAvgPool();
            case BATCHNORM -> new Op.BatchNorm(attributes.real("eps"), attributes.real("momentum"));
            case RELU -> new Op.Activation(Op.Activation.Function.RELU, 0);
            case LEAKY_RELU -> new Op.Activation(Op.Activation.Function.LEAKY_RELU, attributes.real("slope"));
            case SIGMOID -> new Op.Activation(Op.Activation.Function.SIGMOID, 0);
            case TANH -> new Op.Activation(Op.Activation.Function.TANH, 0);
            case SOFTMAX -> new Op.Softmax(false);
            case LOG_SOFTMAX -> new Op.Softmax(true);
            case DROPOUT -> new Op.Dropout(attributes.real("p"));
            case FLATTEN -> new Op.Flatten();
            case DENSE -> new Op.Dense(attributes.integer("out"), attributes.bool("bias"));
            case ADD -> new Op.Add();
            case CONCAT -> new Op.Concat();
        };
        return attributes.failed() ? Optional.empty() : Optional.ofNullable(op);
    }
}
