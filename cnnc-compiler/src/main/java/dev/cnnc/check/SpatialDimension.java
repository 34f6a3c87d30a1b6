package dev.cnnc.check;

/** How messages name spatial dimensions and what one step along each is called. */
final class SpatialDimension {

    /** Stands for every spatial dimension at once, when they all have the same numbers. */
    static final int ALL = -1;

    private SpatialDimension() {}

    /** The name of dimension {@code index}, or of all of them together for {@link #ALL}. */
    static String name(int rank, int index) {
        if (index == ALL) {
            return switch (rank) {
                case 1 -> "length";
                case 2 -> "height and width";
                default -> "depth, height and width";
            };
        }
        return switch (rank) {
            case 1 -> "length";
            case 2 -> index == 0 ? "height" : "width";
            default -> new String[] {"depth", "height", "width"}[index];
        };
    }

    /** "2 rows", "1 column", "3 positions". */
    static String count(int rank, int index, long count) {
        String plural = count == 1 ? "" : "s";
        if (index == ALL && rank > 1) {
            return count + (rank == 2 ? " row" + plural + " and column" + plural
                    : " plane" + plural + ", row" + plural + " and column" + plural);
        }
        String unit = switch (name(rank, index)) {
            case "height" -> "row";
            case "width" -> "column";
            case "depth" -> "plane";
            default -> "position";
        };
        return count + " " + unit + (count == 1 ? "" : "s");
    }

    /** The layout one sample of this spatial rank has, e.g. {@code [C, H, W]}. */
    static String layout(int rank) {
        return switch (rank) {
            case 0 -> "[F]";
            case 1 -> "[C, L]";
            case 2 -> "[C, H, W]";
            default -> "[C, D, H, W]";
        };
    }
}
