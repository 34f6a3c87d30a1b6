package dev.cnnc.runtime.io;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Reads and writes NumPy's {@code .npz} archives: a zip file of {@code .npy} members, one per key,
 * as {@code np.savez} writes them (stored or deflated).
 */
public final class Npz {

    private Npz() {}

    /** Reads every array of the archive, in the archive's order, keyed without the {@code .npy} suffix. */
    public static Map<String, NdArray> read(Path file, Consumer<String> notes) throws NumpyFormatException {
        byte[] bytes = Npy.readAll(file);
        String name = file.toString();
        if (bytes.length < 4 || bytes[0] != 'P' || bytes[1] != 'K') {
            throw new NumpyFormatException(name + ": not a .npz archive (a .npz is a zip file; this one does not start"
                    + " with the zip signature)");
        }
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.isDirectory()) {
                    continue;
                }
                String key = entry.getName().endsWith(".npy")
                        ? entry.getName().substring(0, entry.getName().length() - 4)
                        : entry.getName();
                byte[] member = Npy.readAll(zip);
                // PyTorch keeps batch norm's num_batches_tracked as int64; nothing reads it, so its conversion is no news.
                boolean counter = key.endsWith("num_batches_tracked");
                arrays.put(key, Npy.parse(member, name + "[" + key + "]", counter ? note -> {} : notes));
            }
        } catch (ZipException e) {
            throw new NumpyFormatException(name + ": corrupt .npz archive: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new NumpyFormatException(name + ": cannot read the .npz archive: " + e.getMessage(), e);
        }
        if (arrays.isEmpty() && bytes.length > 22) {
            // An empty archive is 22 bytes (just the end record); anything longer that yields nothing is broken.
            throw new NumpyFormatException(name + ": corrupt .npz archive: no readable member");
        }
        return arrays;
    }

    public static Map<String, NdArray> read(Path file) throws NumpyFormatException {
        return read(file, note -> {});
    }

    /** Writes the arrays as an uncompressed archive, as {@code np.savez} does. */
    public static void write(Map<String, NdArray> arrays, OutputStream out) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, NdArray> entry : arrays.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey() + ".npy"));
                Npy.write(entry.getValue(), zip);
                zip.closeEntry();
            }
        }
    }

    /** Writes the archive to a temporary file beside {@code file}, then renames it, so no half-written file remains. */
    public static void write(Map<String, NdArray> arrays, Path file) throws IOException {
        AtomicFiles.write(file, out -> write(arrays, out));
    }
}
