package io.somnus.experiment.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzTest {
    @TempDir
    Path tmp;

    @Test
    void readsOnlyTheWantedEntries() throws Exception {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("e_i", NpyArray.of(new float[] {1, 2, 3, 4}, 2, 2));
        arrays.put("input_e", NpyArray.of(new float[] {5, 6, 7}, 3, 1));
        arrays.put("i_e", NpyArray.of(new float[] {8}, 1, 1));
        Path file = tmp.resolve("w.npz");
        Npz.write(file, arrays);
        Map<String, NpyArray> read = Npz.read(file, "input_e"::equals);
        assertEquals(List.of("input_e"), List.copyOf(read.keySet()));
        assertArrayEquals(new float[] {5, 6, 7}, read.get("input_e").floats());
        assertArrayEquals(new int[] {3, 1}, read.get("input_e").shape());
        assertEquals(List.of("e_i", "input_e", "i_e"), List.copyOf(Npz.read(file).keySet()), "all, unfiltered");
    }

    /**
     * The listing reads headers alone: an archive whose big entry holds its header but none of the 6 400 × 6 400
     * elements it announces (read refuses it as truncated) lists, with every entry's element type and shape.
     */
    @Test
    void listsShapesAndTypesWithoutReadingTheElements() throws Exception {
        Path file = tmp.resolve("weights.npz");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("e_e.npy"));
            // the header of a float32 6 400 × 6 400 array, and no data
            String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (6400, 6400), }";
            String header = dict + " ".repeat(64 - (10 + dict.length() + 1) % 64) + "\n";
            zip.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), 0});
            zip.write(header.getBytes(StandardCharsets.US_ASCII));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("rates.npy"));
            Npz.writeNpy(zip, NpyArray.of(new long[] {1, 2, 3}, 3));
            zip.closeEntry();
        }
        assertThrows(FileFormatException.class, () -> Npz.read(file), "the elements are not there to read");

        Map<String, NpyHeader> listed = Npz.list(file);
        assertEquals(List.of("e_e", "rates"), List.copyOf(listed.keySet()));
        assertEquals(NpyArray.DType.FLOAT32, listed.get("e_e").dtype());
        assertArrayEquals(new int[] {6400, 6400}, listed.get("e_e").shape());
        assertEquals(6400L * 6400 * 4, listed.get("e_e").dataBytes());
        assertEquals(NpyArray.DType.INT64, listed.get("rates").dtype());
        assertArrayEquals(new int[] {3}, listed.get("rates").shape());
    }

    /** A file that is no archive is refused by the listing too, naming it. */
    @Test
    void listRefusesAFileThatIsNotAnArchiveNamingIt() throws Exception {
        Path file = tmp.resolve("bad.npz");
        Files.writeString(file, "hello");
        FileFormatException e = assertThrows(FileFormatException.class, () -> Npz.list(file));
        assertTrue(e.getMessage().contains("bad.npz"), e.getMessage());
    }

    @Test
    void npyHeaderMatchesTheFormatByteForByte() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npz.writeNpy(out, NpyArray.of(new float[] {1.5f, 0, 0, 0, 0, -2f}, 2, 3));
        byte[] b = out.toByteArray();
        // magic \x93NUMPY, version 1.0
        assertEquals((byte) 0x93, b[0]);
        assertEquals("NUMPY", new String(b, 1, 5, StandardCharsets.US_ASCII));
        assertEquals(1, b[6]);
        assertEquals(0, b[7]);
        // dict is 59 characters; 10 + 59 + '\n' = 70, padded to 128 => header_len = 118 = 0x0076 little-endian
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
        assertEquals(59, dict.length());
        assertEquals(0x76, b[8] & 0xFF);
        assertEquals(0x00, b[9] & 0xFF);
        assertEquals(dict, new String(b, 10, 59, StandardCharsets.US_ASCII));
        for (int i = 69; i < 127; i++) {
            assertEquals(' ', b[i], "padding at " + i);
        }
        assertEquals('\n', b[127]);
        // 1.5f = 0x3FC00000, -2f = 0xC0000000, little-endian
        assertEquals(128 + 6 * 4, b.length);
        assertArrayEquals(new byte[] {0, 0, (byte) 0xC0, 0x3F}, Arrays.copyOfRange(b, 128, 132));
        assertArrayEquals(new byte[] {0, 0, 0, (byte) 0xC0}, Arrays.copyOfRange(b, 148, 152));
    }

    @Test
    void oneDimensionalShapeIsAPythonOneTuple() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npz.writeNpy(out, NpyArray.of(new int[] {7, 8, 9}, 3));
        String header = new String(out.toByteArray(), 10, 128 - 10, StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }"), header);
    }

    @Test
    void roundTripsEveryTypeAndShape() throws Exception {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("input_e", NpyArray.of(new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f}, 3, 2));
        arrays.put("d", NpyArray.of(new double[] {Math.PI, -1e300, Double.NaN}, 3));
        arrays.put("i", NpyArray.of(new int[] {1, -2, Integer.MAX_VALUE, 4, 5, 6, 7, 8}, 2, 2, 2));
        arrays.put("scalar", NpyArray.of(new long[] {42L}));
        arrays.put("empty", NpyArray.of(new float[0], 0, 5));
        Path file = tmp.resolve("w.npz");
        Npz.write(file, arrays);
        Map<String, NpyArray> back = Npz.read(file);
        assertEquals(List.copyOf(arrays.keySet()), List.copyOf(back.keySet()));
        assertArrayEquals(arrays.get("input_e").floats(), back.get("input_e").floats());
        assertArrayEquals(new int[] {3, 2}, back.get("input_e").shape());
        assertArrayEquals(arrays.get("d").doubles(), back.get("d").doubles());
        assertArrayEquals(arrays.get("i").ints(), back.get("i").ints());
        assertArrayEquals(new int[] {2, 2, 2}, back.get("i").shape());
        assertArrayEquals(new long[] {42L}, back.get("scalar").longs());
        assertEquals(0, back.get("scalar").rank());
        assertArrayEquals(new int[] {0, 5}, back.get("empty").shape());
    }

    @Test
    void readsBigEndianAndFortranOrderNpy() throws Exception {
        // hand-built .npy: big-endian int32, Fortran order, shape (2, 3); memory holds columns:
        // a = [[1, 2, 3], [4, 5, 6]] -> Fortran memory 1 4 2 5 3 6
        String dict = "{'descr': '>i4', 'fortran_order': True, 'shape': (2, 3), }";
        int pad = 64 - (10 + dict.length() + 1) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), 0});
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        for (int v : new int[] {1, 4, 2, 5, 3, 6}) {
            out.write(new byte[] {0, 0, 0, (byte) v});
        }
        NpyArray a = Npz.readNpy(new ByteArrayInputStream(out.toByteArray()));
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6}, a.ints());
    }

    @Test
    void rejectsAFileThatIsNotAnArchiveNamingIt() throws Exception {
        Path file = tmp.resolve("bad.npz");
        Files.writeString(file, "hello");
        FileFormatException e = assertThrows(FileFormatException.class, () -> Npz.read(file));
        assertTrue(e.getMessage().contains("bad.npz"), e.getMessage());
    }

    /** A whole archive verifies; one cut short or with a byte changed in an entry is refused, naming the file. */
    @Test
    void verifyFindsAnArchiveCutShortOrChanged() throws Exception {
        Path file = tmp.resolve("weights.npz");
        float[] w = new float[4096];
        for (int k = 0; k < w.length; k++) {
            w[k] = (float) Math.sin(k);
        }
        Npz.write(file, Map.of("input_e", NpyArray.of(w, new int[] {64, 64})));
        Npz.verify(file);
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length / 2));
        FileFormatException cut = assertThrows(FileFormatException.class, () -> Npz.verify(file));
        assertTrue(cut.getMessage().startsWith(file + " is damaged"), cut.getMessage());
        byte[] changed = whole.clone();
        changed[whole.length / 2] ^= 0x5a; // inside the entry's data
        Files.write(file, changed);
        FileFormatException crc = assertThrows(FileFormatException.class, () -> Npz.verify(file));
        assertTrue(crc.getMessage().startsWith(file + " is damaged"), crc.getMessage());
        assertThrows(FileFormatException.class, () -> Npz.read(file), "read finds it too");
    }

    @Test
    void numpyReadsWhatWeWriteAndWeReadWhatNumpyWrites() throws Exception {
        assumeTrue(numpyAvailable(), "python3 with numpy not installed");
        Path ours = tmp.resolve("ours.npz");
        float[] w = new float[12];
        for (int i = 0; i < w.length; i++) {
            w[i] = i * 0.25f - 1f;
        }
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("input_e", NpyArray.of(w, 3, 4));
        arrays.put("ids", NpyArray.of(new int[] {5, -6}, 2));
        arrays.put("x", NpyArray.of(new double[] {1e-300}, 1, 1));
        Npz.write(ours, arrays);
        Path theirs = tmp.resolve("theirs.npz");
        Path theirsC = tmp.resolve("theirs_c.npz");
        String script = String.join("\n",
                "import numpy as np, sys",
                "z = np.load(sys.argv[1])",
                "assert sorted(z.files) == ['ids', 'input_e', 'x'], z.files",
                "a = z['input_e']",
                "assert a.dtype == np.float32 and a.shape == (3, 4), (a.dtype, a.shape)",
                "assert np.array_equal(a, (np.arange(12, dtype=np.float32) * 0.25 - 1).reshape(3, 4))",
                "assert z['ids'].dtype == np.int32 and list(z['ids']) == [5, -6]",
                "assert z['x'].dtype == np.float64 and z['x'].shape == (1, 1) and z['x'][0, 0] == 1e-300",
                "m = np.arange(6, dtype=np.float64).reshape(2, 3)",
                "np.savez(sys.argv[2], m=m, f=np.asfortranarray(m), l=np.array([1, 2, 3], dtype=np.int64))",
                "np.savez_compressed(sys.argv[3], m=m.astype(np.float32))",
                "print('ok')");
        Process p = new ProcessBuilder("python3", "-c", script, ours.toString(), theirs.toString(), theirsC.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        assertEquals("ok", output.strip());

        Map<String, NpyArray> back = Npz.read(theirs);
        double[] expected = {0, 1, 2, 3, 4, 5};
        assertArrayEquals(expected, back.get("m").doubles());
        assertArrayEquals(expected, back.get("f").doubles(), "Fortran order converted to C order");
        assertArrayEquals(new int[] {2, 3}, back.get("f").shape());
        assertArrayEquals(new long[] {1, 2, 3}, back.get("l").longs());
        Map<String, NpyArray> compressed = Npz.read(theirsC);
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, compressed.get("m").floats());
    }

    static boolean numpyAvailable() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
