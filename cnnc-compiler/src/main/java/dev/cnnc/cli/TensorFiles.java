package dev.cnnc.cli;

import dev.cnnc.runtime.TensorSpec;
import dev.cnnc.runtime.io.NdArray;
import dev.cnnc.runtime.io.Npy;
import dev.cnnc.runtime.io.Npz;
import dev.cnnc.runtime.io.NumpyFormatException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Matches tensor files of the command line to a network's inputs or outputs, checking every shape. */
final class TensorFiles {

    private TensorFiles() {}

    /**
     * Reads one array per tensor of {@code specs}, by name.
     *
     * @param batch the batch size the arrays must have, or -1 to take it from the first
     */
    static Map<String, NdArray> read(List<TensorArgument> arguments, List<TensorSpec> specs, String option, int batch,
            PrintWriter err) throws InputError {
        Map<String, TensorArgument> byName = match(arguments, specs.stream().map(TensorSpec::name).toList(), option);
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        for (TensorSpec tensor : specs) {
            TensorArgument argument = byName.get(tensor.name());
            NdArray array;
            try {
                array = Npy.read(argument.file(), note -> err.println("cnnc run: note: " + note));
            } catch (NumpyFormatException e) {
                throw new InputError(e.getMessage());
            }
            int[] expected = tensor.shape();
            int[] found = array.shape();
            boolean fits = found.length == expected.length + 1
                    && Arrays.equals(Arrays.copyOfRange(found, 1, found.length), expected) && found[0] >= 1;
            if (!fits) {
                String hint = Arrays.equals(found, expected) ? " (the batch dimension is missing: save it as [1, ...])" : "";
                throw new InputError(argument.file() + ": " + option + " '" + tensor.name() + "' has shape "
                        + Arrays.toString(found) + ", expected " + tensor.batchShapeText() + hint);
            }
            if (batch < 0) {
                batch = found[0];
            } else if (found[0] != batch) {
                throw new InputError(argument.file() + ": " + option + " '" + tensor.name() + "' has a batch of "
                        + found[0] + ", but the other tensors have " + batch);
            }
            arrays.put(tensor.name(), array);
        }
        return arrays;
    }

    /** Writes each output to its file; a single {@code .npz} takes all of them by name. */
    static void write(List<TensorArgument> arguments, Map<String, NdArray> arrays, String option) throws InputError {
        try {
            if (arguments.size() == 1 && arguments.get(0).name() == null
                    && arguments.get(0).file().toString().endsWith(".npz")) {
                Npz.write(arrays, arguments.get(0).file());
                return;
            }
            Map<String, TensorArgument> byName = match(arguments, List.copyOf(arrays.keySet()), option);
            for (Map.Entry<String, TensorArgument> entry : byName.entrySet()) {
                Npy.write(arrays.get(entry.getKey()), entry.getValue().file());
            }
        } catch (IOException e) {
            throw new InputError("cannot write " + option + ": " + reason(e));
        }
    }

    /** Pairs each tensor name with its argument: a lone unnamed file fits a lone tensor, otherwise NAME=FILE for each. */
    private static Map<String, TensorArgument> match(List<TensorArgument> arguments, List<String> names, String option)
            throws InputError {
        Map<String, TensorArgument> byName = new HashMap<>();
        if (names.size() == 1 && arguments.size() == 1
                && (arguments.get(0).name() == null || arguments.get(0).name().equals(names.get(0)))) {
            byName.put(names.get(0), arguments.get(0));
            return byName;
        }
        for (TensorArgument argument : arguments) {
            if (argument.name() == null) {
                throw new InputError(option + " " + argument.file() + ": the network has " + names.size()
                        + " of these (" + String.join(", ", names) + "); write NAME=FILE for each");
            }
            if (!names.contains(argument.name())) {
                throw new InputError(option + " " + argument + ": the network has no tensor '" + argument.name()
                        + "' here; it has " + String.join(", ", names));
            }
            if (byName.put(argument.name(), argument) != null) {
                throw new InputError(option + " " + argument.name() + " is given twice");
            }
        }
        for (String name : names) {
            if (!byName.containsKey(name)) {
                throw new InputError(option + " is missing for '" + name + "' (give " + name + "=FILE)");
            }
        }
        return byName;
    }

    static String reason(IOException e) {
        if (e instanceof NoSuchFileException missing) {
            return missing.getReason() != null ? missing.getReason() : "no such file or directory: " + missing.getFile();
        }
        if (e instanceof AccessDeniedException denied) {
            return "permission denied: " + denied.getFile();
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
