package dev.cnnc.benchmarks;

import dev.cnnc.bench.Workload;
import dev.cnnc.driver.Backend;
import dev.cnnc.driver.CheckResult;
import dev.cnnc.driver.FrontEnd;
import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.runtime.Network;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** A benchmarked call: a model of {@code models/} (the benchmark layers and the examples), a batch and a mode. */
public enum BenchCase {
    CONV3X3("conv3x3.cnn", 1, Workload.Mode.FORWARD, false),
    CONV3X3_TRAIN("conv3x3.cnn", 1, Workload.Mode.BACKWARD, false),
    CONV_TRANSPOSE2D("conv_transpose2d.cnn", 8, Workload.Mode.FORWARD, false),
    CONV1D("conv1d.cnn", 8, Workload.Mode.FORWARD, false),
    CONV3D("conv3d.cnn", 2, Workload.Mode.FORWARD, false),
    LENET5_B1("lenet5.cnn", 1, Workload.Mode.FORWARD, false),
    LENET5_B64("lenet5.cnn", 64, Workload.Mode.FORWARD, false),
    LENET5_TRAIN_B64("lenet5.cnn", 64, Workload.Mode.BACKWARD, false),
    RESNET18_B1("resnet18.cnn", 1, Workload.Mode.FORWARD, true),
    RESNET18_B8("resnet18.cnn", 8, Workload.Mode.FORWARD, true),
    RESNET18_TRAIN_B8("resnet18.cnn", 8, Workload.Mode.BACKWARD, true),
    RESNET50_B1("resnet50.cnn", 1, Workload.Mode.FORWARD, true),
    VGG11_B1("vgg11.cnn", 1, Workload.Mode.FORWARD, true),
    MOBILENET_V1_B1("mobilenet_v1.cnn", 1, Workload.Mode.FORWARD, true),
    UNET256_B1("unet256.cnn", 1, Workload.Mode.FORWARD, true),
    DCGAN_B1("dcgan_generator.cnn", 1, Workload.Mode.FORWARD, true),
    DCGAN_B8("dcgan_generator.cnn", 8, Workload.Mode.FORWARD, true);

    private final String model;
    private final int batch;
    private final Workload.Mode mode;
    private final boolean wholeNetwork;

    BenchCase(String model, int batch, Workload.Mode mode, boolean wholeNetwork) {
        this.model = model;
        this.batch = batch;
        this.mode = mode;
        this.wholeNetwork = wholeNetwork;
    }

    /** A whole network (ResNet, VGG, ...): seconds per call until C2 has compiled it, minutes on the interpreter. */
    public boolean wholeNetwork() {
        return wholeNetwork;
    }

    public CheckedGraph graph() {
        String resource = "/models/" + model;
        try (InputStream in = BenchCase.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the benchmark jar has no " + resource);
            }
            CheckResult result = FrontEnd.check(model, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            if (!result.ok()) {
                throw new IllegalStateException(model + " does not check: " + result.diagnostics());
            }
            return result.networks().get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The workload on a new network of {@code backend}, with PyTorch's default initialization from seed 0. */
    public Workload workload(Backend backend, int threads) {
        Network network = backend.load(graph());
        network.setThreads(threads);
        return new Workload(network, batch, mode, 0);
    }
}
