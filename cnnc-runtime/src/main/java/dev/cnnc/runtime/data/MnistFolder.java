package dev.cnnc.runtime.data;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A folder in the layout of MNIST and Fashion-MNIST: {@code train-images-idx3-ubyte},
 * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte},
 * each possibly gzipped. Pixels are scaled to [0, 1], as torchvision's {@code ToTensor} does, and
 * each image gets one channel: {@code [N, 1, H, W]}.
 */
public final class MnistFolder {

    private MnistFolder() {}

    public static Dataset training(Path folder) throws DataFormatException {
        return load(folder, "train");
    }

    public static Dataset test(Path folder) throws DataFormatException {
        return load(folder, "t10k");
    }

    private static Dataset load(Path folder, String prefix) throws DataFormatException {
        Path imagesFile = find(folder, prefix + "-images-idx3-ubyte");
        Path labelsFile = find(folder, prefix + "-labels-idx1-ubyte");
        Idx.Array images = Idx.read(imagesFile);
        Idx.Array labels = Idx.read(labelsFile);
        if (images.shape().length != 3) {
            throw new DataFormatException(imagesFile + ": expected images of rank 3 [N, H, W], found rank "
                    + images.shape().length);
        }
        if (labels.shape().length != 1 || labels.dim(0) != images.dim(0)) {
            throw new DataFormatException(labelsFile + ": expected " + images.dim(0) + " labels, one per image of "
                    + imagesFile.getFileName() + ", found shape " + java.util.Arrays.toString(labels.shape()));
        }
        float[] pixels = images.data();
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] /= 255f;
        }
        int[] classes = new int[labels.dim(0)];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = (int) labels.data()[i];
            if (classes[i] < 0 || classes[i] != labels.data()[i]) {
                throw new DataFormatException(labelsFile + ": label " + labels.data()[i] + " of sample " + i
                        + " is not a class number");
            }
        }
        return Dataset.labelled(new int[] {1, images.dim(1), images.dim(2)}, pixels, classes);
    }

    private static Path find(Path folder, String name) throws DataFormatException {
        for (String candidate : new String[] {name, name + ".gz"}) {
            Path file = folder.resolve(candidate);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new DataFormatException(folder + ": no " + name + " or " + name + ".gz (an MNIST-format folder holds"
                + " train- and t10k- images and labels)");
    }
}
