package dev.cnnc.cli;

import dev.cnnc.runtime.data.DataFormatException;
import dev.cnnc.runtime.data.Dataset;
import dev.cnnc.runtime.data.MnistFolder;
import dev.cnnc.runtime.io.NdArray;
import dev.cnnc.runtime.io.Npy;
import dev.cnnc.runtime.io.NumpyFormatException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The training and test data of {@code cnnc train}: an MNIST-format folder, or {@code .npy} pairs. */
record TrainingData(Dataset train, Dataset test, String description) {

    /** Where Debian's {@code dataset-fashion-mnist} package puts Fashion-MNIST. */
    static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    static TrainingData fromFolder(Path folder, boolean defaulted) throws InputError {
        if (!Files.isDirectory(folder)) {
            if (defaulted) {
                throw new InputError("no training data: " + folder + " does not exist. Install Fashion-MNIST with"
                        + " 'apt-get update && apt-get install dataset-fashion-mnist' (as root, on Debian or Ubuntu), or give --data DIR (an"
                        + " MNIST-format folder) or --x X.npy --y Y.npy");
            }
            throw new InputError("--data " + folder + ": no such directory");
        }
        try {
            Dataset train = MnistFolder.training(folder);
            Dataset test = MnistFolder.test(folder);
            return new TrainingData(train, test, folder.toString());
        } catch (DataFormatException e) {
            throw new InputError(e.getMessage());
        }
    }

    /**
     * Inputs {@code [N, ...]} from {@code x}; from {@code y}, labels {@code [N]} (integers) when
     * {@code labels}, else targets {@code [N, ...]}; with {@code autoencoding}, the inputs are the targets.
     */
    static Dataset fromArrays(Path x, Path y, boolean labels, boolean autoencoding, String role, PrintWriter err)
            throws InputError {
        NdArray inputs = read(x, err);
        if (inputs.rank() < 2) {
            throw new InputError(x + ": " + role + " inputs have shape " + inputs.shapeString()
                    + "; expected a batch of samples [N, ...]");
        }
        int[] sampleShape = Arrays.copyOfRange(inputs.shape(), 1, inputs.rank());
        if (autoencoding) {
            return Dataset.withTargets(sampleShape, inputs.data(), sampleShape, inputs.data());
        }
        NdArray targets = read(y, err);
        if (targets.rank() < 1 || targets.dim(0) != inputs.dim(0)) {
            throw new InputError(y + ": has shape " + targets.shapeString() + ", but " + x + " holds " + inputs.dim(0)
                    + " samples; the first dimensions must agree");
        }
        if (!labels) {
            int[] targetShape = Arrays.copyOfRange(targets.shape(), 1, Math.max(targets.rank(), 1));
            return Dataset.withTargets(sampleShape, inputs.data(), targetShape, targets.data());
        }
        if (targets.rank() != 1) {
            throw new InputError(y + ": labels for cross-entropy have shape [N], one class number per sample; this"
                    + " file has " + targets.shapeString() + " (use --loss mse or bce for target tensors)");
        }
        int[] classes = new int[targets.dim(0)];
        for (int i = 0; i < classes.length; i++) {
            float label = targets.data()[i];
            if (label < 0 || label != Math.rint(label)) {
                throw new InputError(y + ": label " + label + " of sample " + i + " is not a class number (0, 1, 2, ...)");
            }
            classes[i] = (int) label;
        }
        return Dataset.labelled(sampleShape, inputs.data(), classes);
    }

    private static NdArray read(Path file, PrintWriter err) throws InputError {
        try {
            // Integer data (labels, pixels) converts as expected; only lost float64 precision is worth a note.
            return Npy.read(file, note -> {
                if (note.contains(": float64 data")) {
                    err.println("cnnc train: note: " + note);
                }
            });
        } catch (NumpyFormatException e) {
            throw new InputError(e.getMessage());
        }
    }
}
