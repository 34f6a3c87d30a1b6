package dev.cnnc.runtime;

/**
 * Data given to a {@link Network} that does not fit it: a wrong length or batch size, a backward
 * pass without a forward pass. The message names what was expected and what was found.
 */
public final class InvalidInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }
}
