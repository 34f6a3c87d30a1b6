package dev.cnnc.cli;

import dev.cnnc.driver.Backend;
import dev.cnnc.driver.CheckResult;
import dev.cnnc.driver.FrontEnd;
import dev.cnnc.interpreter.Interpreter;
import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.ir.Node;
import dev.cnnc.ir.Parameter;
import dev.cnnc.ir.Shape;
import dev.cnnc.pictures.ImageGrid;
import dev.cnnc.pictures.LayerPictures;
import dev.cnnc.runtime.InvalidInputException;
import dev.cnnc.runtime.Network;
import dev.cnnc.runtime.io.AtomicFiles;
import dev.cnnc.runtime.io.NdArray;
import dev.cnnc.runtime.io.Npy;
import dev.cnnc.runtime.io.NumpyFormatException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cnnc viz MODEL.cnn --params P.npz --filters LAYER --out F.png}: draws a layer's filters, or
 * with {@code --activations LAYER --input X.npy} its feature maps for one sample, as a grid of small
 * images each scaled from its own minimum (black) to its maximum (white).
 */
@Command(
        name = "viz",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Draws a layer's filters (--filters) or its feature maps for one input sample (--activations) as a PNG.",
            "Each small image is scaled on its own from its minimum (black) to its maximum (white)."
        })
final class VizCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL.cnn", description = "the .cnn file")
    Path model;

    @Option(names = "--network", paramLabel = "NAME", description = "which network of the file (needed when it has several)")
    String networkName;

    @Option(names = "--params", paramLabel = "P.npz",
            description = "trained parameters by PyTorch state_dict name (from 'cnnc train --save' or PyTorch); without"
                    + " it, the untrained initialization from --seed")
    Path params;

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @Option(names = "--filters", paramLabel = "LAYER", required = true,
                description = "draw the weights of this layer: one row per output channel, one image per input channel")
        String filters;

        @Option(names = "--activations", paramLabel = "LAYER", required = true,
                description = "draw the output of this layer (a statement, or statement.step) for --input, one image per channel")
        String activations;
    }

    @Option(names = "--input", paramLabel = "X.npy", description = "the input batch for --activations ([N, ...] as 'cnnc run' takes)")
    Path input;

    @Option(names = "--sample", paramLabel = "N", defaultValue = "0", description = "which sample of --input; default: ${DEFAULT-VALUE}")
    int sample;

    @Option(names = "--grey", description = "draw the three input channels of a colour layer's filters one by one, not as one RGB image")
    boolean grey;

    @Option(names = "--out", required = true, paramLabel = "F.png", description = "where the picture goes")
    Path out;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "seed of the initialization without --params")
    long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (what.activations != null && input == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--activations needs --input X.npy");
        }
        if (what.filters != null && input != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--input goes with --activations; filters need no input");
        }
        if (sample < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--sample is at least 0, not " + sample);
        }
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out " + out + ": the picture is a PNG; name it F.png");
        }
        try {
            return draw(stdout, err);
        } catch (InputError e) {
            err.println("cnnc viz: " + e.getMessage());
            return ExitCodes.INPUT_ERROR;
        }
    }

    private int draw(PrintWriter stdout, PrintWriter err) throws InputError {
        OutputPaths paths = new OutputPaths();
        paths.input(model);
        paths.input(params);
        paths.input(input);
        paths.output(out, "--out");
        if (CompiledModels.isCompiled(model)) {
            throw new InputError(model + ": viz reads the model's .cnn source (it needs the shapes of its layers), not compiled classes");
        }
        CheckResult result = FrontEnd.check(model);
        CheckCommand.printDiagnostics(result, err);
        if (!result.ok()) {
            return ExitCodes.INPUT_ERROR;
        }
        CheckedGraph graph = NetworkChoice.pick(result, model, networkName);
        try (Network network = Backend.INTERPRETER.load(graph)) {
            if (params != null) {
                ParameterFiles.load(network, params, "cnnc viz", err);
            } else {
                network.parameters().initialize(seed);
                err.println("cnnc viz: note: no --params: drawing the untrained initialization (seed " + seed + ")");
            }
            Picture picture = what.filters != null ? filters(graph, network) : activations(graph, network, err);
            BufferedImage image = ImageGrid.draw(picture.grid().tiles(), picture.grid().columns(), picture.scale(),
                    picture.description());
            try {
                AtomicFiles.write(out, ImageGrid.png(image));
            } catch (IOException e) {
                throw new InputError("cannot write --out: " + TensorFiles.reason(e));
            }
            stdout.println(String.format(Locale.ROOT, "wrote %s: %s, %dx%d pixels", out, picture.description(),
                    image.getWidth(), image.getHeight()));
        }
        return ExitCodes.OK;
    }

    private record Picture(LayerPictures.Grid grid, int scale, String description) {}

    private Picture filters(CheckedGraph graph, Network network) throws InputError {
        Parameter weight = weightOf(graph, what.filters);
        int[] shape = weight.shape().toArray();
        float[] values = network.parameters().values(weight.name());
        String layer = weight.name().substring(0, weight.name().length() - ".weight".length());
        if (shape.length == 2) {
            // A dense layer's rows are pictures when its input is a flattened image or feature map.
            int[] image = flattenedShape(graph, weight);
            if (image == null) {
                throw new InputError(layer + " is a dense layer whose input is not a flattened image; draw a"
                        + " convolution's filters instead (" + convolutionLayers(graph) + ")");
            }
            int[] reshaped = new int[image.length + 1];
            reshaped[0] = shape[0];
            System.arraycopy(image, 0, reshaped, 1, image.length);
            shape = image.length == 1 ? new int[] {shape[0], 1, image[0]} : reshaped;
        }
        if (shape.length < 3) {
            throw new InputError(layer + "'s weight has shape " + Arrays.toString(shape) + ": one number per channel,"
                    + " not filters; draw a convolution's (" + convolutionLayers(graph) + ")");
        }
        LayerPictures.Grid grid = LayerPictures.filters(shape, values, !grey);
        int height = shape.length >= 4 ? shape[shape.length - 2] : 1;
        int width = shape[shape.length - 1];
        String kernel = shape.length == 3 ? String.valueOf(width)
                : Arrays.stream(shape, 2, shape.length).mapToObj(String::valueOf).reduce((a, b) -> a + "x" + b).orElseThrow();
        String description = String.format(Locale.ROOT, "%d filters %s of %s over %d input channel%s%s", shape[0], kernel,
                layer, shape[1], shape[1] == 1 ? "" : "s", truncated(grid, shape[0] * shape[1]));
        // 1-D kernels are strips one value high; they are drawn taller so that they can be seen.
        return new Picture(grid, ImageGrid.scaleFor(height == 1 ? width : height, width, 96), description);
    }

    private Picture activations(CheckedGraph graph, Network network, PrintWriter err) throws InputError {
        String layer = what.activations;
        if (!graph.shapes().containsKey(layer) || graph.graph().inputs().stream().anyMatch(i -> i.name().equals(layer))) {
            throw new InputError("the network " + graph.graph().name() + " has no layer '" + layer + "'; its layers are "
                    + String.join(", ", graph.graph().nodes().stream().map(Node::output).toList()));
        }
        if (graph.graph().inputs().size() != 1) {
            throw new InputError(graph.graph().name() + " has " + graph.graph().inputs().size()
                    + " inputs; viz --activations draws networks of one input");
        }
        NdArray batch;
        try {
            batch = Npy.read(input, note -> err.println("cnnc viz: note: " + note));
        } catch (NumpyFormatException e) {
            throw new InputError(e.getMessage());
        }
        var inputSpec = network.spec().inputs().get(0);
        int[] found = batch.shape();
        int[] expected = inputSpec.shape();
        boolean single = Arrays.equals(found, expected);
        if (!single && !(found.length == expected.length + 1 && Arrays.equals(Arrays.copyOfRange(found, 1, found.length), expected))) {
            throw new InputError(input + " has shape " + Arrays.toString(found) + ", expected " + inputSpec.batchShapeText());
        }
        int samples = single ? 1 : found[0];
        if (sample >= samples) {
            throw new InputError("--sample " + sample + ": " + input + " has " + samples + " sample" + (samples == 1 ? "" : "s"));
        }
        int size = inputSpec.sampleSize();
        float[] one = Arrays.copyOfRange(batch.data(), sample * size, (sample + 1) * size);
        try {
            network.forward(1, one);
        } catch (InvalidInputException e) {
            throw new InputError(e.getMessage());
        }
        float[] values = Interpreter.tensorOfLastPass(network, layer);
        Shape shape = graph.shape(layer);
        LayerPictures.Grid grid = LayerPictures.featureMaps(shape.toArray(), values);
        int height = shape.rank() >= 3 ? shape.dim(shape.rank() - 2) : 1;
        int width = shape.rank() >= 2 ? shape.dim(shape.rank() - 1) : shape.dim(0);
        String description = String.format(Locale.ROOT, "%s of sample %d, shape %s%s", layer, sample,
                Arrays.toString(shape.toArray()), truncated(grid, shape.rank() == 1 ? 1 : shape.elementCount() / ((long) height * width)));
        int scale = shape.rank() == 1 ? Math.max(1, Math.min(16, 640 / width)) : ImageGrid.scaleFor(height, width, 128);
        return new Picture(grid, scale, description);
    }

    /** The shape a dense layer's input had before {@code flatten}, or null when it was flat already. */
    private static int[] flattenedShape(CheckedGraph graph, Parameter weight) {
        Node dense = graph.graph().nodes().stream().filter(n -> n.output().equals(weight.node())).findFirst().orElseThrow();
        String tensor = dense.inputs().get(0);
        while (true) {
            String current = tensor;
            Node producer = graph.graph().nodes().stream().filter(n -> n.output().equals(current)).findFirst().orElse(null);
            if (producer == null || !(producer.op() instanceof dev.cnnc.ir.Op.Flatten)) {
                break;
            }
            tensor = producer.inputs().get(0);
        }
        Shape shape = graph.shape(tensor);
        return shape.rank() >= 2 && shape.elementCount() == weight.shape().dim(1) ? shape.toArray() : null;
    }

    private static String truncated(LayerPictures.Grid grid, long wanted) {
        return grid.tiles().size() < wanted ? " (the first " + grid.tiles().size() + " of " + wanted + " images)" : "";
    }

    /** The weight of {@code layer}: a parameter prefix ({@code conv1}, {@code features.3}) or a statement with one weight. */
    private static Parameter weightOf(CheckedGraph graph, String layer) throws InputError {
        List<Parameter> weights = graph.parameters().stream().filter(p -> p.role() == Parameter.Role.WEIGHT).toList();
        for (Parameter weight : weights) {
            if (weight.name().equals(layer + ".weight")) {
                return weight;
            }
        }
        List<Parameter> ofStatement = weights.stream().filter(p -> graph.graph().nodes().stream()
                .anyMatch(n -> n.output().equals(p.node()) && n.statement().equals(layer))).toList();
        if (ofStatement.size() == 1) {
            return ofStatement.get(0);
        }
        if (ofStatement.size() > 1) {
            throw new InputError(layer + " has " + ofStatement.size() + " weighted steps; name one: " + String.join(", ",
                    ofStatement.stream().map(p -> p.name().substring(0, p.name().length() - ".weight".length())).toList()));
        }
        throw new InputError("the network " + graph.graph().name() + " has no layer '" + layer + "' with weights; its"
                + " weighted layers are " + String.join(", ", weights.stream()
                        .map(p -> p.name().substring(0, p.name().length() - ".weight".length())).toList()));
    }

    private static String convolutionLayers(CheckedGraph graph) {
        List<String> names = graph.parameters().stream()
                .filter(p -> p.role() == Parameter.Role.WEIGHT && p.shape().rank() >= 3)
                .map(p -> p.name().substring(0, p.name().length() - ".weight".length())).toList();
        return names.isEmpty() ? "it has none" : String.join(", ", names);
    }

}
