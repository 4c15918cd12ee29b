package io.somnus.cli;

import static io.somnus.cli.CompareCommandTest.copyRun;
import static io.somnus.cli.CompareCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.somnus.cli.CompareCommandTest.Outcome;
import io.somnus.experiment.io.NpyArray;
import io.somnus.experiment.io.Npz;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code somnus export}: a real tiny diehl-cook run's weights.npz and network.npz and an SG-SNN run's weights.npz,
 * read back from the safetensors files by a reader of the format written here, equal the .npz arrays element for
 * element; the run's own files are untouched; and each mistake exits 2 naming its culprit.
 */
class ExportCommandTest {
    @TempDir
    static Path runs;
    static Path stdp;
    static Path sg;

    @BeforeAll
    static void train() {
        stdp = runs.resolve("dc");
        Outcome o = run("train", "--preset", "diehl-cook", "--dataset", "geomfig", "--excitatory", "10",
                "--train-images", "20", "--validation-images", "10", "--test-images", "10", "--set",
                "train.checkpoints=2", "--set", "train.readout_images=20", "--no-report", "--save-network", "--out",
                stdp.toString());
        assertEquals(0, o.exit(), o.err());
        sg = runs.resolve("sg");
        o = run("train", "--preset", "sg-fc", "--dataset", "geomfig", "--train-images", "40", "--validation-images",
                "10", "--test-images", "10", "--set", "sg.epochs=1", "--no-report", "--out", sg.toString());
        assertEquals(0, o.exit(), o.err());
    }

    /** A safetensors file as its README defines it, read here without the writer: (tensors by name, metadata). */
    record Read(Map<String, NpyArray> tensors, JsonNode metadata, List<String> order) { }

    static Read readSafetensors(Path file) throws Exception {
        ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        long n = all.getLong(0);
        String text = new String(all.array(), 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("{") && text.strip().endsWith("}"), text);
        JsonNode header = new ObjectMapper().readTree(text);
        int start = 8 + (int) n;
        Map<String, NpyArray> tensors = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        long covered = 0;
        for (Map.Entry<String, JsonNode> e : header.properties()) {
            if (e.getKey().equals("__metadata__")) {
                continue;
            }
            order.add(e.getKey());
            JsonNode info = e.getValue();
            int[] shape = new int[info.path("shape").size()];
            int count = 1;
            for (int k = 0; k < shape.length; k++) {
                shape[k] = info.path("shape").get(k).asInt();
                count *= shape[k];
            }
            int begin = info.path("data_offsets").get(0).asInt();
            int end = info.path("data_offsets").get(1).asInt();
            assertEquals(covered, begin, e.getKey() + " starts where the one before ended");
            covered = end;
            ByteBuffer slice = all.slice(start + begin, end - begin).order(ByteOrder.LITTLE_ENDIAN);
            NpyArray tensor = switch (info.path("dtype").asText()) {
                case "F32" -> {
                    float[] a = new float[count];
                    slice.asFloatBuffer().get(a);
                    yield NpyArray.of(a, shape);
                }
                case "F64" -> {
                    double[] a = new double[count];
                    slice.asDoubleBuffer().get(a);
                    yield NpyArray.of(a, shape);
                }
                case "I32" -> {
                    int[] a = new int[count];
                    slice.asIntBuffer().get(a);
                    yield NpyArray.of(a, shape);
                }
                default -> throw new AssertionError("unexpected dtype " + info);
            };
            assertEquals(end - begin, (long) count * tensor.dtype().bytes(), e.getKey());
            tensors.put(e.getKey(), tensor);
        }
        assertEquals(all.capacity() - start, covered, "the tensors cover the buffer, no more, no less");
        return new Read(tensors, header.path("__metadata__"), order);
    }

    /** Every array of {@code npz} equals the tensor of its name, element for element (floats by their bits). */
    static void assertSameArrays(Path npz, Read read) throws Exception {
        Map<String, NpyArray> arrays = Npz.read(npz);
        assertEquals(new TreeMap<>(arrays).keySet(), new TreeMap<>(read.tensors()).keySet());
        for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
            NpyArray want = e.getValue();
            NpyArray got = read.tensors().get(e.getKey());
            assertEquals(want.dtype(), got.dtype(), e.getKey());
            assertArrayEquals(want.shape(), got.shape(), e.getKey());
            switch (want.dtype()) {
                case FLOAT32 -> {
                    for (int i = 0; i < want.size(); i++) {
                        assertEquals(Float.floatToRawIntBits(want.floats()[i]), Float.floatToRawIntBits(got.floats()[i]),
                                e.getKey() + "[" + i + "]");
                    }
                }
                case FLOAT64 -> assertArrayEquals(want.doubles(), got.doubles(), 0.0, e.getKey());
                case INT32 -> assertArrayEquals(want.ints(), got.ints(), e.getKey());
                case INT64 -> assertArrayEquals(want.longs(), got.longs(), e.getKey());
            }
        }
    }

    @Test
    void anStdpRunsWeightsReadBackAsTheNpzArrays() throws Exception {
        String before = sha256(stdp.resolve("weights.npz"));
        Outcome o = run("export", stdp.toString());
        assertEquals(0, o.exit(), o.err());
        Path file = stdp.resolve("weights.safetensors");
        assertEquals(file + ": 3 tensors from weights.npz, " + Files.size(file) + " bytes\n", o.out());
        Read read = readSafetensors(file);
        assertSameArrays(stdp.resolve("weights.npz"), read);
        assertEquals(List.of("e_i", "i_e", "input_e"), read.order(), "all float32: by name");
        assertEquals(before, sha256(stdp.resolve("weights.npz")), "the run's file is left as it was");
        JsonNode meta = read.metadata();
        assertEquals("stdp", meta.path("model").asText());
        assertEquals("diehl-cook", meta.path("preset").asText());
        assertEquals("geomfig", meta.path("dataset").asText());
        assertEquals("1", meta.path("seed").asText());
        assertEquals("weights.npz", meta.path("source").asText());
        assertEquals(before, meta.path("source_sha256").asText());
        assertTrue(meta.path("layout").asText().startsWith("dense [pre][post]"), meta.toString());
        assertTrue(meta.path("somnus_version").isTextual(), meta.toString());
    }

    /** network.npz: int32 synapse indices and float64 θ keep their types; 8-byte tensors first, so aligned. */
    @Test
    void aSavedNetworkKeepsItsIntegerAndDoubleArrays() throws Exception {
        Path out = runs.resolve("elsewhere/net.safetensors");
        Outcome o = run("export", "--network", "--out", out.toString(), stdp.toString());
        assertEquals(0, o.exit(), o.err());
        Read read = readSafetensors(out);
        assertSameArrays(stdp.resolve("network.npz"), read);
        assertEquals(NpyArray.DType.FLOAT64, read.tensors().get(read.order().get(0)).dtype(), read.order().toString());
        assertEquals(NpyArray.DType.INT32, read.tensors().get(read.order().get(read.order().size() - 1)).dtype());
        assertEquals("network.npz", read.metadata().path("source").asText());
        assertFalse(Files.exists(stdp.resolve("network.safetensors")), "--out is where it goes");
    }

    @Test
    void anSgRunsWeightsAndBiasesReadBackAsTheNpzArrays() throws Exception {
        Outcome o = run("export", "--format", "safetensors", sg.toString());
        assertEquals(0, o.exit(), o.err());
        Read read = readSafetensors(sg.resolve("weights.safetensors"));
        assertSameArrays(sg.resolve("weights.npz"), read);
        assertEquals(1, read.tensors().get("b_h").rank(), "the biases are 1-D");
        assertEquals("sg", read.metadata().path("model").asText());
    }

    /** A sweep directory: each finished run into its own directory. */
    @Test
    void aSweepsRunsAreEachExported(@TempDir Path tmp) throws Exception {
        Path sweep = tmp.resolve("sweep");
        Files.createDirectories(sweep.resolve("runs"));
        Files.writeString(sweep.resolve("ledger.sqlite"), "a ledger");
        for (String id : List.of("a", "b")) {
            copyRun(stdp, sweep.resolve("runs").resolve(id));
        }
        Files.createDirectories(sweep.resolve("runs/.c.tmp-1"));
        Outcome o = run("export", sweep.toString());
        assertEquals(0, o.exit(), o.err());
        assertEquals(2, o.out().lines().count(), o.out());
        for (String id : List.of("a", "b")) {
            assertSameArrays(stdp.resolve("weights.npz"), readSafetensors(sweep.resolve("runs/" + id + "/weights.safetensors")));
        }
        Outcome withOut = run("export", "--out", tmp.resolve("w.safetensors").toString(), sweep.toString());
        assertEquals(SomnusCli.EXIT_BAD_INPUT, withOut.exit());
        assertTrue(withOut.err().contains("--out " + tmp.resolve("w.safetensors") + " names one file, and " + sweep
                + " is a sweep of 2 runs"), withOut.err());

        // a run without weights.npz, last in order: refused before any run's file is written
        Path c = sweep.resolve("runs/c");
        copyRun(stdp, c);
        Files.delete(c.resolve("weights.npz"));
        for (String id : List.of("a", "b")) {
            Files.delete(sweep.resolve("runs/" + id + "/weights.safetensors"));
        }
        assertFails("somnus export: " + c + " has no weights.npz: the run did not finish, or the file was removed",
                "export", sweep.toString());
        assertFalse(Files.exists(sweep.resolve("runs/a/weights.safetensors")), "nothing written");
    }

    /**
     * validation/pytorch/safetensors_check.py (struct, json and numpy alone) finds the exported file equal to
     * weights.npz, and the file with one byte of its last tensor changed not (skipped without Debian's python3-numpy).
     */
    @Test
    void thePythonCheckAgreesAndCatchesAChangedByte(@TempDir Path tmp) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(python) && ScriptRun.run(python, "-c", "import numpy").exit() == 0,
                "NumPy (Debian python3-numpy) is not installed");
        Path check = Path.of("..", "validation", "pytorch", "safetensors_check.py").toAbsolutePath().normalize();
        Path copy = tmp.resolve("run");
        copyRun(stdp, copy);
        assertEquals(0, run("export", copy.toString()).exit());
        ScriptRun same = ScriptRun.run(python, check.toString(), copy.toString());
        assertEquals(0, same.exit(), same.output());
        assertTrue(same.output().contains(copy.resolve("weights.safetensors") + ": equal to weights.npz"), same.output());
        Path file = copy.resolve("weights.safetensors");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 1;
        Files.write(file, bytes);
        ScriptRun changed = ScriptRun.run(python, check.toString(), copy.toString());
        assertEquals(1, changed.exit(), changed.output());
        assertTrue(changed.output().contains("input_e [784, 10] float32: DIFFERS"), changed.output());
    }

    @Test
    void noSuchDirectoryIsNamed(@TempDir Path tmp) {
        Path missing = tmp.resolve("no-run");
        assertFails("somnus export: " + missing + " does not exist; give a run directory (or a sweep directory)",
                "export", missing.toString());
    }

    @Test
    void aRunWithoutWeightsIsNamed(@TempDir Path tmp) throws Exception {
        Path copy = tmp.resolve("copy");
        copyRun(stdp, copy);
        Files.delete(copy.resolve("weights.npz"));
        assertFails("somnus export: " + copy + " has no weights.npz: the run did not finish, or the file was removed",
                "export", copy.toString());
        assertFails("somnus export: " + sg + " has no network.npz: only a run trained with --save-network has one",
                "export", "--network", sg.toString());
    }

    @Test
    void aDirectoryThatIsNoRunIsNamed(@TempDir Path tmp) {
        assertFails("somnus export: " + tmp + " is not a run directory: it has no summary.json (nor is it a sweep "
                + "directory: no ledger.sqlite)", "export", tmp.toString());
    }

    @Test
    void anOutThatCannotBeWrittenIsNamed(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Path under = file.resolve("w.safetensors");
        assertFails("somnus export: --out " + under + " lies under " + file + ", which is a file",
                "export", "--out", under.toString(), stdp.toString());
        assertFails("somnus export: --out " + tmp + " is a directory; give the file to write, e.g. "
                + tmp.resolve("weights.safetensors"), "export", "--out", tmp.toString(), stdp.toString());
        Path npz = stdp.resolve("weights.npz");
        String before = sha256(npz);
        assertFails("somnus export: --out " + npz + " is the run's own weights.npz, which export leaves as it is; give "
                + "another file, e.g. " + stdp.resolve("weights.safetensors"), "export", "--out", npz.toString(),
                stdp.toString());
        assertEquals(before, sha256(npz));
    }

    /**
     * An --out that names an existing file that is no safetensors file (a typo'd path, a user's own file), even one
     * named like an export, is refused and left as it was; an earlier export's file, whatever its name, is replaced.
     */
    @Test
    void anOutThatWouldReplaceAnotherFileIsRefused(@TempDir Path tmp) throws Exception {
        Path notes = Files.writeString(tmp.resolve("notes.safetensors"), "a user's notes, named like an export");
        assertFails("somnus export: --out " + notes + " already exists and is not a safetensors file, which export "
                + "would replace; remove it first, or give another file, e.g. " + stdp.resolve("weights.safetensors"),
                "export", "--out", notes.toString(), stdp.toString());
        assertEquals("a user's notes, named like an export", Files.readString(notes));
        Path earlier = tmp.resolve("weights.bin"); // an earlier export, whatever its name, is replaced by a rerun
        assertEquals(0, run("export", "--out", earlier.toString(), stdp.toString()).exit());
        Files.setLastModifiedTime(earlier, FileTime.fromMillis(0));
        Outcome o = run("export", "--out", earlier.toString(), stdp.toString());
        assertEquals(0, o.exit(), o.err());
        assertNotEquals(0, Files.getLastModifiedTime(earlier).toMillis());
    }

    /** A file given for the run, e.g. its weights.npz itself: its run directory is asked for. */
    @Test
    void aFileForTheRunIsNamed() {
        Path npz = stdp.resolve("weights.npz");
        assertFails("somnus export: " + npz + " is a file; give its run directory (or a sweep directory)", "export",
                npz.toString());
    }

    /** A sweep whose runs/ holds no finished run (an unfinished one's temporary directory only). */
    @Test
    void aSweepWithNoFinishedRunIsNamed(@TempDir Path tmp) throws Exception {
        Path sweep = tmp.resolve("sweep");
        Files.createDirectories(sweep.resolve("runs/.tmp-a-1"));
        Files.writeString(sweep.resolve("ledger.sqlite"), "a ledger");
        assertFails("somnus export: " + sweep + " is a sweep with no finished run in " + sweep.resolve("runs"),
                "export", sweep.toString());
    }

    /**
     * An --out the file system refuses after every check here passed, as a name longer than its 255 bytes: the
     * system's own reason, the file named, and nothing left behind.
     */
    @Test
    void anOutTheFileSystemRefusesIsNamedWithItsReason(@TempDir Path tmp) throws Exception {
        Path tooLong = tmp.resolve("w".repeat(250) + ".safetensors");
        assertFails("somnus export: cannot write " + tooLong + " (File name too long); choose an --out where you may "
                + "write", "export", "--out", tooLong.toString(), stdp.toString());
        try (var left = Files.list(tmp)) {
            assertEquals(List.of(), left.toList(), "no temporary file left");
        }
    }

    /**
     * A directory where a run's weights.safetensors goes: refused before any run's file is written, where the rename
     * replaced an empty one unasked and a full one failed advising an --out, which a sweep cannot take.
     */
    @Test
    void aDirectoryWhereTheFileGoesIsNamed(@TempDir Path tmp) throws Exception {
        Path copy = tmp.resolve("copy");
        copyRun(stdp, copy);
        Files.deleteIfExists(copy.resolve("weights.safetensors")); // an earlier test's export
        Path inPlace = Files.createDirectories(copy.resolve("weights.safetensors"));
        assertFails("somnus export: " + inPlace + " is a directory, where export writes the run's weights.safetensors; "
                + "move or remove it, or give --out FILE", "export", copy.toString());
        assertTrue(Files.isDirectory(inPlace), "the empty directory is left as it was");

        Path sweep = tmp.resolve("sweep");
        Files.writeString(Files.createDirectories(sweep).resolve("ledger.sqlite"), "a ledger");
        copyRun(stdp, sweep.resolve("runs/a"));
        copyRun(stdp, sweep.resolve("runs/b"));
        Files.deleteIfExists(sweep.resolve("runs/a/weights.safetensors"));
        Files.deleteIfExists(sweep.resolve("runs/b/weights.safetensors"));
        Path full = Files.createDirectories(sweep.resolve("runs/b/weights.safetensors"));
        Files.writeString(full.resolve("note.txt"), "mine");
        assertFails("somnus export: " + full + " is a directory, where export writes the run's weights.safetensors; "
                + "move or remove it", "export", sweep.toString());
        assertFalse(Files.exists(sweep.resolve("runs/a/weights.safetensors")), "no run's file written");
    }

    @Test
    void anotherFormatIsNamed() {
        assertFails("somnus export: --format npz: the only format is safetensors (the run's weights.npz is the numpy "
                + "one)", "export", "--format", "npz", stdp.toString());
    }

    private static void assertFails(String message, String... args) {
        Outcome o = run(args);
        assertEquals(SomnusCli.EXIT_BAD_INPUT, o.exit(), o.err());
        assertEquals(message + "\n", o.err());
        assertEquals("", o.out());
    }

    /** The file's SHA-256, hashed here. */
    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
