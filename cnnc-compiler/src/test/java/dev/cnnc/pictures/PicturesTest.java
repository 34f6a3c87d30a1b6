package dev.cnnc.pictures;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cnnc.runtime.train.EpochResult;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/** The pictures say what they show: value ranges under each tile, a legend that hides no point. */
class PicturesTest {

    @Test
    void eachTileIsLabelledWithTheValuesBlackAndWhiteStandFor() {
        assertEquals("-0.312 to 1.50", ImageGrid.range(new ImageGrid.Tile(1, 3, new float[] {-0.3124f, 1.5f, 0}, false, "x")));
        assertEquals("all 0.00", ImageGrid.range(new ImageGrid.Tile(1, 2, new float[] {0, 0}, false, "x")));
        assertEquals("no finite value", ImageGrid.range(new ImageGrid.Tile(1, 1, new float[] {Float.NaN}, false, "x")));
        LayerPictures.Grid filters = LayerPictures.filters(new int[] {2, 2, 3, 3}, new float[36], false);
        assertEquals(List.of("out 0, in 0", "out 0, in 1", "out 1, in 0", "out 1, in 1"),
                filters.tiles().stream().map(ImageGrid.Tile::label).toList());
        LayerPictures.Grid maps = LayerPictures.featureMaps(new int[] {2, 4, 4}, new float[32]);
        assertEquals(List.of("channel 0", "channel 1"), maps.tiles().stream().map(ImageGrid.Tile::label).toList());
    }

    @Test
    void theTrainingPlotsLegendIsOutsideThePlot() {
        XYChart chart = TrainingPlot.chart("t", "loss");
        assertEquals(Styler.LegendPosition.OutsideS, chart.getStyler().getLegendPosition(),
                "inside, the legend covered the last epochs' points");
        TrainingPlot.draw("t", List.of(new EpochResult(1, 0.9, 0.8, 0.7, 0.75, 1.0)));
    }
}
