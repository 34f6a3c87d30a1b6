package dev.cnnc.pictures;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * A grid of small grey (or colour) images, each scaled up by whole pixels and normalized on its own
 * from its minimum (black) to its maximum (white): the classic picture of a layer's filters or
 * feature maps.
 */
public final class ImageGrid {

    /** One tile: {@code height x width} values, or three planes of them for colour. */
    public record Tile(int height, int width, float[] values, boolean colour) {
        public Tile {
            if (values.length != height * width * (colour ? 3 : 1)) {
                throw new IllegalArgumentException("a " + height + "x" + width + " tile needs "
                        + height * width * (colour ? 3 : 1) + " values, not " + values.length);
            }
        }
    }

    private static final int GAP = 2;
    private static final Color BACKGROUND = new Color(200, 200, 200);

    private ImageGrid() {}

    /** How many pixels each value becomes: tiles come out near {@code target} pixels wide, never below 1 per value. */
    public static int scaleFor(int height, int width, int target) {
        return Math.max(1, Math.min(target / Math.max(height, width), 32));
    }

    /** Draws {@code tiles} row by row, {@code columns} per row, each value as a {@code scale x scale} square. */
    public static BufferedImage draw(java.util.List<Tile> tiles, int columns, int scale) {
        int tileHeight = tiles.stream().mapToInt(Tile::height).max().orElse(1) * scale;
        int tileWidth = tiles.stream().mapToInt(Tile::width).max().orElse(1) * scale;
        int rows = (tiles.size() + columns - 1) / columns;
        int width = GAP + columns * (tileWidth + GAP);
        int height = GAP + rows * (tileHeight + GAP);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, width, height);
        g.dispose();
        for (int t = 0; t < tiles.size(); t++) {
            int left = GAP + (t % columns) * (tileWidth + GAP);
            int top = GAP + (t / columns) * (tileHeight + GAP);
            paint(image, tiles.get(t), left, top, scale);
        }
        return image;
    }

    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toByteArray();
    }

    private static void paint(BufferedImage image, Tile tile, int left, int top, int scale) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float value : tile.values()) {
            if (Float.isFinite(value)) {
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        // A constant tile (a dead feature map, say) is drawn mid-grey rather than dividing by zero.
        float range = max > min ? max - min : 0;
        int plane = tile.height() * tile.width();
        for (int y = 0; y < tile.height(); y++) {
            for (int x = 0; x < tile.width(); x++) {
                int rgb;
                if (tile.colour()) {
                    int r = level(tile.values()[y * tile.width() + x], min, range);
                    int gr = level(tile.values()[plane + y * tile.width() + x], min, range);
                    int b = level(tile.values()[2 * plane + y * tile.width() + x], min, range);
                    rgb = r << 16 | gr << 8 | b;
                } else {
                    int v = level(tile.values()[y * tile.width() + x], min, range);
                    rgb = v << 16 | v << 8 | v;
                }
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        image.setRGB(left + x * scale + dx, top + y * scale + dy, rgb);
                    }
                }
            }
        }
    }

    private static int level(float value, float min, float range) {
        if (!Float.isFinite(value)) {
            return 0;
        }
        return range == 0 ? 128 : Math.round((value - min) / range * 255);
    }
}
