package io.somnus.experiment.sweep;

import io.somnus.experiment.io.FileTrees;
import static io.somnus.experiment.sweep.SweepSpecTest.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.io.FileFormatException;
import io.somnus.experiment.io.NpyArray;
import io.somnus.experiment.io.Npz;
import io.somnus.experiment.io.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading a sweep's results checks every finished run's files and names every damaged one in one error. */
class SweepResultsTest {
    @TempDir
    Path tmp;

    private Path sweepFile(int seeds) throws IOException {
        StringBuilder list = new StringBuilder();
        for (int s = 1; s <= seeds; s++) {
            list.append(s == 1 ? "" : ", ").append(s);
        }
        return Files.writeString(tmp.resolve("small.yaml"), "name: small\npresets: [paper]\ndatasets: [mnist]\n"
                + "sleep_fractions: [0.0, 0.2]\nseeds: [" + list + "]\n");
    }

    private static SweepCommandSupport support() {
        return new SweepCommandSupport(new FakeResolver(), new FakeExecutor(null, 0, 0, Set.of()));
    }

    /** The sweep's finished run directories, sorted. */
    private static List<Path> runs(Path out) throws IOException {
        try (var s = Files.list(out.resolve(SweepRunner.RUNS_DIR))) {
            return s.sorted().toList();
        }
    }

    private static void cutShort(Path file, int bytes) throws IOException {
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length - bytes));
    }

    /** A weights.npz whole but for one byte of an entry's data, so that its CRC-32 fails. */
    private static void weightsFailingCrc(Path run) throws IOException {
        float[] w = new float[4096];
        for (int k = 0; k < w.length; k++) {
            w[k] = (float) Math.sin(k);
        }
        Path npz = run.resolve(RunDirectory.WEIGHTS);
        Npz.write(npz, Map.of("input_e", NpyArray.of(w, new int[] {64, 64})));
        Npz.verify(npz); // whole before the change
        byte[] bytes = Files.readAllBytes(npz);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(npz, bytes);
    }

    /** An accuracy outside [0, 1] in summary.json or metrics.csv is a damaged file, named, not a mean moved by it. */
    @Test
    void anAccuracyOutsideTheUnitIntervalIsADamagedFile() throws Exception {
        Path out = tmp.resolve("out");
        support().run(sweepFile(1), out, 1, false, SweepListener.NONE);
        List<Path> runs = runs(out);
        Path summary = runs.get(0).resolve(RunDirectory.SUMMARY);
        Files.writeString(summary, Files.readString(summary).replaceFirst("\"test_accuracy\" ?: ?[0-9.Ee-]+",
                "\"test_accuracy\": 1.5"));
        Path metrics = runs.get(1).resolve(RunDirectory.METRICS);
        List<String> lines = new ArrayList<>(Files.readAllLines(metrics));
        List<String> header = List.of(lines.get(0).split(","));
        String[] row = lines.get(1).split(",", -1);
        row[header.indexOf(RunDirectory.Metrics.VAL_ACCURACY)] = "-0.25";
        lines.set(1, String.join(",", row));
        Files.write(metrics, lines);
        FileFormatException e = assertThrows(FileFormatException.class, () -> SweepResults.load(out));
        assertContains(e.getMessage(), summary + " is damaged: test_accuracy is 1.5, not an accuracy in [0, 1]",
                metrics + " is damaged: its row 1 has val_accuracy -0.25, not an accuracy in [0, 1]");
    }

    /** Three runs with a damaged file each: the error of loading (report) and of a resume's aggregation names all three. */
    @Test
    void everyDamagedFileOfTheSweepIsNamedInOneError() throws Exception {
        Path out = tmp.resolve("out");
        Path sweep = sweepFile(2);
        support().run(sweep, out, 1, false, SweepListener.NONE);
        List<Path> runs = runs(out);
        assertEquals(4, runs.size());
        Path metrics = runs.get(0).resolve(RunDirectory.METRICS);
        cutShort(metrics, 3);
        weightsFailingCrc(runs.get(1));
        Path weights = runs.get(1).resolve(RunDirectory.WEIGHTS);
        Path summary = runs.get(3).resolve(RunDirectory.SUMMARY);
        cutShort(summary, 5);

        FileFormatException e = assertThrows(FileFormatException.class, () -> SweepResults.load(out));
        assertContains(e.getMessage(), "3 damaged files in the sweep directory " + out, metrics + ": its last line has no "
                + "line end", weights + " is damaged (", summary + " is damaged: not valid JSON",
                "delete those 3 runs' directories under runs/ and rerun the sweep with --resume");
        assertFalse(e.getMessage().contains(runs.get(2).getFileName().toString()), "a whole run is not named");

        RecordingListener listener = new RecordingListener();
        List<String> messages = listener.messages;
        SweepResult resumed = support().run(sweep, out, 1, true, listener);
        String failed = messages.stream().filter(m -> m.startsWith("aggregation failed")).findFirst().orElseThrow();
        assertContains(failed, metrics.toString(), weights.toString(), summary.toString());
        assertEquals(null, resumed.aggregate());
    }

    /** What the error advises works: the damaged runs' directories deleted, --resume runs them again. */
    @Test
    void deletingTheDamagedRunsAndResumingRunsThemAgain() throws Exception {
        Path out = tmp.resolve("out");
        Path sweep = sweepFile(2);
        support().run(sweep, out, 1, false, SweepListener.NONE);
        List<Path> runs = runs(out);
        cutShort(runs.get(0).resolve(RunDirectory.METRICS), 3);
        weightsFailingCrc(runs.get(1));
        assertThrows(FileFormatException.class, () -> SweepResults.load(out));
        FileTrees.deleteRecursively(runs.get(0));
        FileTrees.deleteRecursively(runs.get(1));
        SweepResult again = support().run(sweep, out, 1, true, SweepListener.NONE);
        assertEquals(2, again.outcomes().stream().filter(o -> o.status() == RunStatus.DONE && !o.skipped()).count());
        assertEquals(4, SweepResults.load(out).runs().size());
    }

    /** A sweep damaged throughout names the first LISTED files and counts the rest. */
    @Test
    void theErrorListsTwentyFilesAndCountsTheRest() throws Exception {
        Path out = tmp.resolve("out");
        support().run(sweepFile(12), out, 1, false, SweepListener.NONE);
        List<Path> runs = runs(out);
        assertEquals(24, runs.size());
        for (Path run : runs.subList(0, 23)) {
            cutShort(run.resolve(RunDirectory.METRICS), 2);
        }
        FileFormatException e = assertThrows(FileFormatException.class, () -> SweepResults.load(out));
        long listed = e.getMessage().lines().filter(l -> l.startsWith("  run ")).count();
        assertEquals(DamagedRunFiles.LISTED, listed, e.getMessage());
        assertContains(e.getMessage(), "23 damaged files", "\n  and 3 more\n");
    }

    /** A run directory's damaged files are all named too, with advice for a run rather than a sweep. */
    @Test
    void aRunDirectorysDamagedFilesAreAllNamed() throws Exception {
        Path out = tmp.resolve("out");
        support().run(sweepFile(1), out, 1, false, SweepListener.NONE);
        Path run = runs(out).get(0);
        cutShort(run.resolve(RunDirectory.METRICS), 2);
        weightsFailingCrc(run);
        FileFormatException e = assertThrows(FileFormatException.class, () -> SweepResults.load(run));
        assertContains(e.getMessage(), "2 damaged files in the run directory", run.resolve(RunDirectory.METRICS).toString(),
                run.resolve(RunDirectory.WEIGHTS).toString(), "Restore the run directory from a copy, or run it again.");
        assertTrue(!e.getMessage().contains("--resume"), e.getMessage());
    }

    /**
     * A file a done run wrote and later deleted, or changed into another whole file, is named as such: the ledger
     * recorded each file's SHA-256 when it marked the run done. A file added beside them is not the run's, and a
     * ledger from before the record (no digests) checks only the files themselves.
     */
    @Test
    void aFileDeletedOrChangedSinceTheRunWroteItIsNamed() throws Exception {
        Path out = tmp.resolve("out");
        support().run(sweepFile(2), out, 1, false, SweepListener.NONE);
        List<Path> runs = runs(out);
        Path deleted = runs.get(0).resolve(RunDirectory.SUMMARY);
        byte[] summary = Files.readAllBytes(deleted);
        Files.delete(deleted);
        Path config = runs.get(1).resolve(RunDirectory.CONFIG);
        String yaml = Files.readString(config);
        String edited = yaml.replaceFirst("\"seed\" ?: ?([0-9]+)", "\"seed\":9$1"); // another run's, still whole
        assertFalse(edited.equals(yaml), yaml);
        Files.writeString(config, edited);
        Files.writeString(runs.get(2).resolve("notes.txt"), "a user's note beside the run\n");

        FileFormatException e = assertThrows(FileFormatException.class, () -> SweepResults.load(out));
        assertContains(e.getMessage(), "2 damaged files in the sweep directory " + out,
                deleted + " was deleted after the run wrote it",
                config + " was changed after the run wrote it (its SHA-256 is not the one the ledger recorded)");
        assertFalse(e.getMessage().contains("notes.txt"), e.getMessage());

        // under a ledger written before the digests the edited config.yaml, being whole, passes unseen
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + out.resolve(SweepLedger.FILE_NAME));
             var st = c.createStatement()) {
            st.execute("UPDATE runs SET files_json = NULL");
        }
        Files.write(deleted, summary);
        assertEquals(4, SweepResults.load(out).runs().size());
    }

    /**
     * A grid's values were shown sorted as text (eta=0.001, eta=0.002, eta=5.0E-4) in the results, the aggregates and
     * the console table, while the report's variant comparisons took the file's order: all now take the file's order.
     * And they are spelled as the file writes them (5e-4), where they were spelled as Java writes doubles (5.0E-4).
     */
    @Test
    void variantsAreShownInTheOrderTheSweepFileGivesThem() throws Exception {
        Path file = Files.writeString(tmp.resolve("grid.yaml"), "name: grid\npresets: [paper]\ndatasets: [mnist]\n"
                + "sleep_fractions: [0.0, 0.2]\nseeds: [1]\n"
                + "grid: {sleep.noise_sigma: [0.001, 5e-4, 0.002]}\n");
        Path out = tmp.resolve("out");
        SweepResult result = support().run(file, out, 1, false, SweepListener.NONE);
        List<String> asWritten = List.of("sleep.noise_sigma=0.001",
                "sleep.noise_sigma=5e-4", "sleep.noise_sigma=0.002");
        SweepResults loaded = SweepResults.load(out);
        assertEquals(asWritten, loaded.variantOrder());
        assertEquals(asWritten, loaded.runs().stream().map(r -> r.variant()).distinct().toList());
        assertEquals(asWritten, loaded.byCell().keySet().stream().map(c -> c.variant()).distinct().toList());
        assertEquals(asWritten, result.aggregate().rows().stream().map(r -> r.cell().variant()).distinct().toList());
        String table = SweepSummaryTable.format(result);
        int[] at = asWritten.stream().mapToInt(table::indexOf).toArray();
        assertTrue(at[0] >= 0 && at[0] < at[1] && at[1] < at[2], table);
        assertTrue(Files.readString(out.resolve("aggregate.csv")).contains(",sleep.noise_sigma=5e-4,"));
        try (SweepLedger ledger = SweepLedger.openForReading(out.resolve(SweepLedger.FILE_NAME))) {
            assertEquals(Set.copyOf(asWritten),
                    ledger.entries().stream().map(LedgerEntry::variant).collect(Collectors.toSet()));
        }
    }
}
