package dev.cnnc.cli;

/** A mistake in what the user gave (a file, a shape, a path): the command prints the message and exits with 1. */
final class InputError extends Exception {

    private static final long serialVersionUID = 1L;

    InputError(String message) {
        super(message);
    }
}
