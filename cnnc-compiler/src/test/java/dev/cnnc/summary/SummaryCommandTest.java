package dev.cnnc.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.driver.CheckResult;
import dev.cnnc.driver.FrontEnd;
import dev.cnnc.testing.Golden;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryCommandTest {

    private static NetworkSummary summarize(String path) {
        CheckResult result = FrontEnd.check(Golden.repository().resolve(path));
        assertTrue(result.ok(), result.diagnostics()::toString);
        return NetworkSummary.of(result.networks().get(0));
    }

    private static NetworkSummary.Row row(NetworkSummary summary, String name) {
        return summary.rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void lenet5_hasItsClassicNumbers() {
        NetworkSummary summary = summarize("examples/lenet5.cnn");
        assertEquals(61_706, summary.trainableParameters());
        assertEquals(61_706, summary.parameters());
        NetworkSummary.Row conv1 = row(summary, "conv1");
        assertEquals("6x28x28", conv1.output().compact());
        assertEquals("conv2d -> relu", conv1.ops());
        assertEquals(156, conv1.parameters());
        assertEquals(6L * 28 * 28 * 25, conv1.multiplyAdds());
        assertEquals(117_600 + 240_000 + 48_000 + 10_080 + 840, summary.multiplyAdds());
        assertEquals(List.of("5x5", "6x6", "14x14", "16x16"),
                List.of(conv1.receptiveField(), row(summary, "pool1").receptiveField(), row(summary, "conv2").receptiveField(),
                        row(summary, "pool2").receptiveField()));
        assertEquals("4x4", row(summary, "pool2").jump());
        assertEquals("global", row(summary, "fc1").receptiveField());
        assertEquals(4L * 61_706, summary.parameterBytes());
    }

    @Test
    void lenet5_tableShowsTheNumbers() {
        String table = SummaryTable.render(summarize("examples/lenet5.cnn"), "lenet5.cnn");
        assertTrue(table.contains("Parameters:        61,706 trainable"), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("conv1") && l.contains("6x28x28") && l.contains("156")
                && l.contains("117,600") && l.contains("5x5")), table);
        assertTrue(table.contains("Mult-adds:         416,520 per sample"), table);
    }

    @Test
    void transposedConvolutionAndUpsampling_refineTheJump() {
        NetworkSummary summary = summarize("examples/unet.cnn");
        assertEquals("4x4", row(summary, "bottom").jump());
        assertEquals("2x2", row(summary, "up2").jump());
        assertEquals("1x1", row(summary, "up1").jump());
        assertEquals("30x30", row(summary, "mask").receptiveField());
    }

    @Test
    void batchNormBuffers_areCountedApartFromTrainableParameters() {
        NetworkSummary summary = summarize("examples/temporal_cnn.cnn");
        assertEquals(13_830, summary.trainableParameters());
        assertEquals(13_830 + 64, summary.parameters());
    }
}
