package dev.cnnc.pictures;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A grid of small grey (or colour) images, each scaled up by whole pixels and normalized on its own
 * from its minimum (black) to its maximum (white): the classic picture of a layer's filters or
 * feature maps. A title says what the picture is and how to read it; under each image, its label
 * (which channel) and the values black and white stand for.
 */
public final class ImageGrid {

    /** One tile: {@code height x width} values, or three planes of them for colour, and what it shows. */
    public record Tile(int height, int width, float[] values, boolean colour, String label) {
        public Tile {
            if (values.length != height * width * (colour ? 3 : 1)) {
                throw new IllegalArgumentException("a " + height + "x" + width + " tile needs "
                        + height * width * (colour ? 3 : 1) + " values, not " + values.length);
            }
        }
    }

    private static final int GAP = 8;
    private static final int MARGIN = 12;
    private static final Color BACKGROUND = Color.WHITE;
    private static final Color TEXT = new Color(40, 40, 40);
    private static final Color FRAME = new Color(170, 170, 170);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font NOTE = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font CAPTION = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    /** Pictures narrower than this are widened (by their margins) so that the title fits a reader's eye. */
    private static final int MIN_WIDTH = 480;

    private ImageGrid() {}

    /** How many pixels each value becomes: tiles come out near {@code target} pixels wide, never below 1 per value. */
    public static int scaleFor(int height, int width, int target) {
        return Math.max(1, Math.min(target / Math.max(height, width), 32));
    }

    /**
     * Draws {@code tiles} row by row, {@code columns} per row, each value as a {@code scale x scale}
     * square, under {@code title}; each tile gets its label and its value range beneath it.
     */
    public static BufferedImage draw(List<Tile> tiles, int columns, int scale, String title) {
        FontMetrics captionMetrics = metrics(CAPTION);
        List<String[]> captions = tiles.stream().map(tile -> new String[] {tile.label(), range(tile)}).toList();
        int captionWidth = captions.stream().flatMap(Arrays::stream).mapToInt(captionMetrics::stringWidth).max().orElse(0);
        int tileHeight = tiles.stream().mapToInt(Tile::height).max().orElse(1) * scale;
        int tileWidth = tiles.stream().mapToInt(Tile::width).max().orElse(1) * scale;
        int cellWidth = Math.max(tileWidth, captionWidth);
        int cellHeight = tileHeight + 4 + 2 * captionMetrics.getHeight();
        int rows = (tiles.size() + columns - 1) / columns;
        String note = "each image from its minimum (black) to its maximum (white), given under it";
        int header = metrics(TITLE).getHeight() + metrics(NOTE).getHeight() + 10;
        int gridWidth = columns * cellWidth + (columns - 1) * GAP;
        int width = Math.max(MIN_WIDTH, Math.max(gridWidth, Math.max(metrics(TITLE).stringWidth(title),
                metrics(NOTE).stringWidth(note))) + 2 * MARGIN);
        int height = MARGIN + header + rows * cellHeight + (rows - 1) * GAP + MARGIN;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, width, height);
        g.setColor(TEXT);
        g.setFont(TITLE);
        g.drawString(title, MARGIN, MARGIN + metrics(TITLE).getAscent());
        g.setFont(NOTE);
        g.drawString(note, MARGIN, MARGIN + metrics(TITLE).getHeight() + metrics(NOTE).getAscent());
        int gridLeft = (width - gridWidth) / 2;
        g.setFont(CAPTION);
        for (int t = 0; t < tiles.size(); t++) {
            int left = gridLeft + (t % columns) * (cellWidth + GAP);
            int top = MARGIN + header + (t / columns) * (cellHeight + GAP);
            Tile tile = tiles.get(t);
            int tileLeft = left + (cellWidth - tile.width() * scale) / 2;
            paint(image, tile, tileLeft, top, scale);
            // A frame, so that a tile's white edge does not melt into the background.
            g.setColor(FRAME);
            g.drawRect(tileLeft - 1, top - 1, tile.width() * scale + 1, tile.height() * scale + 1);
            g.setColor(TEXT);
            int line = top + tileHeight + 4 + captionMetrics.getAscent();
            for (String caption : captions.get(t)) {
                g.drawString(caption, left + (cellWidth - captionMetrics.stringWidth(caption)) / 2, line);
                line += captionMetrics.getHeight();
            }
        }
        g.dispose();
        return image;
    }

    /** What black and white stand for in this tile. */
    static String range(Tile tile) {
        float[] extremes = extremes(tile);
        float min = extremes[0];
        float max = extremes[1];
        if (min > max) {
            return "no finite value";
        }
        return min == max ? "all " + number(min) : number(min) + " to " + number(max);
    }

    /** The smallest and the largest finite value of a tile (+inf and -inf when it has none). */
    private static float[] extremes(Tile tile) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float value : tile.values()) {
            if (Float.isFinite(value)) {
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        return new float[] {min, max};
    }

    private static String number(float value) {
        return String.format(Locale.ROOT, "%.3g", value);
    }

    private static FontMetrics metrics(Font font) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            return g.getFontMetrics(font);
        } finally {
            g.dispose();
        }
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
        float[] extremes = extremes(tile);
        float min = extremes[0];
        float max = extremes[1];
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
