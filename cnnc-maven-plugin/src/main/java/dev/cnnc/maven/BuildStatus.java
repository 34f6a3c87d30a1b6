package dev.cnnc.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the last build compiled, kept under {@code target/maven-status} as the ANTLR plugin keeps
 * its own: per model, a fingerprint of its text and the options, and the files it wrote. A model
 * whose fingerprint matches and whose files are all there is not compiled again; the files of a
 * model that is gone are removed.
 *
 * <p>One line per model: {@code PATH<tab>FINGERPRINT<tab>OUTPUT|OUTPUT...}.
 */
final class BuildStatus {

    /** A model's last build. */
    record Entry(String fingerprint, List<String> outputs) {}

    private final Map<String, Entry> entries;

    private BuildStatus(Map<String, Entry> entries) {
        this.entries = entries;
    }

    static BuildStatus read(Path file) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        try {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String[] fields = line.split("\t", -1);
                    if (fields.length == 3) {
                        entries.put(fields[0], new Entry(fields[1],
                                fields[2].isEmpty() ? List.of() : Arrays.asList(fields[2].split("\\|"))));
                    }
                }
            }
        } catch (IOException e) {
            // An unreadable status only costs a full build.
            entries.clear();
        }
        return new BuildStatus(entries);
    }

    Entry get(String model) {
        return entries.get(model);
    }

    void put(String model, Entry entry) {
        entries.put(model, entry);
    }

    void remove(String model) {
        entries.remove(model);
    }

    List<String> models() {
        return new ArrayList<>(entries.keySet());
    }

    void write(Path file) throws IOException {
        StringBuilder text = new StringBuilder();
        entries.forEach((model, entry) -> text.append(model).append('\t').append(entry.fingerprint()).append('\t')
                .append(String.join("|", entry.outputs())).append('\n'));
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
