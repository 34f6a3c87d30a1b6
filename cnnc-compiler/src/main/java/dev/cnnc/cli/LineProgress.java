package dev.cnnc.cli;

import dev.cnnc.runtime.train.TrainingListener;
import java.io.PrintWriter;
import java.util.Locale;

/** Progress as plain lines, one at each tenth of an epoch: for logs, pipes and CI, where a bar would be noise. */
final class LineProgress implements TrainingListener {

    private static final int REPORTS_PER_EPOCH = 10;

    private final PrintWriter out;
    private final int totalEpochs;
    private long start;
    private int nextReport;

    LineProgress(PrintWriter out, int totalEpochs) {
        this.out = out;
        this.totalEpochs = totalEpochs;
    }

    @Override
    public void epochStarted(int epoch, int batches, int samples) {
        start = System.nanoTime();
        nextReport = 1;
    }

    @Override
    public void batchFinished(int epoch, int batch, int batches, int samplesSeen, double meanLoss) {
        if (batch == batches || batch * REPORTS_PER_EPOCH < nextReport * batches) {
            return;
        }
        while (nextReport * batches <= batch * REPORTS_PER_EPOCH) {
            nextReport++;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = samplesSeen / Math.max(seconds, 1e-9);
        double eta = seconds * (batches - batch) / batch;
        out.println(String.format(Locale.ROOT, "epoch %d/%d  batch %d/%d  loss %.4f  %,.0f samples/s  ETA %s",
                epoch, totalEpochs, batch, batches, meanLoss, rate, Durations.format(eta)));
        out.flush();
    }
}
