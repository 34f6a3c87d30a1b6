package dev.cnnc.graph;

import dev.cnnc.ops.OpCatalog;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The message for an op name the catalog does not know, with the most useful hint we can give. */
final class UnknownOpMessage {

    private static final Pattern FORM = Pattern.compile("(conv|conv_transpose|maxpool|avgpool|maxunpool)(\\d+)d");

    private static final Map<String, String> FOREIGN_NAMES = Map.ofEntries(
            Map.entry("linear", "dense"),
            Map.entry("fc", "dense"),
            Map.entry("cat", "concat"),
            Map.entry("concatenate", "concat"),
            Map.entry("batch_norm", "batchnorm"),
            Map.entry("batchnorm1d", "batchnorm"),
            Map.entry("batchnorm2d", "batchnorm"),
            Map.entry("batchnorm3d", "batchnorm"),
            Map.entry("interpolate", "upsample"),
            Map.entry("upsample1d", "upsample"),
            Map.entry("upsample2d", "upsample"),
            Map.entry("upsample3d", "upsample"),
            Map.entry("adaptive_avg_pool2d", "global_avgpool"),
            Map.entry("global_avg_pool", "global_avgpool"),
            Map.entry("globalaveragepooling2d", "global_avgpool"),
            Map.entry("max_pool1d", "maxpool1d"),
            Map.entry("max_pool2d", "maxpool2d"),
            Map.entry("max_pool3d", "maxpool3d"),
            Map.entry("avg_pool1d", "avgpool1d"),
            Map.entry("avg_pool2d", "avgpool2d"),
            Map.entry("avg_pool3d", "avgpool3d"),
            Map.entry("convtranspose1d", "conv_transpose1d"),
            Map.entry("convtranspose2d", "conv_transpose2d"),
            Map.entry("convtranspose3d", "conv_transpose3d"),
            Map.entry("conv2d_transpose", "conv_transpose2d"),
            Map.entry("deconv2d", "conv_transpose2d"),
            Map.entry("leakyrelu", "leaky_relu"),
            Map.entry("logsoftmax", "log_softmax"));

    private UnknownOpMessage() {}

    static String of(String op) {
        String lower = op.toLowerCase(Locale.ROOT);
        String prefix = "unknown op '" + op + "'";
        if (!lower.equals(op) && OpCatalog.lookup(lower).isPresent()) {
            return prefix + "; ops are written in lower case: '" + lower + "'";
        }
        if (OpCatalog.lookup(lower + "2d").isPresent()) {
            return prefix + ": it needs its form, " + lower + "1d, " + lower + "2d or " + lower + "3d, matching the"
                    + " rank of its input";
        }
        Matcher form = FORM.matcher(lower);
        if (form.matches()) {
            return prefix + ": " + form.group(1) + " comes in 1d, 2d and 3d forms only";
        }
        String foreign = FOREIGN_NAMES.get(lower.replace("nn.", ""));
        if (foreign != null) {
            return prefix + "; the language calls it '" + foreign + "'";
        }
        String hint = Suggestions.didYouMean(op, OpCatalog.names());
        if (!hint.isEmpty()) {
            return prefix + hint;
        }
        return prefix + "; the ops are conv1d-3d, conv_transpose1d-3d, maxpool1d-3d, avgpool1d-3d, maxunpool1d-3d,"
                + " upsample, global_avgpool, batchnorm, relu, leaky_relu, sigmoid, tanh, softmax, log_softmax,"
                + " dropout, flatten, dense, add and concat";
    }
}
