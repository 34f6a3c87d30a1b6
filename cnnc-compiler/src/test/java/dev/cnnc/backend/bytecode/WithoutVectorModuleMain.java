package dev.cnnc.backend.bytecode;

import dev.cnnc.driver.CheckResult;
import dev.cnnc.driver.FrontEnd;
import dev.cnnc.interpreter.Interpreter;
import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.runtime.Network;
import dev.cnnc.runtime.compiled.CompiledNetwork;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Run in a JVM started without {@code --add-modules jdk.incubator.vector}: the facade must pick the
 * scalar class, which must compute what the interpreter computes, forward and backward.
 */
public final class WithoutVectorModuleMain {

    private WithoutVectorModuleMain() {}

    public static void main(String[] args) {
        CheckResult checked = FrontEnd.check(Path.of(args[0]));
        CheckedGraph graph = checked.networks().get(0);
        Network compiled = BytecodeBackend.load(BytecodeBackend.compile(graph, "nomodule." + graph.graph().name(), 16),
                false);
        Network reference = Interpreter.load(graph);
        int lanes = ((CompiledNetwork) compiled).lanes();
        float[] input = new float[2 * compiled.spec().inputs().get(0).sampleSize()];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) random.nextGaussian();
        }
        compiled.setTraining(true);
        reference.setTraining(true);
        float[] a = compiled.forward(2, input)[0];
        float[] b = reference.forward(2, input)[0];
        float[] gradient = new float[a.length];
        java.util.Arrays.fill(gradient, 1f);
        float[] ga = compiled.backward(gradient)[0];
        float[] gb = reference.backward(gradient)[0];
        double worst = Math.max(worstDifference(a, b), worstDifference(ga, gb));
        System.out.println("module " + ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() + " lanes " + lanes
                + " worst " + worst);
        System.exit(lanes == 1 && worst < 1e-4 ? 0 : 1);
    }

    private static double worstDifference(float[] a, float[] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]) / (1 + Math.abs(b[i])));
        }
        return worst;
    }
}
