package dev.cnnc.pictures;

import dev.cnnc.runtime.io.AtomicFiles;
import dev.cnnc.runtime.train.EpochResult;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** {@code cnnc train --plot FILE.png}: the loss (train and test) beside the accuracy, per epoch. */
public final class TrainingPlot {

    public static final int CHART_WIDTH = 560;
    public static final int HEIGHT = 400;

    private TrainingPlot() {}

    /** The picture: loss on the left and, when the data has labels, accuracy on the right. */
    public static BufferedImage draw(String title, List<EpochResult> history) {
        XYChart loss = chart(title + ": loss", "loss");
        add(loss, "train", history, EpochResult::trainLoss, 1);
        add(loss, "test", history, EpochResult::testLoss, 1);
        boolean labelled = history.stream().anyMatch(r -> Double.isFinite(r.trainAccuracy()) || Double.isFinite(r.testAccuracy()));
        List<XYChart> charts = new ArrayList<>(List.of(loss));
        if (labelled) {
            XYChart accuracy = chart(title + ": accuracy", "accuracy (%)");
            add(accuracy, "train", history, EpochResult::trainAccuracy, 100);
            add(accuracy, "test", history, EpochResult::testAccuracy, 100);
            charts.add(accuracy);
        }
        BufferedImage image = new BufferedImage(CHART_WIDTH * charts.size(), HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int i = 0; i < charts.size(); i++) {
            g.drawImage(BitmapEncoder.getBufferedImage(charts.get(i)), i * CHART_WIDTH, 0, null);
        }
        g.dispose();
        return image;
    }

    public static void write(Path file, String title, List<EpochResult> history) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(draw(title, history), "png", png);
        AtomicFiles.write(file, png.toByteArray());
    }

    static XYChart chart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(CHART_WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("epoch").yAxisTitle(yTitle).build();
        var styler = chart.getStyler();
        // Below the plot: inside it, the legend covered the last epochs' points, which matter most.
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(225, 225, 225));
        styler.setXAxisDecimalPattern("#");
        styler.setAntiAlias(true);
        return chart;
    }

    private static void add(XYChart chart, String name, List<EpochResult> history, ToDoubleFunction<EpochResult> value,
            double scale) {
        List<Double> epochs = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (EpochResult result : history) {
            double v = value.applyAsDouble(result);
            if (Double.isFinite(v)) {
                epochs.add((double) result.epoch());
                values.add(v * scale);
            }
        }
        if (!values.isEmpty()) {
            XYSeries series = chart.addSeries(name, epochs, values);
            series.setMarker(SeriesMarkers.CIRCLE);
        }
    }
}
