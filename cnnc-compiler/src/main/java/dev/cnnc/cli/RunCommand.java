package dev.cnnc.cli;

import dev.cnnc.driver.Backend;
import dev.cnnc.driver.CheckResult;
import dev.cnnc.driver.FrontEnd;
import dev.cnnc.runtime.InvalidInputException;
import dev.cnnc.runtime.Network;
import dev.cnnc.runtime.TensorSpec;
import dev.cnnc.runtime.io.NdArray;
import dev.cnnc.runtime.io.Npz;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cnnc run MODEL.cnn --input X.npy}: runs a network on a batch, forward and optionally
 * backward, reading and writing NumPy files. Every backend plugs in here.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs a network on a batch of inputs (NumPy .npy, batch first: [N, C, H, W]).",
            "Writes the outputs, or prints their shape and statistics; with --grad-output also runs the backward"
                    + " pass and writes the gradients of L = sum(output * grad_output)."
        })
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL",
            description = "the .cnn file, or a folder or jar of classes written by 'cnnc MODEL.cnn -d DIR'")
    Path model;

    @Option(names = "--network", paramLabel = "NAME", description = "which network of the file to run (needed when it has several)")
    String networkName;

    @Option(names = "--params", paramLabel = "P.npz",
            description = "parameters by PyTorch state_dict name; without it, PyTorch's default initialization from --seed")
    Path params;

    @Option(names = "--input", required = true, paramLabel = "[NAME=]X.npy", converter = TensorConverter.class,
            description = "an input batch; NAME=FILE for each input of a network with several")
    List<TensorArgument> inputs;

    @Option(names = "--output", paramLabel = "[NAME=]Y.npy|Y.npz", converter = TensorConverter.class,
            description = "where to write the output; NAME=FILE per output, or one .npz for all;"
                    + " without it, prints each output's shape, min, max and mean")
    List<TensorArgument> outputs = new ArrayList<>();

    @Option(names = "--grad-output", paramLabel = "[NAME=]G.npy", converter = TensorConverter.class,
            description = "the gradient of the loss with respect to the output; runs the backward pass (needs --grads)")
    List<TensorArgument> gradOutputs = new ArrayList<>();

    @Option(names = "--grads", paramLabel = "GRADS.npz",
            description = "where to write the gradients: 'input' (or 'input.NAME' for each of several inputs) and one key"
                    + " per trained parameter")
    Path grads;

    @Option(names = "--params-out", paramLabel = "P.npz",
            description = "where to write the parameters and buffers after the run (running statistics move in --train)")
    Path paramsOut;

    @Option(names = "--train", description = "run in training mode: batch norm uses batch statistics and updates its"
            + " running ones, dropout drops")
    boolean train;

    @Option(names = "--backend", paramLabel = "BACKEND", defaultValue = "bytecode", completionCandidates = BackendNames.class,
            converter = BackendConverter.class,
            description = "which backend runs the network: ${COMPLETION-CANDIDATES}; default: ${DEFAULT-VALUE}")
    Backend backend;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "1",
            description = "threads of a compiled network (the interpreter runs on one); default: ${DEFAULT-VALUE}")
    int threads;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "seed of the default initialization and of dropout masks; default: ${DEFAULT-VALUE}")
    long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static final class BackendNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Arrays.stream(Backend.values()).map(Backend::cliName).iterator();
        }
    }

    static final class BackendConverter implements CommandLine.ITypeConverter<Backend> {
        @Override
        public Backend convert(String value) {
            for (Backend backend : Backend.values()) {
                if (backend.cliName().equals(value)) {
                    return backend;
                }
            }
            throw new CommandLine.TypeConversionException("unknown backend '" + value + "'; the backends are "
                    + String.join(", ", new BackendNames()));
        }
    }

    static final class TensorConverter implements CommandLine.ITypeConverter<TensorArgument> {
        @Override
        public TensorArgument convert(String value) {
            return TensorArgument.parse(value);
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads is at least 1, not " + threads);
        }
        if (backend != Backend.BYTECODE && spec.commandLine().getParseResult().hasMatchedOption("--backend")
                && CompiledModels.isCompiled(model)) {
            // Compiled classes run as they were compiled; silently ignoring --backend would mislead a comparison.
            throw new CommandLine.ParameterException(spec.commandLine(), "--backend " + backend.cliName()
                    + " needs a .cnn model; " + model + " holds compiled classes, which run as they are"
                    + " (give the .cnn file to run it on another backend)");
        }
        if (gradOutputs.isEmpty() != (grads == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--grad-output and --grads go together: one names the upstream gradient, the other where the"
                            + " gradients go");
        }
        try {
            return run(out, err);
        } catch (InputError e) {
            err.println("cnnc run: " + e.getMessage());
            return ExitCodes.INPUT_ERROR;
        }
    }

    private int run(PrintWriter out, PrintWriter err) throws InputError {
        OutputPaths paths = new OutputPaths();
        paths.input(model);
        paths.input(params);
        inputs.forEach(input -> paths.input(input.file()));
        gradOutputs.forEach(gradOutput -> paths.input(gradOutput.file()));
        for (TensorArgument output : outputs) {
            paths.output(output.file(), "--output");
        }
        paths.output(grads, "--grads");
        paths.output(paramsOut, "--params-out");

        Network network;
        if (CompiledModels.isCompiled(model)) {
            network = CompiledModels.load(model, networkName);
        } else {
            CheckResult result = FrontEnd.check(model);
            CheckCommand.printDiagnostics(result, err);
            if (!result.ok()) {
                return ExitCodes.INPUT_ERROR;
            }
            network = backend.load(NetworkChoice.pick(result, model, networkName));
        }
        if (params != null) {
            ParameterFiles.load(network, params, "cnnc run", err);
        } else {
            network.parameters().initialize(seed);
        }
        network.setTraining(train);
        network.setSeed(seed);
        network.setThreads(threads);
        try {
            List<TensorSpec> inputSpecs = network.spec().inputs();
            Map<String, NdArray> inputArrays = TensorFiles.read(inputs, inputSpecs, "--input", -1, err);
            int batch = inputArrays.values().iterator().next().dim(0);
            float[][] inputData = inputSpecs.stream().map(tensor -> inputArrays.get(tensor.name()).data()).toArray(float[][]::new);
            List<TensorSpec> outputSpecs = network.spec().outputs();
            // Every file is read and checked before anything runs or is written, so a bad one leaves no partial results.
            Map<String, NdArray> gradOutputArrays = grads == null ? Map.of()
                    : TensorFiles.read(gradOutputs, outputSpecs, "--grad-output", batch, err);
            float[][] outputData;
            try {
                outputData = network.forward(batch, inputData);
            } catch (InvalidInputException e) {
                throw new InputError(e.getMessage());
            }
            Map<String, NdArray> outputArrays = new LinkedHashMap<>();
            for (int i = 0; i < outputSpecs.size(); i++) {
                outputArrays.put(outputSpecs.get(i).name(), new NdArray(outputSpecs.get(i).batchShape(batch), outputData[i]));
            }
            noteNaN(inputData, outputArrays, err);
            if (outputs.isEmpty()) {
                outputArrays.forEach((name, array) -> out.println(TensorStatistics.describe(name, array)));
            } else {
                TensorFiles.write(outputs, outputArrays, "--output");
            }

            if (grads != null) {
                float[][] gradInputs;
                try {
                    gradInputs = network.backward(outputSpecs.stream()
                            .map(tensor -> gradOutputArrays.get(tensor.name()).data()).toArray(float[][]::new));
                } catch (InvalidInputException e) {
                    throw new InputError(e.getMessage());
                }
                Map<String, NdArray> gradients = new LinkedHashMap<>();
                for (int i = 0; i < inputSpecs.size(); i++) {
                    String key = inputSpecs.size() == 1 ? "input" : "input." + inputSpecs.get(i).name();
                    gradients.put(key, new NdArray(inputSpecs.get(i).batchShape(batch), gradInputs[i]));
                }
                gradients.putAll(network.parameters().gradientArrays());
                writeArchive(gradients, grads);
            }
            if (paramsOut != null) {
                writeArchive(network.parameters().toArrays(), paramsOut);
            }
        } finally {
            network.close();
        }
        return ExitCodes.OK;
    }

    private static void noteNaN(float[][] inputs, Map<String, NdArray> outputs, PrintWriter err) {
        int inputNaN = 0;
        for (float[] input : inputs) {
            inputNaN += TensorStatistics.countNaN(input);
        }
        for (Map.Entry<String, NdArray> output : outputs.entrySet()) {
            int nan = TensorStatistics.countNaN(output.getValue().data());
            if (nan > 0) {
                err.println("cnnc run: note: output '" + output.getKey() + "' has " + nan + " NaN value"
                        + (nan == 1 ? "" : "s") + (inputNaN > 0 ? " (the input has " + inputNaN + ")" : ""));
            }
        }
    }

    private static void writeArchive(Map<String, NdArray> arrays, Path file) throws InputError {
        try {
            Npz.write(arrays, file);
        } catch (IOException e) {
            throw new InputError("cannot write " + file + ": " + TensorFiles.reason(e));
        }
    }
}
