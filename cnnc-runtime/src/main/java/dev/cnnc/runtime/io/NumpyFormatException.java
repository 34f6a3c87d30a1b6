package dev.cnnc.runtime.io;

/** A {@code .npy} or {@code .npz} file that cnnc cannot read; the message names the file and what is wrong. */
public final class NumpyFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public NumpyFormatException(String message) {
        super(message);
    }

    public NumpyFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
