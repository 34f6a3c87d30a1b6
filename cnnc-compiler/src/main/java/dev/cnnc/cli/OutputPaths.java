package dev.cnnc.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Guards the files a command writes: each goes into an existing directory, none is a directory,
 * none is one of the command's input files, and no two are the same, so nothing the user gave is
 * ever overwritten. Checked before any work is done.
 */
final class OutputPaths {

    private final List<Path> inputs = new ArrayList<>();
    private final List<Path> outputs = new ArrayList<>();

    void input(Path file) {
        if (file != null) {
            inputs.add(file);
        }
    }

    void output(Path file, String option) throws InputError {
        if (file == null) {
            return;
        }
        Path absolute = file.toAbsolutePath().normalize();
        Path directory = absolute.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new InputError(option + " " + file + ": the directory " + directory + " does not exist");
        }
        if (Files.isDirectory(absolute)) {
            throw new InputError(option + " " + file + ": is a directory; give a file name");
        }
        for (Path input : inputs) {
            if (same(input, absolute)) {
                throw new InputError(option + " " + file + " is also an input of this command; refusing to overwrite it");
            }
        }
        for (Path other : outputs) {
            if (same(other, absolute)) {
                throw new InputError(option + " " + file + " is written by another option of this command too");
            }
        }
        outputs.add(absolute);
    }

    private static boolean same(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // Fall back to comparing the names.
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
}
