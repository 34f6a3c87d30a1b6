package dev.cnnc.pictures;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a layer's weights or feature maps into {@link ImageGrid} tiles. Filters: one row per output
 * channel, one tile per input channel (a single colour tile when there are three input channels),
 * depth slices of 3-D kernels side by side. Feature maps: one tile per channel.
 */
public final class LayerPictures {

    /** The tiles and how many go in a row. */
    public record Grid(List<ImageGrid.Tile> tiles, int columns) {}

    /** At most this many tiles are drawn; a picture of more says nothing anyway. */
    public static final int MAX_TILES = 1024;

    private LayerPictures() {}

    /**
     * The filters of a convolution weight {@code [out, in, k...]} (1 to 3 kernel dimensions).
     *
     * @param colour whether three input channels are drawn as one RGB tile
     */
    public static Grid filters(int[] shape, float[] weight, boolean colour) {
        if (shape.length < 3 || shape.length > 5) {
            throw new IllegalArgumentException("a convolution weight has 3 to 5 dimensions, not " + Arrays.toString(shape));
        }
        int out = shape[0];
        int in = shape[1];
        int depth = shape.length == 5 ? shape[2] : 1;
        int height = shape.length >= 4 ? shape[shape.length - 2] : 1;
        int width = shape[shape.length - 1];
        int plane = height * width;
        boolean rgb = colour && in == 3;
        int perRow = (rgb ? 1 : in) * depth;
        List<ImageGrid.Tile> tiles = new ArrayList<>();
        for (int o = 0; o < out && tiles.size() + perRow <= Math.max(MAX_TILES, perRow); o++) {
            for (int i = 0; i < (rgb ? 1 : in); i++) {
                for (int d = 0; d < depth; d++) {
                    float[] values = new float[plane * (rgb ? 3 : 1)];
                    for (int c = 0; c < (rgb ? 3 : 1); c++) {
                        int channel = rgb ? c : i;
                        int from = ((o * in + channel) * depth + d) * plane;
                        System.arraycopy(weight, from, values, c * plane, plane);
                    }
                    String label = "out " + o + (rgb ? ", in RGB" : ", in " + i) + (depth > 1 ? ", depth " + d : "");
                    tiles.add(new ImageGrid.Tile(height, width, values, rgb, label));
                }
            }
        }
        // A single input channel: lay the filters out in a square-ish grid rather than one column.
        int columns = perRow == 1 ? (int) Math.ceil(Math.sqrt(tiles.size())) : perRow;
        return new Grid(tiles, columns);
    }

    /** The feature maps {@code [channels, spatial...]} of one sample (spatial rank 0 to 3). */
    public static Grid featureMaps(int[] shape, float[] values) {
        int channels = shape[0];
        int depth = shape.length == 4 ? shape[1] : 1;
        int height = shape.length >= 3 ? shape[shape.length - 2] : 1;
        int width = shape.length >= 2 ? shape[shape.length - 1] : 1;
        int size = depth * height * width;
        List<ImageGrid.Tile> tiles = new ArrayList<>();
        if (shape.length == 1) {
            // A flat layer (dense): one strip of all its values.
            tiles.add(new ImageGrid.Tile(1, channels, Arrays.copyOf(values, channels), false, channels + " features"));
            return new Grid(tiles, 1);
        }
        for (int c = 0; c < channels && tiles.size() + depth <= Math.max(MAX_TILES, depth); c++) {
            for (int d = 0; d < depth; d++) {
                tiles.add(new ImageGrid.Tile(height, width,
                        Arrays.copyOfRange(values, c * size + d * height * width, c * size + (d + 1) * height * width), false,
                        "channel " + c + (depth > 1 ? ", depth " + d : "")));
            }
        }
        int columns = depth > 1 ? depth : (int) Math.ceil(Math.sqrt(tiles.size()));
        return new Grid(tiles, columns);
    }
}
