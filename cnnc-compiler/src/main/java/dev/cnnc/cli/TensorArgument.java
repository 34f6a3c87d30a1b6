package dev.cnnc.cli;

import java.nio.file.Path;

/**
 * A tensor file on the command line, {@code FILE} or {@code NAME=FILE}: which input or output of
 * the network it belongs to (null when unnamed) and where it is.
 */
record TensorArgument(String name, Path file) {

    /** Picocli's converter: a name is a word before the first {@code =} that is not part of a path. */
    static TensorArgument parse(String text) {
        int equals = text.indexOf('=');
        if (equals > 0 && text.substring(0, equals).matches("[A-Za-z_][A-Za-z0-9_]*")) {
            return new TensorArgument(text.substring(0, equals), Path.of(text.substring(equals + 1)));
        }
        return new TensorArgument(null, Path.of(text));
    }

    @Override
    public String toString() {
        return name == null ? file.toString() : name + "=" + file;
    }
}
