package dev.cnnc.runtime.train;

import dev.cnnc.runtime.ParameterSpec;
import dev.cnnc.runtime.Parameters;
import dev.cnnc.runtime.io.NdArray;
import dev.cnnc.runtime.io.Npz;
import dev.cnnc.runtime.io.NumpyFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * A training run saved to resume: the parameters as a PyTorch {@code state_dict} archive
 * ({@code P.npz}, loadable by {@code load_state_dict}) and, beside it, the rest of the run in
 * {@code P.train-state.npz}: the epochs and steps done, the optimizer's moments and each epoch's
 * results. The state records a checksum of the parameters it goes with, so a parameter file
 * replaced since is noticed rather than resumed with a stale optimizer.
 *
 * @param epochs the epochs done
 * @param steps the optimizer steps done
 * @param history each epoch's result, in order
 * @param optimizerState what {@link Optimizer#state()} returned
 */
public record Checkpoint(int epochs, long steps, List<EpochResult> history, Map<String, NdArray> optimizerState) {

    private static final String EPOCHS = "cnnc.epochs";
    private static final String STEPS = "cnnc.steps";
    private static final String CHECKSUM = "cnnc.parameters_crc32";
    private static final String HISTORY = "cnnc.history";
    private static final String OPTIMIZER = "optimizer.";
    private static final int HISTORY_COLUMNS = 6;

    public Checkpoint {
        history = List.copyOf(history);
        optimizerState = Map.copyOf(optimizerState);
    }

    /** Where the training state of the parameter file {@code parameters} goes: {@code P.npz} to {@code P.train-state.npz}. */
    public static Path statePath(Path parameters) {
        String name = parameters.getFileName().toString();
        String stem = name.endsWith(".npz") ? name.substring(0, name.length() - 4) : name;
        return parameters.resolveSibling(stem + ".train-state.npz");
    }

    /**
     * The parameters as PyTorch's {@code state_dict} has them: every parameter and buffer, plus
     * {@code num_batches_tracked} for each batch norm, which {@code load_state_dict} insists on.
     */
    public static Map<String, NdArray> stateDict(Parameters parameters, long steps) {
        Map<String, NdArray> arrays = new LinkedHashMap<>(parameters.toArrays());
        for (ParameterSpec spec : parameters.specs()) {
            if (spec.kind() == ParameterSpec.Kind.RUNNING_VAR) {
                String prefix = spec.name().substring(0, spec.name().length() - "running_var".length());
                arrays.put(prefix + "num_batches_tracked", new NdArray(new int[0], new float[] {steps}));
            }
        }
        return arrays;
    }

    /** Writes the parameters, then their training state; each through a temporary file and a rename. */
    public void save(Path parametersFile, Parameters parameters) throws IOException {
        Map<String, NdArray> state = new LinkedHashMap<>();
        state.put(EPOCHS, scalar(epochs));
        state.put(STEPS, new NdArray(new int[] {2}, new float[] {steps >>> 24, steps & 0xffffff}));
        long crc = checksum(parameters.toArrays());
        state.put(CHECKSUM, new NdArray(new int[] {2}, new float[] {crc >>> 16, crc & 0xffff}));
        float[] rows = new float[history.size() * HISTORY_COLUMNS];
        for (int i = 0; i < history.size(); i++) {
            EpochResult r = history.get(i);
            double[] row = {r.epoch(), r.trainLoss(), r.trainAccuracy(), r.testLoss(), r.testAccuracy(), r.seconds()};
            for (int c = 0; c < HISTORY_COLUMNS; c++) {
                rows[i * HISTORY_COLUMNS + c] = (float) row[c];
            }
        }
        state.put(HISTORY, new NdArray(new int[] {history.size(), HISTORY_COLUMNS}, rows));
        optimizerState.forEach((key, value) -> state.put(OPTIMIZER + key, value));
        // The state goes second: a run stopped in between finds it out of date by its checksum and says so.
        Npz.write(stateDict(parameters, steps), parametersFile);
        Npz.write(state, statePath(parametersFile));
    }

    /**
     * Reads the training state saved beside {@code parametersFile}, for the parameters already loaded
     * into {@code parameters}. Returns null when there is none (a file PyTorch wrote, say).
     *
     * @throws StaleStateException when the state was saved with other parameters than the file now holds
     */
    public static Checkpoint read(Path parametersFile, Parameters parameters) throws NumpyFormatException, StaleStateException {
        Path file = statePath(parametersFile);
        if (!Files.exists(file)) {
            return null;
        }
        Map<String, NdArray> state = Npz.read(file);
        for (String key : List.of(EPOCHS, STEPS, CHECKSUM, HISTORY)) {
            if (!state.containsKey(key)) {
                throw new NumpyFormatException(file + ": not a cnnc training state (no '" + key + "')");
            }
        }
        float[] crc = state.get(CHECKSUM).data();
        if (((long) crc[0] << 16 | (long) crc[1]) != checksum(parameters.toArrays())) {
            throw new StaleStateException(file + " was saved with other parameters than " + parametersFile
                    + " now holds");
        }
        float[] steps = state.get(STEPS).data();
        NdArray table = state.get(HISTORY);
        List<EpochResult> history = new ArrayList<>();
        float[] rows = table.data();
        for (int i = 0; i + HISTORY_COLUMNS <= rows.length; i += HISTORY_COLUMNS) {
            history.add(new EpochResult((int) rows[i], rows[i + 1], rows[i + 2], rows[i + 3], rows[i + 4], rows[i + 5]));
        }
        Map<String, NdArray> optimizer = new LinkedHashMap<>();
        state.forEach((key, value) -> {
            if (key.startsWith(OPTIMIZER)) {
                optimizer.put(key.substring(OPTIMIZER.length()), value);
            }
        });
        return new Checkpoint((int) state.get(EPOCHS).data()[0], (long) steps[0] << 24 | (long) steps[1], history, optimizer);
    }

    /** The training state is out of date with the parameter file beside it. */
    public static final class StaleStateException extends Exception {
        public StaleStateException(String message) {
            super(message);
        }
    }

    private static NdArray scalar(float value) {
        return new NdArray(new int[0], new float[] {value});
    }

    private static long checksum(Map<String, NdArray> arrays) {
        CRC32 crc = new CRC32();
        for (Map.Entry<String, NdArray> entry : arrays.entrySet()) {
            crc.update(entry.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            ByteBuffer bytes = ByteBuffer.allocate(entry.getValue().data().length * 4);
            bytes.asFloatBuffer().put(entry.getValue().data());
            crc.update(bytes.array());
        }
        return crc.getValue();
    }
}
