package dev.cnnc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.pictures.TrainingPlot;
import dev.cnnc.runtime.io.NdArray;
import dev.cnnc.runtime.io.Npy;
import dev.cnnc.runtime.io.Npz;
import dev.cnnc.testing.Json;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cnnc train} end to end on small synthetic data: output, files, resuming and the mistakes users make. */
class TrainCommandTest {

    static final String MODEL = """
            network Tiny {
                input image: [1, 6, 6]
                features = conv2d(image, out: 3, kernel: 3) -> relu
                logits = dense(flatten(features), out: 2)
                output logits
            }
            """;

    @TempDir
    Path dir;

    Path model;
    Path x;
    Path y;

    /** 120 images: class 1 is bright on its left half, class 0 on its right half. */
    @BeforeEach
    void data() throws IOException {
        model = Files.writeString(dir.resolve("tiny.cnn"), MODEL);
        Random random = new Random(3);
        int n = 120;
        float[] images = new float[n * 36];
        float[] labels = new float[n];
        for (int s = 0; s < n; s++) {
            labels[s] = s % 2;
            for (int i = 0; i < 36; i++) {
                boolean left = i % 6 < 3;
                images[s * 36 + i] = (left == (s % 2 == 1) ? 1f : 0f) + 0.2f * (float) random.nextGaussian();
            }
        }
        x = dir.resolve("x.npy");
        y = dir.resolve("y.npy");
        Npy.write(new NdArray(new int[] {n, 1, 6, 6}, images), x);
        Npy.write(new NdArray(new int[] {n}, labels), y);
    }

    private CliRun train(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("train", model.toString(), "--x", x.toString(), "--y",
                y.toString(), "--test-x", x.toString(), "--test-y", y.toString(), "--batch", "16", "--threads", "1"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void withoutATerminalProgressComesAsPlainLinesAndTheLossFalls() throws Exception {
        CliRun run = train("--epochs", "3", "--lr", "0.05");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().startsWith("Training Tiny on " + x + ": 120 training samples, 120 test samples; sgd (lr 0.05,"
                + " momentum 0.9, weight decay 0.0), cross-entropy loss, batch 16, 1 thread, bytecode backend\n"), run.out());
        // 8 batches an epoch: a line at each tenth of it, then the epoch's summary; no carriage returns or escapes.
        assertTrue(run.out().contains("epoch 1/3  batch 1/8  loss "), run.out());
        assertTrue(run.out().matches("(?s).*epoch 3/3  train loss [0-9.]+  accuracy [0-9.]+%  test loss [0-9.]+  test accuracy"
                + " [0-9.]+%  .* samples/s\\)\n"), run.out());
        assertFalse(run.out().contains("\r") || run.out().contains("\u001b"), "no terminal control characters");
        List<Double> losses = run.out().lines().filter(line -> line.contains("train loss"))
                .map(line -> Double.parseDouble(line.replaceAll(".*train loss ([0-9.]+).*", "$1"))).toList();
        assertEquals(3, losses.size());
        assertTrue(losses.get(2) < losses.get(0), losses.toString());
    }

    @Test
    void metricsPlotAndParametersAreWrittenAfterEveryEpoch() throws Exception {
        Path metrics = dir.resolve("metrics.json");
        Path plot = dir.resolve("training.png");
        Path save = dir.resolve("params.npz");
        CliRun run = train("--epochs", "2", "--progress", "none", "--metrics", metrics.toString(), "--plot", plot.toString(),
                "--save", save.toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertFalse(run.out().contains("batch 1/8"), "--progress none prints the epoch summaries only");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> epochs = (List<Map<String, Object>>) ((Map<String, Object>) Json.parse(Files.readString(metrics))).get("epochs");
        assertEquals(2, epochs.size());
        for (String key : List.of("epoch", "train_loss", "test_loss", "test_accuracy", "seconds")) {
            assertTrue(epochs.get(1).get(key) instanceof Number, key + " in " + epochs.get(1));
        }
        assertEquals(2, ((Number) epochs.get(1).get("epoch")).intValue());

        BufferedImage image = ImageIO.read(plot.toFile());
        assertEquals(2 * TrainingPlot.CHART_WIDTH, image.getWidth(), "loss and accuracy side by side");
        assertEquals(TrainingPlot.HEIGHT, image.getHeight());

        Map<String, NdArray> parameters = Npz.read(save, note -> {});
        assertEquals(List.of("features.weight", "features.bias", "logits.weight", "logits.bias"), List.copyOf(parameters.keySet()));
        assertArrayEquals(new int[] {2, 3 * 4 * 4}, parameters.get("logits.weight").shape());
        assertTrue(Files.exists(dir.resolve("params.train-state.npz")), "the optimizer state is kept beside the parameters");
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file is left behind");
        }
    }

    @Test
    void resumingContinuesExactlyAsOneLongerRun() throws Exception {
        Path straight = dir.resolve("straight.npz");
        Path resumed = dir.resolve("resumed.npz");
        assertEquals(0, train("--epochs", "3", "--progress", "none", "--save", straight.toString()).exitCode());
        assertEquals(0, train("--epochs", "1", "--progress", "none", "--save", resumed.toString()).exitCode());
        CliRun second = train("--epochs", "2", "--progress", "none", "--resume", resumed.toString(), "--save",
                resumed.toString(), "--metrics", dir.resolve("m.json").toString());
        assertEquals(0, second.exitCode(), second.out() + second.err());
        assertTrue(second.out().contains("epoch 3/3"), "the epochs count on from the saved run:\n" + second.out());
        Map<String, NdArray> a = Npz.read(straight, note -> {});
        Map<String, NdArray> b = Npz.read(resumed, note -> {});
        assertEquals(a.keySet(), b.keySet());
        for (String name : a.keySet()) {
            assertArrayEquals(a.get(name).data(), b.get(name).data(), name + " after 3 epochs == 1 + 2 epochs");
        }
        String metrics = Files.readString(dir.resolve("m.json"));
        assertTrue(metrics.contains("\"epoch\": 1") || metrics.contains("\"epoch\":1"), "the history of the first run is kept: " + metrics);
    }

    @Test
    void anMnistFolderOfGzippedIdxFilesTrains() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("mnist"));
        Random random = new Random(1);
        for (String prefix : List.of("train", "t10k")) {
            int n = prefix.equals("train") ? 64 : 16;
            byte[] pixels = new byte[n * 36];
            byte[] labels = new byte[n];
            for (int s = 0; s < n; s++) {
                labels[s] = (byte) (s % 2);
                for (int i = 0; i < 36; i++) {
                    pixels[s * 36 + i] = (byte) ((i % 6 < 3) == (s % 2 == 1) ? 200 + random.nextInt(50) : random.nextInt(50));
                }
            }
            Files.write(folder.resolve(prefix + "-images-idx3-ubyte.gz"), gzip(idx(0x08, new int[] {n, 6, 6}, pixels)));
            Files.write(folder.resolve(prefix + "-labels-idx1-ubyte"), idx(0x08, new int[] {n}, labels));
        }
        CliRun run = CliRun.of("train", model.toString(), "--data", folder.toString(), "--epochs", "2", "--batch", "8",
                "--optimizer", "adam", "--progress", "none");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("64 training samples, 16 test samples; adam (lr 0.001"), run.out());
        assertTrue(run.out().contains("epoch 2/2"), run.out());
    }

    /**
     * An archive as PyTorch's {@code np.savez(f, **{k: v.numpy() for k, v in model.state_dict().items()})} writes it:
     * float32 tensors, and batch norm's {@code num_batches_tracked} as a 0-d int64.
     */
    @Test
    void aPyTorchStateDictLoadsAndTheSavedOneHasEveryKeyLoadStateDictWants() throws Exception {
        Path bn = Files.writeString(dir.resolve("bn.cnn"), """
                network BN {
                    input image: [1, 6, 6]
                    c = conv2d(image, out: 2, kernel: 3) -> batchnorm -> relu
                    logits = dense(flatten(c), out: 2)
                    output logits
                }
                """);
        Random random = new Random(5);
        Path torch = dir.resolve("torch.npz");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(torch))) {
            Map<String, int[]> shapes = new java.util.LinkedHashMap<>();
            shapes.put("c.0.weight", new int[] {2, 1, 3, 3});
            shapes.put("c.0.bias", new int[] {2});
            shapes.put("c.1.weight", new int[] {2});
            shapes.put("c.1.bias", new int[] {2});
            shapes.put("c.1.running_mean", new int[] {2});
            shapes.put("c.1.running_var", new int[] {2});
            shapes.put("logits.weight", new int[] {2, 32});
            shapes.put("logits.bias", new int[] {2});
            for (var entry : shapes.entrySet()) {
                int count = java.util.Arrays.stream(entry.getValue()).reduce(1, (a, b) -> a * b);
                float[] values = new float[count];
                for (int i = 0; i < count; i++) {
                    values[i] = entry.getKey().endsWith("running_var") ? 1 : 0.3f * (float) random.nextGaussian();
                }
                zip.putNextEntry(new java.util.zip.ZipEntry(entry.getKey() + ".npy"));
                zip.write(Npy.toBytes(new NdArray(entry.getValue(), values)));
                zip.closeEntry();
            }
            zip.putNextEntry(new java.util.zip.ZipEntry("c.1.num_batches_tracked.npy"));
            zip.write(int64Scalar(938));
            zip.closeEntry();
        }
        Path save = dir.resolve("cnnc.npz");
        CliRun run = CliRun.of("train", bn.toString(), "--params", torch.toString(), "--x", x.toString(), "--y", y.toString(),
                "--epochs", "1", "--progress", "none", "--save", save.toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertFalse(run.err().contains("num_batches_tracked"), "PyTorch's counter is expected, not news: " + run.err());
        Map<String, NdArray> saved = Npz.read(save, note -> {});
        assertEquals(java.util.Set.of("c.0.weight", "c.0.bias", "c.1.weight", "c.1.bias", "c.1.running_mean", "c.1.running_var",
                "c.1.num_batches_tracked", "logits.weight", "logits.bias"), saved.keySet());
        assertEquals(0, saved.get("c.1.num_batches_tracked").rank(), "a 0-d counter, as load_state_dict wants it");
    }

    /** A .npy of one int64 in C order, as NumPy writes {@code np.int64(value)}. */
    private static byte[] int64Scalar(long value) {
        String header = "{'descr': '<i8', 'fortran_order': False, 'shape': (), }";
        int total = 10 + header.length() + 1;
        int padding = (64 - total % 64) % 64;
        String padded = header + " ".repeat(padding) + "\n";
        ByteBuffer buffer = ByteBuffer.allocate(10 + padded.length() + 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        buffer.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        buffer.putShort((short) padded.length());
        buffer.put(padded.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        buffer.putLong(value);
        return buffer.array();
    }

    private static byte[] idx(int type, int[] shape, byte[] data) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * shape.length + data.length);
        buffer.put(new byte[] {0, 0, (byte) type, (byte) shape.length});
        for (int dim : shape) {
            buffer.putInt(dim);
        }
        return buffer.put(data).array();
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        }
        return out.toByteArray();
    }

    @Test
    void mistakesGetAMessageAndExitCodeOneWithoutAStackTrace() throws Exception {
        refused("--data " + dir.resolve("absent") + ": no such directory",
                "train", model.toString(), "--data", dir.resolve("absent").toString());
        float[] labels = new float[120];
        labels[7] = 5;
        Path five = dir.resolve("five.npy");
        Npy.write(new NdArray(new int[] {120}, labels), five);
        refused("the labels go up to 5, but the network has 2 outputs per sample",
                "train", model.toString(), "--x", x.toString(), "--y", five.toString());
        labels[7] = 0.5f;
        Npy.write(new NdArray(new int[] {120}, labels), five);
        refused("label 0.5 of sample 7 is not a class number", "train", model.toString(), "--x", x.toString(), "--y", five.toString());
        Path short_ = dir.resolve("short.npy");
        Npy.write(new NdArray(new int[] {100}, new float[100]), short_);
        refused("holds 120 samples; the first dimensions must agree", "train", model.toString(), "--x", x.toString(), "--y",
                short_.toString());
        Path wrong = dir.resolve("wrong.npy");
        Npy.write(new NdArray(new int[] {120, 1, 5, 5}, new float[120 * 25]), wrong);
        refused("does not fit Tiny", "train", model.toString(), "--x", wrong.toString(), "--y", y.toString());
        Path garbage = Files.write(dir.resolve("garbage.npz"), new byte[] {1, 2, 3});
        refused("garbage.npz", "train", model.toString(), "--x", x.toString(), "--y", y.toString(), "--params", garbage.toString());
        refused("each target has 1 value (shape []), but the network has 2 outputs per sample (if these are class labels, use --loss cross-entropy)", "train", model.toString(), "--x", x.toString(), "--y", y.toString(), "--loss", "mse");
        assertEquals(2, CliRun.of("train", model.toString(), "--optimizer", "rmsprop").exitCode(), "a usage mistake");
        assertEquals(2, CliRun.of("train", model.toString(), "--x", x.toString()).exitCode(), "--x without --y");
        assertEquals(1, CliRun.of("train", model.toString(), "--x", x.toString(), "--y", y.toString(), "--save", x.toString())
                .exitCode(), "an input is never overwritten");
        assertArrayEquals(new int[] {120, 1, 6, 6}, Npy.read(x, note -> {}).shape());
    }

    private void refused(String reason, String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertFalse(run.hasStackTrace(), run.err());
        assertTrue(run.err().contains(reason), "expected '" + reason + "' in:\n" + run.err());
    }
}
