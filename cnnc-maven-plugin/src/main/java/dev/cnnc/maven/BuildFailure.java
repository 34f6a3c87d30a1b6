package dev.cnnc.maven;

/** The build must fail; the details are in the log already. */
final class BuildFailure extends Exception {

    private static final long serialVersionUID = 1L;

    BuildFailure(String message) {
        super(message);
    }
}
