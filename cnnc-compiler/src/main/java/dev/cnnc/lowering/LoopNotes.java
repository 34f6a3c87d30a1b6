package dev.cnnc.lowering;

import dev.cnnc.check.OutputSizes;
import dev.cnnc.ir.Shape;

/** What a loop bound counts, with the output-size formula where the op has one, for the comments of Java source. */
final class LoopNotes {

    private static final String[] NAMES = {"depth", "height", "width"};

    private LoopNotes() {}

    /**
     * The note of a loop over widened dimension {@code dim} (0 depth, 1 height, 2 width) of the
     * layer's output, {@code count} long: {@code output height: floor((28 + 2*2 - 5) / 1) + 1 = 28}.
     * A loop over one stride phase's outputs says so; null for a dimension the tensor lacks.
     */
    static String output(Layer layer, int dim, int count) {
        if (layer.mergedRows() > 1) {
            return merged(layer, dim, count, "output");
        }
        Shape output = layer.output().shape();
        int rank = output.spatialRank();
        int d = dim - (3 - rank);
        if (d < 0) {
            return null;
        }
        String name = "output " + (rank == 1 ? "length" : NAMES[dim]);
        String formula = layer.inputCount() == 1 ? OutputSizes.formula(layer.node().op(), layer.input(0).shape(), d) : null;
        String size = formula == null ? Integer.toString(output.spatial(d)) : formula;
        if (count != output.spatial(d)) {
            return count + " of the " + name + " (" + size + ") in this stride phase";
        }
        return name + ": " + size;
    }

    /** The note of a loop over dimension {@code dim} of a gradient gathered into the layer's input. */
    static String input(Layer layer, int dim, int count) {
        if (layer.mergedRows() > 1) {
            return merged(layer, dim, count, "input");
        }
        Shape input = layer.input(0).shape();
        int rank = input.spatialRank();
        int d = dim - (3 - rank);
        if (d < 0) {
            return null;
        }
        String name = "the input's " + (rank == 1 ? "length" : NAMES[dim]);
        return count == input.spatial(d) ? name + ", " + count : count + " of " + name + " in this stride phase";
    }

    /** The note of a loop over a map whose rows are read {@link Layer#mergedRows} at a time. */
    private static String merged(Layer layer, int dim, int count, String side) {
        return switch (dim) {
            case 0 -> null;
            case 1 -> count == 1 ? null : count + " rows of " + layer.mergedRows() + " rows of the " + side;
            default -> count + " positions: " + layer.mergedRows() + " rows of the " + side + " read as one";
        };
    }

    /** Rows of a 3-D nest flattened into one parallel loop: {@code batch x out depth x out height}. */
    static String rows(String depth, String height) {
        StringBuilder text = new StringBuilder("rows of the batch");
        if (depth != null) {
            text.append(" x (").append(depth).append(')');
        }
        if (height != null) {
            text.append(" x (").append(height).append(')');
        }
        return text.toString();
    }
}
