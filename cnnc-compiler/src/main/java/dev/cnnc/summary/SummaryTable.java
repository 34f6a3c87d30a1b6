package dev.cnnc.summary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints a {@link NetworkSummary} as a Keras/torchinfo-style table. */
public final class SummaryTable {

    private static final String[] HEADERS = {"Layer", "Op(s)", "Output shape", "Params", "Mult-adds", "Receptive field", "Jump"};
    private static final boolean[] RIGHT = {false, false, false, true, true, false, false};

    private SummaryTable() {}

    public static String render(NetworkSummary summary, String fileName) {
        List<String[]> cells = new ArrayList<>();
        for (NetworkSummary.Row row : summary.rows()) {
            cells.add(new String[] {row.name(), row.ops(), row.output().compact(), grouped(row.parameters()),
                    grouped(row.multiplyAdds()), row.receptiveField(), row.jump()});
        }
        int[] widths = new int[HEADERS.length];
        for (int c = 0; c < HEADERS.length; c++) {
            widths[c] = HEADERS[c].length();
            for (String[] row : cells) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        int total = (HEADERS.length - 1) * 2;
        for (int width : widths) {
            total += width;
        }
        StringBuilder out = new StringBuilder();
        out.append("Network ").append(summary.network()).append(" (").append(fileName).append(")\n");
        out.append("=".repeat(total)).append('\n');
        line(out, HEADERS, widths);
        out.append("-".repeat(total)).append('\n');
        for (String[] row : cells) {
            line(out, row, widths);
        }
        out.append("=".repeat(total)).append('\n');
        String buffers = summary.parameters() == summary.trainableParameters() ? ""
                : " and " + grouped(summary.parameters() - summary.trainableParameters()) + " in batch-norm buffers";
        out.append("Parameters:        ").append(grouped(summary.trainableParameters())).append(" trainable")
                .append(buffers).append('\n');
        out.append("Mult-adds:         ").append(grouped(summary.multiplyAdds())).append(" per sample")
                .append(" (").append(String.format(Locale.ROOT, "%.2f", summary.multiplyAdds() / 1e6)).append(" M)\n");
        out.append("Input memory:      ").append(bytes(summary.inputBytes())).append(" per sample\n");
        out.append("Activation memory: ").append(bytes(summary.activationBytes()))
                .append(" per sample (every tensor of a forward pass, float32)\n");
        out.append("Parameter memory:  ").append(bytes(summary.parameterBytes())).append(" (float32)\n");
        out.append("-".repeat(total)).append('\n');
        return out.toString();
    }

    private static void line(StringBuilder out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            String cell = cells[c];
            String pad = " ".repeat(widths[c] - cell.length());
            line.append(c == 0 ? "" : "  ").append(RIGHT[c] ? pad + cell : cell + pad);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    static String grouped(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.2f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.2f MB", bytes / (1024.0 * 1024.0));
    }
}
