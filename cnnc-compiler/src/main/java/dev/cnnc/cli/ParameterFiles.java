package dev.cnnc.cli;

import dev.cnnc.runtime.Network;
import dev.cnnc.runtime.ParameterLoadException;
import dev.cnnc.runtime.io.Npz;
import dev.cnnc.runtime.io.NumpyFormatException;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Loads a {@code state_dict} archive into a network for a command, turning every problem into one message. */
final class ParameterFiles {

    private ParameterFiles() {}

    /** @param command how messages start, such as {@code cnnc run} */
    static void load(Network network, Path file, String command, PrintWriter err) throws InputError {
        try {
            network.parameters().load(Npz.read(file, note -> err.println(command + ": note: " + note)), file.toString(),
                    warning -> err.println(command + ": warning: " + warning));
        } catch (NumpyFormatException e) {
            throw new InputError(e.getMessage());
        } catch (ParameterLoadException e) {
            throw new InputError(file + " does not fit " + network.spec().name() + ":\n  " + String.join("\n  ", e.problems()));
        }
    }
}
