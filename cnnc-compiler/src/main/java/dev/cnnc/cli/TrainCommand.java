package dev.cnnc.cli;

import dev.cnnc.driver.Backend;
import dev.cnnc.driver.CheckResult;
import dev.cnnc.driver.FrontEnd;
import dev.cnnc.pictures.TrainingPlot;
import dev.cnnc.runtime.InvalidInputException;
import dev.cnnc.runtime.Network;
import dev.cnnc.runtime.data.Dataset;
import dev.cnnc.runtime.io.NumpyFormatException;
import dev.cnnc.runtime.train.Adam;
import dev.cnnc.runtime.train.Checkpoint;
import dev.cnnc.runtime.train.EpochResult;
import dev.cnnc.runtime.train.Loss;
import dev.cnnc.runtime.train.Optimizer;
import dev.cnnc.runtime.train.Sgd;
import dev.cnnc.runtime.train.Trainer;
import dev.cnnc.runtime.train.TrainingDivergedException;
import dev.cnnc.runtime.train.TrainingListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cnnc train MODEL.cnn}: trains a network on an MNIST-format folder or {@code .npy} pairs,
 * with a loss and an optimizer from the command line, and after every epoch writes the parameters,
 * the metrics and the plot it was asked for.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Trains a network. Data: an MNIST-format folder (--data, default Fashion-MNIST from Debian's"
                    + " dataset-fashion-mnist package) or .npy pairs (--x, --y).",
            "After every epoch it prints the losses and accuracies and rewrites --save, --metrics and --plot."
        })
final class TrainCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "the .cnn file, or a folder or jar of compiled classes")
    Path model;

    @Option(names = "--network", paramLabel = "NAME", description = "which network of the file to train (needed when it has several)")
    String networkName;

    @Option(names = "--data", paramLabel = "DIR",
            description = "an MNIST-format folder (train-/t10k- images and labels, gzipped or not); default: "
                    + "/usr/share/datasets/fashion-mnist")
    Path data;

    @Option(names = "--x", paramLabel = "X.npy", description = "training inputs [N, ...] (instead of --data)")
    Path x;

    @Option(names = "--y", paramLabel = "Y.npy",
            description = "training labels [N] (integers, for cross-entropy) or targets [N, ...] (for mse, bce)")
    Path y;

    @Option(names = "--test-x", paramLabel = "X.npy", description = "test inputs, evaluated after every epoch")
    Path testX;

    @Option(names = "--test-y", paramLabel = "Y.npy", description = "test labels or targets")
    Path testY;

    @Option(names = "--target", paramLabel = "input", description = "'input': each sample is its own target (autoencoders)")
    String target;

    @Option(names = "--train-samples", paramLabel = "N", description = "train on the first N samples only")
    Integer trainSamples;

    @Option(names = "--test-samples", paramLabel = "N", description = "test on the first N samples only")
    Integer testSamples;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10", description = "epochs to train; default: ${DEFAULT-VALUE}")
    int epochs;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "64", description = "samples per step; default: ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--loss", paramLabel = "LOSS",
            description = "cross-entropy (on logits, with labels), mse or bce (on probabilities, with targets); default:"
                    + " cross-entropy, or mse with --target input")
    String lossName;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "sgd", description = "sgd or adam; default: ${DEFAULT-VALUE}")
    String optimizerName;

    @Option(names = "--lr", paramLabel = "RATE", description = "learning rate; default: 0.01 for sgd, 0.001 for adam")
    Double learningRate;

    @Option(names = "--momentum", paramLabel = "M", defaultValue = "0.9", description = "sgd's momentum; default: ${DEFAULT-VALUE}")
    double momentum;

    @Option(names = "--weight-decay", paramLabel = "WD", defaultValue = "0", description = "L2 weight decay; default: ${DEFAULT-VALUE}")
    double weightDecay;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "seed of the initialization, the shuffles and dropout; default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--threads", paramLabel = "T",
            description = "threads of a compiled network; default: the machine's cores")
    Integer threads;

    @Option(names = "--backend", paramLabel = "BACKEND", defaultValue = "bytecode",
            completionCandidates = RunCommand.BackendNames.class, converter = RunCommand.BackendConverter.class,
            description = "${COMPLETION-CANDIDATES}; default: ${DEFAULT-VALUE}")
    Backend backend;

    @Option(names = "--params", paramLabel = "P.npz",
            description = "start from these parameters (PyTorch state_dict names) with a fresh optimizer")
    Path params;

    @Option(names = "--resume", paramLabel = "P.npz",
            description = "continue a run saved with --save: parameters, optimizer state and epoch count")
    Path resume;

    @Option(names = "--save", paramLabel = "P.npz",
            description = "write the parameters after every epoch (a PyTorch state_dict archive), and the training state"
                    + " beside it in P.train-state.npz; may be the --resume file")
    Path save;

    @Option(names = "--metrics", paramLabel = "FILE.json", description = "write each epoch's losses, accuracy and time as JSON")
    Path metrics;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "draw loss and accuracy per epoch")
    Path plot;

    @Option(names = "--progress", paramLabel = "STYLE", defaultValue = "auto",
            description = "auto (a bar on a terminal, lines otherwise), bar, lines or none; default: ${DEFAULT-VALUE}")
    ProgressStyle progress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Held while files are written, so that Ctrl-C lets a save finish rather than cut it. */
    private final ReentrantLock saving = new ReentrantLock();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        validateUsage();
        try {
            return train(out, err);
        } catch (InputError e) {
            err.println("cnnc train: " + e.getMessage());
            return ExitCodes.INPUT_ERROR;
        }
    }

    private void validateUsage() {
        CommandLine line = spec.commandLine();
        if (epochs < 0) {
            throw new CommandLine.ParameterException(line, "--epochs is at least 0, not " + epochs);
        }
        if (batch < 1) {
            throw new CommandLine.ParameterException(line, "--batch is at least 1, not " + batch);
        }
        if (threads != null && threads < 1) {
            throw new CommandLine.ParameterException(line, "--threads is at least 1, not " + threads);
        }
        if (target != null && !target.equals("input")) {
            throw new CommandLine.ParameterException(line, "--target takes 'input' (each sample its own target), not '" + target + "'");
        }
        if (x != null && data != null) {
            throw new CommandLine.ParameterException(line, "give the data either as --data DIR or as --x/--y, not both");
        }
        if (x == null && (y != null || testX != null || testY != null)) {
            throw new CommandLine.ParameterException(line, "--y, --test-x and --test-y go with --x");
        }
        if (x != null && y == null && target == null) {
            throw new CommandLine.ParameterException(line, "--x needs --y (labels or targets), or --target input");
        }
        if (y != null && target != null) {
            throw new CommandLine.ParameterException(line, "--target input takes no --y: the inputs are the targets");
        }
        if (target != null ? testY != null : (testX == null) != (testY == null)) {
            throw new CommandLine.ParameterException(line, target != null
                    ? "--target input takes no --test-y: the test inputs are their targets"
                    : "--test-x and --test-y go together");
        }
        if (params != null && resume != null) {
            throw new CommandLine.ParameterException(line, "--params starts afresh from parameters, --resume continues a run; give one");
        }
        if (!List.of("sgd", "adam").contains(optimizerName)) {
            throw new CommandLine.ParameterException(line, "unknown optimizer '" + optimizerName + "'; the optimizers are sgd and adam");
        }
        if (lossName != null && !List.of("cross-entropy", "mse", "bce").contains(lossName)) {
            throw new CommandLine.ParameterException(line, "unknown loss '" + lossName + "'; the losses are cross-entropy, mse and bce");
        }
        if (target != null && "cross-entropy".equals(lossName)) {
            throw new CommandLine.ParameterException(line, "cross-entropy needs class labels; with --target input use --loss mse or bce");
        }
        if (trainSamples != null && trainSamples < 1 || testSamples != null && testSamples < 0) {
            throw new CommandLine.ParameterException(line, "--train-samples is at least 1 and --test-samples at least 0");
        }
    }

    private int train(PrintWriter out, PrintWriter err) throws InputError {
        OutputPaths paths = new OutputPaths();
        for (Path input : new Path[] {model, x, y, testX, testY, params}) {
            paths.input(input);
        }
        // Continuing a run into the file it resumed from is the point of a checkpoint, so that one may be rewritten.
        paths.output(save, "--save");
        if (save != null) {
            paths.output(Checkpoint.statePath(save), "--save (its training state)");
        }
        paths.output(metrics, "--metrics");
        paths.output(plot, "--plot");
        if (resume != null && !java.nio.file.Files.isRegularFile(resume)) {
            throw new InputError("--resume " + resume + ": no such file");
        }

        Loss loss = Loss.named(lossName != null ? lossName : target != null ? "mse" : "cross-entropy");
        TrainingData sets = loadData(loss, err);
        Network network = loadNetwork(err);
        if (network == null) {
            return ExitCodes.INPUT_ERROR;
        }
        try {
            return train(network, loss, sets, out, err);
        } finally {
            network.close();
        }
    }

    private int train(Network network, Loss loss, TrainingData sets, PrintWriter out, PrintWriter err) throws InputError {
        network.setThreads(threads != null ? threads : Runtime.getRuntime().availableProcessors());
        Optimizer optimizer = optimizer(network);
        Trainer trainer;
        try {
            trainer = new Trainer(network, loss, optimizer, batch, seed);
        } catch (IllegalArgumentException e) {
            throw new InputError(e.getMessage());
        }
        for (Dataset set : sets.test() == null ? List.of(sets.train()) : List.of(sets.train(), sets.test())) {
            String mismatch = trainer.mismatch(set);
            if (mismatch != null) {
                throw new InputError((set == sets.train() ? "the training data" : "the test data") + " does not fit "
                        + network.spec().name() + ": " + mismatch);
            }
        }
        List<EpochResult> history = new ArrayList<>();
        Path initial = resume != null ? resume : params;
        if (initial != null) {
            ParameterFiles.load(network, initial, "cnnc train", err);
        } else {
            network.parameters().initialize(seed);
        }
        if (resume != null) {
            restore(resume, network, optimizer, trainer, history, err);
        }
        int lastEpoch = trainer.epochsDone() + epochs;
        out.println(String.format(Locale.ROOT, "Training %s on %s: %,d training samples%s; %s, %s loss, batch %d, %d thread%s, %s backend",
                network.spec().name(), sets.description(), sets.train().size(),
                sets.test() == null ? ", no test data" : String.format(Locale.ROOT, ", %,d test samples", sets.test().size()),
                optimizer.describe(), loss.name(), batch, network.threads(), network.threads() == 1 ? "" : "s",
                backend.cliName()));
        out.flush();
        TrainingListener listener = switch (progress.resolve()) {
            case BAR -> new BarProgress(System.err, lastEpoch);
            case LINES -> new LineProgress(out, lastEpoch);
            default -> TrainingListener.SILENT;
        };
        Thread stopHook = new Thread(this::waitForSave, "cnnc-train-stop");
        Runtime.getRuntime().addShutdownHook(stopHook);
        try {
            for (int e = 0; e < epochs; e++) {
                EpochResult result;
                try {
                    result = trainer.trainEpoch(sets.train(), sets.test(), listener);
                } catch (TrainingDivergedException diverged) {
                    throw new InputError(diverged.getMessage() + (save == null ? "" : "; " + save
                            + " keeps the last finished epoch"));
                } catch (InvalidInputException invalid) {
                    throw new InputError(invalid.getMessage());
                }
                history.add(result);
                out.println(summary(result, lastEpoch, sets.train().size()));
                out.flush();
                writeFiles(network, optimizer, trainer, history);
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopHook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is stopping already; the hook is running.
            }
        }
        if (epochs == 0 && sets.test() != null) {
            var evaluation = trainer.evaluate(sets.test());
            out.println(String.format(Locale.ROOT, "test loss %.4f%s", evaluation.loss(),
                    Double.isNaN(evaluation.accuracy()) ? "" : String.format(Locale.ROOT, "  test accuracy %.2f%%",
                            100 * evaluation.accuracy())));
        }
        return ExitCodes.OK;
    }

    private void waitForSave() {
        // Runs on Ctrl-C: a save under way finishes (it renames a complete file into place), then the JVM stops.
        saving.lock();
        saving.unlock();
    }

    private TrainingData loadData(Loss loss, PrintWriter err) throws InputError {
        TrainingData sets;
        if (x != null) {
            boolean labels = loss.name().equals("cross-entropy");
            Dataset train = TrainingData.fromArrays(x, y, labels, target != null, "training", err);
            Dataset test = testX == null ? null : TrainingData.fromArrays(testX, testY, labels, target != null, "test", err);
            sets = new TrainingData(train, test, x.toString());
        } else {
            sets = TrainingData.fromFolder(data != null ? data : TrainingData.FASHION_MNIST, data == null);
            if (target != null) {
                sets = new TrainingData(sets.train().autoencoding(), sets.test().autoencoding(), sets.description());
            }
        }
        Dataset train = trainSamples == null ? sets.train() : sets.train().first(trainSamples);
        Dataset test = sets.test() == null || testSamples == null ? sets.test()
                : testSamples == 0 ? null : sets.test().first(testSamples);
        return new TrainingData(train, test, sets.description());
    }

    private Network loadNetwork(PrintWriter err) throws InputError {
        if (CompiledModels.isCompiled(model)) {
            return CompiledModels.load(model, networkName);
        }
        CheckResult result = FrontEnd.check(model);
        CheckCommand.printDiagnostics(result, err);
        if (!result.ok()) {
            return null;
        }
        return backend.load(NetworkChoice.pick(result, model, networkName));
    }

    private Optimizer optimizer(Network network) throws InputError {
        try {
            if (optimizerName.equals("adam")) {
                return new Adam(network.parameters(), learningRate != null ? learningRate : 0.001, weightDecay);
            }
            return new Sgd(network.parameters(), learningRate != null ? learningRate : 0.01, momentum, weightDecay);
        } catch (IllegalArgumentException e) {
            throw new InputError(e.getMessage());
        }
    }

    private void restore(Path file, Network network, Optimizer optimizer, Trainer trainer, List<EpochResult> history,
            PrintWriter err) throws InputError {
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.read(file, network.parameters());
        } catch (NumpyFormatException e) {
            throw new InputError(e.getMessage());
        } catch (Checkpoint.StaleStateException e) {
            err.println("cnnc train: warning: " + e.getMessage() + "; starting from its parameters with a fresh optimizer");
            return;
        }
        if (checkpoint == null) {
            err.println("cnnc train: note: " + file + " has no training state beside it (" + Checkpoint.statePath(file)
                    + "); starting from its parameters with a fresh optimizer, at epoch 1");
            return;
        }
        try {
            optimizer.restore(checkpoint.optimizerState());
        } catch (IllegalArgumentException e) {
            err.println("cnnc train: warning: " + e.getMessage() + "; the optimizer starts afresh");
        }
        trainer.resumeAfter(checkpoint.epochs(), checkpoint.steps());
        history.addAll(checkpoint.history());
    }

    private void writeFiles(Network network, Optimizer optimizer, Trainer trainer, List<EpochResult> history)
            throws InputError {
        saving.lock();
        try {
            if (save != null) {
                new Checkpoint(trainer.epochsDone(), trainer.stepsDone(), history, optimizer.state())
                        .save(save, network.parameters());
            }
            if (metrics != null) {
                MetricsFile.write(metrics, history);
            }
            if (plot != null) {
                TrainingPlot.write(plot, network.spec().name(), history);
            }
        } catch (IOException e) {
            throw new InputError("cannot write the results: " + TensorFiles.reason(e));
        } finally {
            saving.unlock();
        }
    }

    private static String summary(EpochResult r, int lastEpoch, int samples) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d  train loss %.4f", r.epoch(),
                lastEpoch, r.trainLoss()));
        if (Double.isFinite(r.trainAccuracy())) {
            line.append(String.format(Locale.ROOT, "  accuracy %.2f%%", 100 * r.trainAccuracy()));
        }
        if (Double.isFinite(r.testLoss())) {
            line.append(String.format(Locale.ROOT, "  test loss %.4f", r.testLoss()));
        }
        if (Double.isFinite(r.testAccuracy())) {
            line.append(String.format(Locale.ROOT, "  test accuracy %.2f%%", 100 * r.testAccuracy()));
        }
        line.append(String.format(Locale.ROOT, "  %s (%,.0f samples/s)", Durations.format(r.seconds()),
                samples / Math.max(r.seconds(), 1e-9)));
        return line.toString();
    }
}
