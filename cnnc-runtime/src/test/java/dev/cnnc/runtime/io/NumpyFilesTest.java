package dev.cnnc.runtime.io;

import dev.cnnc.runtime.testing.TestData;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NumpyFilesTest {

    @TempDir
    Path dir;

    private static Path golden() {
        return TestData.root();
    }

    /** A .npy file with the given header dict and raw data, as NumPy lays it out (version 1.0). */
    private static byte[] npy(String header, byte[] data) {
        String padded = header + " ".repeat(Math.max(0, 54 - header.length())) + "\n";
        ByteBuffer buffer = ByteBuffer.allocate(10 + padded.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) padded.length());
        buffer.put(padded.getBytes(StandardCharsets.ISO_8859_1)).put(data);
        return buffer.array();
    }

    private static byte[] littleEndianFloats(float... values) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            buffer.putFloat(value);
        }
        return buffer.array();
    }

    @Test
    void readsNumpysOwnFiles() throws Exception {
        Map<String, NdArray> params = Npz.read(golden().resolve("nets/lenet5/params.npz"));
        assertEquals(List.of("conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "fc1.weight", "fc1.bias",
                "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias"), List.copyOf(params.keySet()));
        assertArrayEquals(new int[] {6, 1, 5, 5}, params.get("conv1.weight").shape());
        NdArray input = Npy.read(golden().resolve("nets/lenet5/input.npy"));
        assertEquals(28, input.dim(3));
        assertTrue(Arrays.stream(toDoubles(input.data())).anyMatch(v -> v != 0), "data was read, not zeros");
    }

    /** Every array NumPy wrote for the golden cases reads, and writes back to the very bytes NumPy wrote. */
    @Test
    void everyGoldenFile_roundTrips() throws Exception {
        List<Path> files;
        try (java.util.stream.Stream<Path> walk = Files.walk(golden())) {
            files = walk.filter(file -> file.toString().endsWith(".npy") || file.toString().endsWith(".npz")).toList();
        }
        assertTrue(files.size() > 1000, "golden files found: " + files.size());
        for (Path file : files) {
            if (file.toString().endsWith(".npy")) {
                byte[] bytes = Files.readAllBytes(file);
                assertArrayEquals(bytes, Npy.toBytes(Npy.parse(bytes, file.toString(), note -> {})), file.toString());
            } else {
                Map<String, NdArray> arrays = Npz.read(file);
                Path copy = dir.resolve("copy.npz");
                Npz.write(arrays, copy);
                assertEquals(arrays, Npz.read(copy), file.toString());
            }
        }
    }

    /** Written files get the usual permissions, not the owner-only ones of a temporary file, and no temporary stays. */
    @Test
    void writtenFilesAreReadableByOthersAndLeaveNothingBehind() throws Exception {
        java.nio.file.FileStore store = Files.getFileStore(dir);
        org.junit.jupiter.api.Assumptions.assumeTrue(store.supportsFileAttributeView("posix"), "a POSIX file system");
        Path npy = dir.resolve("a.npy");
        Npy.write(new NdArray(new int[] {2}, new float[] {1, 2}), npy);
        Path npz = dir.resolve("a.npz");
        Npz.write(Map.of("w", new NdArray(new int[] {1}, new float[] {3})), npz);
        Path reference = Files.createFile(dir.resolve("plain"));
        for (Path file : List.of(npy, npz)) {
            assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(file), file.toString());
        }
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("a.npy", "a.npz", "plain"),
                    files.map(file -> file.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void writeThenRead_roundTrips() throws Exception {
        NdArray array = new NdArray(new int[] {2, 3}, new float[] {1, -2, 3.5f, Float.MIN_VALUE, 0, 1e30f});
        Path file = dir.resolve("a.npy");
        Files.write(file, Npy.toBytes(array));
        assertEquals(array, Npy.read(file));
        assertEquals(0, (Files.size(file) - 6 * 4) % 64, "NumPy aligns the data on 64 bytes");

        Map<String, NdArray> arrays = new LinkedHashMap<>();
        arrays.put("conv1.weight", array);
        arrays.put("conv1.bias", new NdArray(new int[] {3}, new float[] {7, 8, 9}));
        Path archive = dir.resolve("p.npz");
        Npz.write(arrays, archive);
        assertEquals(arrays, Npz.read(archive));
    }

    @Test
    void float64_isConvertedWithANote() throws Exception {
        ByteBuffer data = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(1.5).putDouble(-2);
        Path file = dir.resolve("d.npy");
        Files.write(file, npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", data.array()));
        List<String> notes = new ArrayList<>();
        NdArray array = Npy.read(file, notes::add);
        assertArrayEquals(new float[] {1.5f, -2f}, array.data());
        assertEquals(List.of(file + ": float64 data converted to float32"), notes);
    }

    @Test
    void integerArrays_areConvertedToFloat32WithANote() throws IOException, NumpyFormatException {
        Path labels = dir.resolve("labels.npy");
        ByteBuffer data = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putLong(3).putLong(-1).putLong(9);
        Files.write(labels, npy("{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }", data.array()));
        List<String> notes = new ArrayList<>();
        assertArrayEquals(new float[] {3, -1, 9}, Npy.read(labels, notes::add).data());
        assertEquals(List.of(labels + ": int64 data converted to float32"), notes);

        Path pixels = dir.resolve("pixels.npy");
        Files.write(pixels, npy("{'descr': '|u1', 'fortran_order': False, 'shape': (2,), }", new byte[] {(byte) 255, 7}));
        assertArrayEquals(new float[] {255, 7}, Npy.read(pixels).data());

        Path big = dir.resolve("big.npy");
        Files.write(big, npy("{'descr': '<i4', 'fortran_order': False, 'shape': (1,), }",
                ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((1 << 24) + 1).array()));
        notes.clear();
        Npy.read(big, notes::add);
        assertTrue(notes.get(0).endsWith("(some values are beyond 2^24 and were rounded)"), notes.toString());
    }

    @Test
    void unreadableFiles_areRefusedWithTheirNameAndTheReason() throws IOException {
        assertRefused("fortran.npy", npy("{'descr': '<f4', 'fortran_order': True, 'shape': (2,), }", littleEndianFloats(1, 2)),
                "Fortran order");
        assertRefused("text-dtype.npy", npy("{'descr': '<U3', 'fortran_order': False, 'shape': (1,), }", new byte[12]),
                "dtype '<U3' (strings) is not supported");
        assertRefused("big.npy", npy("{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", new byte[4]),
                "big-endian");
        assertRefused("object.npy", npy("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", new byte[8]),
                "Python objects");
        assertRefused("short.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }", littleEndianFloats(1, 2)),
                "truncated: shape (3, 4) needs 48 bytes of data, the file has 8");
        assertRefused("text.npy", "hello".getBytes(StandardCharsets.UTF_8), "not a NumPy .npy file");
        assertRefused("cut.npy", Arrays.copyOf(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", new byte[4]), 20),
                "truncated inside its header");
    }

    @Test
    void archivesThatAreNotZip_areRefused() throws IOException {
        Path file = dir.resolve("fake.npz");
        Files.writeString(file, "definitely not a zip file");
        NumpyFormatException e = assertThrows(NumpyFormatException.class, () -> Npz.read(file));
        assertTrue(e.getMessage().startsWith(file + ": not a .npz archive"), e.getMessage());

        Path truncated = dir.resolve("cut.npz");
        Map<String, NdArray> arrays = Map.of("w", new NdArray(new int[] {64}, new float[64]));
        Npz.write(arrays, dir.resolve("whole.npz"));
        byte[] whole = Files.readAllBytes(dir.resolve("whole.npz"));
        Files.write(truncated, Arrays.copyOf(whole, whole.length / 2));
        NumpyFormatException cut = assertThrows(NumpyFormatException.class, () -> Npz.read(truncated));
        assertTrue(cut.getMessage().startsWith(truncated.toString()), cut.getMessage());

        NumpyFormatException missing = assertThrows(NumpyFormatException.class, () -> Npz.read(dir.resolve("none.npz")));
        assertTrue(missing.getMessage().endsWith("none.npz: no such file"), missing.getMessage());
    }

    private void assertRefused(String name, byte[] bytes, String reason) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        NumpyFormatException e = assertThrows(NumpyFormatException.class, () -> Npy.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains(reason), e.getMessage());
    }

    private static double[] toDoubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
