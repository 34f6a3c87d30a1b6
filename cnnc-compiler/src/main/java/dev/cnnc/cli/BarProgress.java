package dev.cnnc.cli;

import dev.cnnc.runtime.train.TrainingListener;
import java.io.PrintStream;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar per epoch on a terminal: batches done, the running loss, samples per second and the ETA. */
final class BarProgress implements TrainingListener {

    private final PrintStream terminal;
    private final int totalEpochs;
    private ProgressBar bar;

    BarProgress(PrintStream terminal, int totalEpochs) {
        this.terminal = terminal;
        this.totalEpochs = totalEpochs;
    }

    @Override
    public void epochStarted(int epoch, int batches, int samples) {
        bar = new ProgressBarBuilder()
                .setTaskName("epoch " + epoch + "/" + totalEpochs)
                .setInitialMax(samples)
                .setUnit(" samples", 1)
                .showSpeed(new java.text.DecimalFormat("#,##0"))
                .setSpeedUnit(ChronoUnit.SECONDS)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setUpdateIntervalMillis(200)
                .setConsumer(new ConsoleProgressBarConsumer(terminal, 110))
                .build();
        bar.setExtraMessage("");
    }

    @Override
    public void batchFinished(int epoch, int batch, int batches, int samplesSeen, double meanLoss) {
        bar.stepTo(samplesSeen);
        // The library prints the message right after the speed, so it brings its own separation.
        bar.setExtraMessage(String.format(Locale.ROOT, "  loss %.4f", meanLoss));
    }

    @Override
    public void evaluationStarted(int epoch) {
        close();
    }

    @Override
    public void epochFinished(dev.cnnc.runtime.train.EpochResult result) {
        close();
    }

    private void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
