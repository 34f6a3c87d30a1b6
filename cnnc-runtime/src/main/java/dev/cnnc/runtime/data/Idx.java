package dev.cnnc.runtime.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST, gzipped or not: a magic number (two zero
 * bytes, a type byte, the rank), the dimensions as big-endian ints, then the data in C order.
 */
public final class Idx {

    /** The contents of an IDX file, converted to float (unsigned bytes keep their values 0 to 255). */
    public record Array(int[] shape, float[] data) {
        public int dim(int index) {
            return shape[index];
        }
    }

    private static final int UNSIGNED_BYTE = 0x08;
    private static final int SIGNED_BYTE = 0x09;
    private static final int SHORT = 0x0B;
    private static final int INT = 0x0C;
    private static final int FLOAT = 0x0D;
    private static final int DOUBLE = 0x0E;

    private Idx() {}

    public static Array read(Path file) throws DataFormatException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file + ": no such file");
        } catch (IOException e) {
            throw new DataFormatException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                bytes = in.readAllBytes();
            } catch (ZipException | java.io.EOFException e) {
                throw new DataFormatException(file + ": corrupt gzip data: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new DataFormatException(file + ": cannot decompress: " + e.getMessage(), e);
            }
        }
        return parse(bytes, file.toString());
    }

    /** Parses the (uncompressed) bytes of an IDX file; {@code name} is used in messages. */
    public static Array parse(byte[] bytes, String name) throws DataFormatException {
        if (bytes.length < 4 || bytes[0] != 0 || bytes[1] != 0) {
            throw new DataFormatException(name + ": not an IDX file (it does not start with two zero bytes)");
        }
        int type = bytes[2] & 0xff;
        int rank = bytes[3] & 0xff;
        int itemSize = switch (type) {
            case UNSIGNED_BYTE, SIGNED_BYTE -> 1;
            case SHORT -> 2;
            case INT, FLOAT -> 4;
            case DOUBLE -> 8;
            default -> throw new DataFormatException(name + ": unknown IDX data type 0x" + Integer.toHexString(type));
        };
        if (rank == 0 || bytes.length < 4 + 4L * rank) {
            throw new DataFormatException(name + ": the IDX header is " + (rank == 0 ? "of rank 0" : "truncated"));
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        int[] shape = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++) {
            shape[i] = buffer.getInt(4 + 4 * i);
            if (shape[i] < 0) {
                throw new DataFormatException(name + ": negative dimension in the IDX header");
            }
            count *= shape[i];
        }
        int start = 4 + 4 * rank;
        if (count > Integer.MAX_VALUE || count * itemSize > bytes.length - start) {
            throw new DataFormatException(name + ": the file is truncated: shape " + Arrays.toString(shape) + " needs "
                    + count * itemSize + " bytes of data, the file has " + (bytes.length - start));
        }
        float[] data = new float[(int) count];
        for (int i = 0; i < data.length; i++) {
            int at = start + i * itemSize;
            data[i] = switch (type) {
                case UNSIGNED_BYTE -> bytes[at] & 0xff;
                case SIGNED_BYTE -> bytes[at];
                case SHORT -> buffer.getShort(at);
                case INT -> buffer.getInt(at);
                case FLOAT -> buffer.getFloat(at);
                default -> (float) buffer.getDouble(at);
            };
        }
        return new Array(shape, data);
    }
}
