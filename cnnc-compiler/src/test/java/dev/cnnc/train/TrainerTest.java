package dev.cnnc.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.driver.Backend;
import dev.cnnc.interpreter.TestNetworks;
import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.runtime.Network;
import dev.cnnc.runtime.ParameterSpec;
import dev.cnnc.runtime.data.Dataset;
import dev.cnnc.runtime.io.NdArray;
import dev.cnnc.runtime.io.Npz;
import dev.cnnc.runtime.train.Adam;
import dev.cnnc.runtime.train.Checkpoint;
import dev.cnnc.runtime.train.EpochResult;
import dev.cnnc.runtime.train.Loss;
import dev.cnnc.runtime.train.Optimizer;
import dev.cnnc.runtime.train.Sgd;
import dev.cnnc.runtime.train.Trainer;
import dev.cnnc.runtime.train.TrainingListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The training loop on a small network and a few hundred synthetic samples, through each backend. */
class TrainerTest {

    /** Conv, batch norm, dropout and dense: every kind of state a resumed run has to carry on with. */
    static final String MODEL = """
            network Blobs {
                input image: [1, 8, 8]
                features = conv2d(image, out: 4, kernel: 3, padding: 1) -> batchnorm -> relu
                pooled = maxpool2d(features, kernel: 2)
                logits = dense(dropout(flatten(pooled), p: 0.2), out: 3)
                output logits
            }
            """;

    @TempDir
    Path dir;

    /** Images with a bright blob in one of three places, plus noise; the class is the place. */
    static Dataset blobs(int count, long seed) {
        Random random = new Random(seed);
        float[] images = new float[count * 64];
        int[] labels = new int[count];
        int[][] centres = {{2, 2}, {2, 5}, {5, 3}};
        for (int s = 0; s < count; s++) {
            int label = random.nextInt(3);
            labels[s] = label;
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    double d2 = Math.pow(y - centres[label][0], 2) + Math.pow(x - centres[label][1], 2);
                    images[s * 64 + y * 8 + x] = (float) (Math.exp(-d2 / 2) + 0.3 * random.nextGaussian());
                }
            }
        }
        return Dataset.labelled(new int[] {1, 8, 8}, images, labels);
    }

    private static Network network(Backend backend) {
        CheckedGraph graph = TestNetworks.check(MODEL);
        Network network = backend.load(graph);
        network.parameters().initialize(7);
        return network;
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"BYTECODE", "INTERPRETER", "JAVA"})
    void trainingLowersTheLossAndLearnsTheClasses(Backend backend) {
        Dataset train = blobs(300, 1);
        Dataset test = blobs(100, 2);
        try (Network network = network(backend)) {
            Trainer trainer = new Trainer(network, Loss.named("cross-entropy"), new Sgd(network.parameters(), 0.05, 0.9, 0), 32, 3);
            double before = trainer.evaluate(test).loss();
            List<EpochResult> results = new ArrayList<>();
            for (int e = 0; e < 4; e++) {
                results.add(trainer.trainEpoch(train, test, TrainingListener.SILENT));
            }
            assertTrue(results.get(3).trainLoss() < 0.5 * results.get(0).trainLoss(), results.toString());
            assertTrue(results.get(3).testLoss() < 0.5 * before, before + " -> " + results);
            assertTrue(results.get(3).testAccuracy() > 0.9, results.toString());
            assertEquals(4, trainer.epochsDone());
            assertEquals(4 * 10, trainer.stepsDone(), "300 samples in batches of 32: 9 full and a last partial one");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"BYTECODE", "INTERPRETER"})
    void aSavedRunResumesExactlyWhereItStopped(Backend backend) throws Exception {
        Dataset train = blobs(200, 4);
        List<Function<Network, Optimizer>> optimizers = List.of(
                n -> new Sgd(n.parameters(), 0.05, 0.9, 1e-4), n -> new Adam(n.parameters(), 0.01, 0));
        for (Function<Network, Optimizer> makeOptimizer : optimizers) {
            Map<String, NdArray> straight;
            List<EpochResult> straightHistory = new ArrayList<>();
            try (Network network = network(backend)) {
                Trainer trainer = new Trainer(network, Loss.named("cross-entropy"), makeOptimizer.apply(network), 24, 5);
                for (int e = 0; e < 4; e++) {
                    straightHistory.add(trainer.trainEpoch(train, null, TrainingListener.SILENT));
                }
                straight = network.parameters().toArrays();
            }

            Path saved = dir.resolve("run.npz");
            List<EpochResult> history = new ArrayList<>();
            try (Network network = network(backend)) {
                Optimizer optimizer = makeOptimizer.apply(network);
                Trainer trainer = new Trainer(network, Loss.named("cross-entropy"), optimizer, 24, 5);
                for (int e = 0; e < 2; e++) {
                    history.add(trainer.trainEpoch(train, null, TrainingListener.SILENT));
                }
                new Checkpoint(trainer.epochsDone(), trainer.stepsDone(), history, optimizer.state())
                        .save(saved, network.parameters());
            }
            try (Network network = network(backend)) {
                // A fresh process: other initial parameters, which the saved ones replace.
                network.parameters().initialize(99);
                network.parameters().load(Npz.read(saved, note -> {}), saved.toString(), warning -> {});
                Optimizer optimizer = makeOptimizer.apply(network);
                Checkpoint checkpoint = Checkpoint.read(saved, network.parameters());
                assertNotNull(checkpoint);
                optimizer.restore(checkpoint.optimizerState());
                Trainer trainer = new Trainer(network, Loss.named("cross-entropy"), optimizer, 24, 5);
                trainer.resumeAfter(checkpoint.epochs(), checkpoint.steps());
                EpochResult third = trainer.trainEpoch(train, null, TrainingListener.SILENT);
                EpochResult fourth = trainer.trainEpoch(train, null, TrainingListener.SILENT);
                assertEquals(3, third.epoch());
                assertEquals(straightHistory.get(3).trainLoss(), fourth.trainLoss(), optimizer.describe());
                Map<String, NdArray> resumed = network.parameters().toArrays();
                for (ParameterSpec spec : network.parameters().specs()) {
                    assertArrayEquals(straight.get(spec.name()).data(), resumed.get(spec.name()).data(),
                            backend + ", " + optimizer.describe() + ": " + spec.name() + " after 2 + 2 epochs");
                }
                assertEquals(2, checkpoint.history().size());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"BYTECODE", "JAVA"})
    void parameterGradientsWithoutTheInputGradientAreTheSame(Backend backend) {
        Random random = new Random(8);
        try (Network full = network(backend); Network partial = network(backend)) {
            for (Network network : List.of(full, partial)) {
                network.setTraining(true);
                network.setSeed(11);
            }
            float[] x = TestNetworks.gaussian(5 * 64, random);
            float[] g = TestNetworks.gaussian(5 * 3, random);
            full.forward(5, x);
            partial.forward(5, x);
            full.parameters().zeroGradients();
            partial.parameters().zeroGradients();
            full.backward(g);
            partial.backwardParameters(g);
            for (ParameterSpec spec : full.parameters().specs()) {
                if (spec.trainable()) {
                    assertArrayEquals(full.parameters().gradient(spec.name()), partial.parameters().gradient(spec.name()),
                            spec.name());
                }
            }
        }
    }
}
