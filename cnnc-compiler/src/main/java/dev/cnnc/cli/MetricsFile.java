package dev.cnnc.cli;

import dev.cnnc.runtime.io.AtomicFiles;
import dev.cnnc.runtime.train.EpochResult;
import dev.cnnc.util.JsonWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cnnc train --metrics FILE.json}: {@code {"epochs": [{"epoch", "train_loss", "test_loss",
 * "test_accuracy", "seconds", ...}]}}, rewritten whole after every epoch; values that do not apply are null.
 */
final class MetricsFile {

    private MetricsFile() {}

    static String json(List<EpochResult> history) {
        List<Object> epochs = new ArrayList<>();
        for (EpochResult result : history) {
            Map<String, Object> epoch = new LinkedHashMap<>();
            epoch.put("epoch", result.epoch());
            epoch.put("train_loss", round(result.trainLoss()));
            epoch.put("test_loss", round(result.testLoss()));
            epoch.put("test_accuracy", round(result.testAccuracy()));
            epoch.put("seconds", round(result.seconds()));
            epoch.put("train_accuracy", round(result.trainAccuracy()));
            epochs.add(epoch);
        }
        return JsonWriter.write(Map.of("epochs", epochs)) + "\n";
    }

    static void write(Path file, List<EpochResult> history) throws IOException {
        AtomicFiles.write(file, json(history).getBytes(StandardCharsets.UTF_8));
    }

    /** Six significant digits: what a float32 holds, so a resumed run's earlier epochs print as they did. */
    private static Double round(double value) {
        if (!Double.isFinite(value)) {
            return null;
        }
        return value == 0 ? 0.0 : Double.parseDouble(String.format(java.util.Locale.ROOT, "%.6g", value));
    }
}
