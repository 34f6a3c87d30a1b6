package dev.cnnc.runtime;

import java.util.List;

/** A parameter archive that does not fit the network: every missing key and wrong shape, one per line. */
public final class ParameterLoadException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ParameterLoadException(String source, List<String> problems) {
        super(source + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
