package dev.cnnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.runtime.io.NdArray;
import dev.cnnc.runtime.io.Npy;
import dev.cnnc.runtime.io.Npz;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cnnc viz}: filter and feature-map pictures of the expected size and content, and clear refusals. */
class VizCommandTest {

    @TempDir
    Path dir;

    Path model;
    Path params;

    @BeforeEach
    void files() throws Exception {
        model = Files.writeString(dir.resolve("tiny.cnn"), TrainCommandTest.MODEL);
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        float[] weight = new float[27];
        for (int i = 0; i < 27; i++) {
            weight[i] = 9 - i % 9;  // each 3x3 filter falls from its top-left corner (largest) to its bottom-right
        }
        arrays.put("features.weight", new NdArray(new int[] {3, 1, 3, 3}, weight));
        arrays.put("features.bias", new NdArray(new int[] {3}, new float[3]));
        arrays.put("logits.weight", new NdArray(new int[] {2, 48}, new float[96]));
        arrays.put("logits.bias", new NdArray(new int[] {2}, new float[2]));
        params = dir.resolve("params.npz");
        Npz.write(arrays, params);
    }

    @Test
    void filtersAreTilesFromBlackToWhiteUnderATitle() throws Exception {
        Path out = dir.resolve("filters.png");
        CliRun run = CliRun.of("viz", model.toString(), "--params", params.toString(), "--filters", "features", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().startsWith("wrote " + out + ": 3 filters 3x3 of features over 1 input channel, "), run.out());
        BufferedImage image = ImageIO.read(out.toFile());
        assertTrue(image.getWidth() >= 480 && image.getHeight() >= 200, "a size a person reads: " + image.getWidth() + "x"
                + image.getHeight());
        assertTrue(count(image, 0x000000) >= 3 * 32 * 32, "each filter's smallest weight is a black square of 32x32 pixels");
        assertTrue(count(image, 0xffffff) >= 3 * 32 * 32, "and its largest a white one");
        assertTrue(hasText(image, 0, 30), "a title at the top");
    }

    private static int count(BufferedImage image, int rgb) {
        int found = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                found += (image.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
            }
        }
        return found;
    }

    /** Dark grey text pixels in rows {@code from} to {@code to}. */
    private static boolean hasText(BufferedImage image, int from, int to) {
        for (int y = from; y < to; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == 0x282828) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void denseWeightsOverAFlattenedFeatureMapAreFiltersToo() throws Exception {
        Path out = dir.resolve("dense.png");
        CliRun run = CliRun.of("viz", model.toString(), "--params", params.toString(), "--filters", "logits", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("2 filters 4x4 of logits over 3 input channels"), run.out());
    }

    @Test
    void featureMapsOfOneSample() throws Exception {
        Path input = dir.resolve("x.npy");
        Npy.write(new NdArray(new int[] {2, 1, 6, 6}, new float[72]), input);
        Path out = dir.resolve("maps.png");
        CliRun run = CliRun.of("viz", model.toString(), "--params", params.toString(), "--activations", "features",
                "--input", input.toString(), "--sample", "1", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("features of sample 1, shape [3, 4, 4], "), run.out());
        BufferedImage image = ImageIO.read(out.toFile());
        assertTrue(image.getWidth() >= 480, "width " + image.getWidth());
        // A zero input and zero biases give constant maps, drawn mid-grey: 3 maps of 4x4 values, 32 pixels each.
        assertTrue(count(image, 0x808080) >= 3 * 128 * 128, "three grey maps");
    }

    @Test
    void mistakesAreExplained() throws Exception {
        Path out = dir.resolve("never.png");
        refused("has no layer 'conv1' with weights; its weighted layers are features, logits",
                "viz", model.toString(), "--params", params.toString(), "--filters", "conv1", "--out", out.toString());
        Path input = dir.resolve("x.npy");
        Npy.write(new NdArray(new int[] {2, 1, 5, 5}, new float[50]), input);
        refused("has shape [2, 1, 5, 5], expected [N, 1, 6, 6]", "viz", model.toString(), "--params", params.toString(),
                "--activations", "features", "--input", input.toString(), "--out", out.toString());
        Npy.write(new NdArray(new int[] {2, 1, 6, 6}, new float[72]), input);
        refused("--sample 2: " + input + " has 2 samples", "viz", model.toString(), "--params", params.toString(),
                "--activations", "features", "--input", input.toString(), "--sample", "2", "--out", out.toString());
        refused("has no layer 'nope'", "viz", model.toString(), "--activations", "nope", "--input", input.toString(),
                "--out", out.toString());
        assertFalse(Files.exists(out), "nothing is written when the picture cannot be drawn");
        assertEquals(2, CliRun.of("viz", model.toString(), "--filters", "features").exitCode(), "--out is needed");
        assertEquals(2, CliRun.of("viz", model.toString(), "--activations", "features", "--out", out.toString()).exitCode(),
                "--activations needs --input");
        assertEquals(2, CliRun.of("viz", model.toString(), "--filters", "features", "--out", params.toString()).exitCode(),
                "the picture is a .png");
        Path odd = dir.resolve("odd.png");
        Npy.write(new NdArray(new int[] {1, 1, 6, 6}, new float[36]), odd);
        byte[] before = Files.readAllBytes(odd);
        refused("odd.png", "viz", model.toString(), "--activations", "features", "--input", odd.toString(), "--out",
                odd.toString());
        assertEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(Files.readAllBytes(odd)),
                "an input is never overwritten");
    }

    private static void refused(String reason, String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertFalse(run.hasStackTrace(), run.err());
        assertTrue(run.err().contains(reason), "expected '" + reason + "' in:\n" + run.err());
    }
}
