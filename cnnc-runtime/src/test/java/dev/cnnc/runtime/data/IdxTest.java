package dev.cnnc.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {

    @TempDir
    Path dir;

    /** An IDX file of unsigned bytes: magic 0x00000803 for rank 3, then the dimensions. */
    static byte[] unsignedBytes(int[] shape, int[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * shape.length + values.length);
        buffer.put(new byte[] {0, 0, 0x08, (byte) shape.length});
        for (int dim : shape) {
            buffer.putInt(dim);
        }
        for (int value : values) {
            buffer.put((byte) value);
        }
        return buffer.array();
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        }
        return out.toByteArray();
    }

    @Test
    void plainAndGzippedFilesReadAlike() throws Exception {
        byte[] bytes = unsignedBytes(new int[] {2, 2, 3}, new int[] {0, 1, 2, 3, 128, 255, 7, 8, 9, 10, 11, 12});
        Files.write(dir.resolve("plain"), bytes);
        Files.write(dir.resolve("zipped.gz"), gzip(bytes));
        for (String name : new String[] {"plain", "zipped.gz"}) {
            Idx.Array array = Idx.read(dir.resolve(name));
            assertArrayEquals(new int[] {2, 2, 3}, array.shape());
            assertArrayEquals(new float[] {0, 1, 2, 3, 128, 255, 7, 8, 9, 10, 11, 12}, array.data(), name);
        }
    }

    @Test
    void wideTypesAreBigEndian() throws Exception {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 + 3 * 4);
        buffer.put(new byte[] {0, 0, 0x0D, 1}).putInt(3).putFloat(1.5f).putFloat(-2f).putFloat(1e-3f);
        assertArrayEquals(new float[] {1.5f, -2f, 1e-3f}, Idx.parse(buffer.array(), "f").data());
        buffer = ByteBuffer.allocate(4 + 4 + 2 * 2);
        buffer.put(new byte[] {0, 0, 0x0B, 1}).putInt(2).putShort((short) -300).putShort((short) 7);
        assertArrayEquals(new float[] {-300, 7}, Idx.parse(buffer.array(), "s").data());
    }

    @Test
    void damagedFilesAreRefusedWithTheReason() throws Exception {
        byte[] good = unsignedBytes(new int[] {2, 2}, new int[] {1, 2, 3, 4});
        assertRefused(new byte[] {1, 2, 3, 4, 5}, "not an IDX file");
        byte[] badType = good.clone();
        badType[2] = 0x42;
        assertRefused(badType, "unknown IDX data type 0x42");
        assertRefused(Arrays.copyOf(good, good.length - 1), "the file is truncated: shape [2, 2] needs 4 bytes of data, the file has 3");
        assertRefused(Arrays.copyOf(good, 6), "the IDX header is truncated");
        Path corrupt = dir.resolve("corrupt.gz");
        byte[] zipped = gzip(good);
        Files.write(corrupt, Arrays.copyOf(zipped, zipped.length - 6));
        DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.read(corrupt));
        assertTrue(e.getMessage().contains("corrupt gzip data"), e.getMessage());
        e = assertThrows(DataFormatException.class, () -> Idx.read(dir.resolve("absent")));
        assertTrue(e.getMessage().endsWith("absent: no such file"), e.getMessage());
    }

    private static void assertRefused(byte[] bytes, String reason) {
        DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.parse(bytes, "x.idx"));
        assertTrue(e.getMessage().startsWith("x.idx: ") && e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void anMnistFolderGivesImagesInZeroToOneWithOneChannel() throws Exception {
        int[] pixels = new int[3 * 2 * 2];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = i * 20;
        }
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(unsignedBytes(new int[] {3, 2, 2}, pixels)));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), unsignedBytes(new int[] {3}, new int[] {9, 0, 4}));
        Dataset train = MnistFolder.training(dir);
        assertEquals(3, train.size());
        assertArrayEquals(new int[] {1, 2, 2}, train.sampleShape());
        assertEquals(220 / 255f, train.inputs()[11]);
        assertEquals(10, train.classCount());
        DataFormatException e = assertThrows(DataFormatException.class, () -> MnistFolder.test(dir));
        assertTrue(e.getMessage().contains("no t10k-images-idx3-ubyte or t10k-images-idx3-ubyte.gz"), e.getMessage());

        Files.write(dir.resolve("t10k-images-idx3-ubyte"), unsignedBytes(new int[] {2, 2, 2}, new int[8]));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), unsignedBytes(new int[] {3}, new int[] {1, 2, 3}));
        e = assertThrows(DataFormatException.class, () -> MnistFolder.test(dir));
        assertTrue(e.getMessage().contains("expected 2 labels, one per image"), e.getMessage());
    }
}
