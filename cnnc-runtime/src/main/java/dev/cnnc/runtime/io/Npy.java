package dev.cnnc.runtime.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reads and writes NumPy's {@code .npy} format (versions 1.0 to 3.0).
 *
 * <p>Reading accepts little-endian float32 in C order, and little-endian float64, integers and
 * booleans (labels, PyTorch's {@code num_batches_tracked}), which are converted to float32 with a note.
 * Every other file is refused with a message that names it and says what is wrong: another dtype,
 * Fortran order, a big-endian array, a truncated file.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int MAX_HEADER_BYTES = 1 << 16;

    private Npy() {}

    /** Reads a {@code .npy} file; {@code notes} receives a line when the data had to be converted. */
    public static NdArray read(Path file, Consumer<String> notes) throws NumpyFormatException {
        return parse(readAll(file), file.toString(), notes);
    }

    /** Reads a {@code .npy} file, refusing nothing that {@link #read(Path, Consumer)} accepts. */
    public static NdArray read(Path file) throws NumpyFormatException {
        return read(file, note -> {});
    }

    /** Parses the bytes of a {@code .npy} file; {@code name} is used in messages. */
    public static NdArray parse(byte[] bytes, String name, Consumer<String> notes) throws NumpyFormatException {
        if (bytes.length < MAGIC.length + 4 || !startsWithMagic(bytes)) {
            throw new NumpyFormatException(name + ": not a NumPy .npy file (it does not start with \\x93NUMPY)");
        }
        int major = bytes[6] & 0xff;
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = buffer.getShort(8) & 0xffff;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw truncated(name);
            }
            headerLength = buffer.getInt(8) & 0xffffffffL;
            headerStart = 12;
        } else {
            throw new NumpyFormatException(name + ": .npy format version " + major + " is not supported (1 to 3 are)");
        }
        if (headerLength > MAX_HEADER_BYTES || headerStart + headerLength > bytes.length) {
            throw truncated(name);
        }
        String headerText = new String(
                bytes, headerStart, (int) headerLength, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        NpyHeader header = NpyHeader.parse(headerText, name);
        int dataStart = headerStart + (int) headerLength;
        return decode(header, buffer, dataStart, bytes.length - dataStart, name, notes);
    }

    private static NdArray decode(
            NpyHeader header, ByteBuffer buffer, int offset, int available, String name, Consumer<String> notes)
            throws NumpyFormatException {
        String descr = header.descr();
        if (header.fortranOrder()) {
            throw new NumpyFormatException(name + ": the array is in Fortran order; cnnc reads C order"
                    + " (save it with np.save(f, np.ascontiguousarray(a)))");
        }
        NumericType type = NumericType.of(descr);
        if (type == null) {
            if (descr.startsWith(">") && descr.length() > 2) {
                throw new NumpyFormatException(name + ": the array is big-endian (" + descr
                        + "); cnnc reads little-endian data (float32 '<f4', or '<f8' and integers, converted)");
            }
            throw new NumpyFormatException(name + ": dtype " + describe(descr) + " is not supported; cnnc reads float32"
                    + " ('<f4') and converts float64 ('<f8') and integers ('|u1', '<i4', '<i8', ...)");
        }
        int itemSize = type.size();
        long count = 1;
        for (int size : header.shape()) {
            count *= size;
            if (count > Integer.MAX_VALUE) {
                throw new NumpyFormatException(name + ": shape " + NdArray.shapeString(header.shape())
                        + " has more elements than a Java array holds");
            }
        }
        if (count * itemSize > available) {
            throw new NumpyFormatException(name + ": the file is truncated: shape " + NdArray.shapeString(header.shape())
                    + " needs " + count * itemSize + " bytes of data, the file has " + available);
        }
        float[] data = new float[(int) count];
        if (type == NumericType.FLOAT32) {
            buffer.position(offset);
            buffer.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
        } else {
            boolean inexact = type.decode(buffer, offset, data);
            notes.accept(name + ": " + type.label() + " data converted to float32"
                    + (inexact ? " (some values are beyond 2^24 and were rounded)" : ""));
        }
        return new NdArray(header.shape(), data);
    }

    private static String describe(String descr) {
        // A dtype string is byte order, kind, size: '<i8', '|O', '<U5'.
        return switch (descr.length() < 2 ? ' ' : descr.charAt(1)) {
            case 'i', 'u' -> "'" + descr + "' (integers)";
            case 'O' -> "'" + descr + "' (Python objects)";
            case 'b' -> "'" + descr + "' (booleans)";
            case 'U', 'S' -> "'" + descr + "' (strings)";
            case 'c' -> "'" + descr + "' (complex numbers)";
            default -> "'" + descr + "'";
        };
    }

    /** Writes {@code array} as a version 1.0 {@code .npy} file of little-endian float32 in C order. */
    public static void write(NdArray array, OutputStream out) throws IOException {
        StringBuilder header = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': ")
                .append(NdArray.shapeString(array.shape()))
                .append(", }");
        // NumPy pads the header with spaces so that the data starts on a 64-byte boundary.
        int unpadded = MAGIC.length + 2 + 2 + header.length() + 1;
        header.append(" ".repeat((64 - unpadded % 64) % 64)).append('\n');
        byte[] headerBytes = header.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer prefix = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        prefix.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) headerBytes.length);
        out.write(prefix.array());
        out.write(headerBytes);
        ByteBuffer data = ByteBuffer.allocate(array.data().length * 4).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(array.data());
        out.write(data.array());
    }

    /** Writes {@code array} to a temporary file beside {@code file}, then renames it, so no half-written file remains. */
    public static void write(NdArray array, Path file) throws IOException {
        AtomicFiles.write(file, out -> write(array, out));
    }

    /** The bytes of {@link #write(NdArray, OutputStream)}. */
    public static byte[] toBytes(NdArray array) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(array, out);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return out.toByteArray();
    }

    static byte[] readAll(Path file) throws NumpyFormatException {
        try {
            if (Files.isDirectory(file)) {
                throw new NumpyFormatException(file + ": is a directory, not a file");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new NumpyFormatException(file + ": no such file");
        } catch (IOException e) {
            throw new NumpyFormatException(file + ": cannot read: " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            throw new NumpyFormatException(file + ": too large to read into memory");
        }
    }

    static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    private static boolean startsWithMagic(byte[] bytes) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static NumpyFormatException truncated(String name) {
        return new NumpyFormatException(name + ": the file is truncated inside its header");
    }
}
