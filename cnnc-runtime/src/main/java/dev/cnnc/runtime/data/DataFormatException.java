package dev.cnnc.runtime.data;

/** A data file that cannot be read as what it claims to be; the message names the file and the reason. */
public final class DataFormatException extends Exception {

    public DataFormatException(String message) {
        super(message);
    }

    public DataFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
