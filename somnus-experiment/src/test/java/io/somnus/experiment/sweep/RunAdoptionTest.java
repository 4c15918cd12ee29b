package io.somnus.experiment.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.run.StandardResolver;
import io.somnus.experiment.run.StandardRunExecutor;
import io.somnus.kernel.Kernels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --resume} keeps a run directory the ledger does not count as done when it holds its run, finished (a run
 * is a pure function of its configuration), runs it again when its files are damaged, and refuses to touch a
 * directory written for another configuration: a lost ledger is rebuilt from the runs.
 */
class RunAdoptionTest {
    private static final String SWEEP = """
            name: adopt
            presets: [paper]
            datasets: [geomfig]
            sleep_fractions: [0.0, 0.2]
            seeds: [1]
            set:
              train.images: 30
              train.validation_images: 10
              train.test_images: 10
            """;

    @TempDir
    Path tmp;
    private Path sweep;
    private Path out;
    private final RecordingListener listener = new RecordingListener();
    private final List<String> messages = listener.messages;

    private SweepResult run(boolean resume) throws Exception {
        return new SweepCommandSupport(new StandardResolver(), new StandardRunExecutor(Kernels.scalar()))
                .run(sweep, out, 1, resume, listener);
    }

    /** Every run's directory's files, by run and file name. */
    private Map<String, byte[]> files() throws Exception {
        Map<String, byte[]> m = new HashMap<>();
        for (String run : SweepKillResumeTest.listRuns(out)) {
            for (String f : List.of("summary.json", "weights.npz", "metrics.csv")) {
                m.put(run + "/" + f, Files.readAllBytes(out.resolve("runs").resolve(run).resolve(f)));
            }
        }
        return m;
    }

    private void deleteLedger() throws Exception {
        for (String f : List.of("ledger.sqlite", "ledger.sqlite-wal", "ledger.sqlite-shm")) {
            Files.deleteIfExists(out.resolve(f));
        }
    }

    @BeforeEach
    void finishedSweep() throws Exception {
        sweep = Files.writeString(tmp.resolve("adopt.yaml"), SWEEP);
        out = tmp.resolve("out");
        assertEquals(2, run(false).done());
    }

    @Test
    void aLostLedgerIsRebuiltAndNoFinishedRunRunsAgain() throws Exception {
        Map<String, byte[]> before = files();
        deleteLedger();
        SweepResult again = run(true);
        assertEquals(2, again.skipped(), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("is missing: a new one is started")), messages.toString());
        Map<String, String> statuses = SweepKillResumeTest.statuses(out.resolve(SweepLedger.FILE_NAME));
        assertEquals(Map.of(), statuses.entrySet().stream().filter(e -> !e.getValue().equals("done"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        Map<String, byte[]> after = files();
        assertEquals(before.keySet(), after.keySet());
        before.forEach((k, v) -> assertArrayEquals(v, after.get(k), k));
        // an empty ledger file is a lost one too
        deleteLedger();
        Files.write(out.resolve(SweepLedger.FILE_NAME), new byte[0]);
        assertEquals(2, run(true).skipped(), messages.toString());
    }

    /** A run whose directory was renamed into place but whose ledger row still says running (a kill between). */
    @Test
    void aRunLeftRunningInTheLedgerWithItsDirectoryInPlaceIsKept() throws Exception {
        String first = SweepKillResumeTest.listRuns(out).get(0);
        try (SweepLedger ledger = SweepLedger.open(out.resolve(SweepLedger.FILE_NAME))) {
            ledger.markRunning(first, Instant.now());
        }
        assertEquals(2, run(true).skipped(), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("kept 1 finished run directory")), messages.toString());
    }

    @Test
    void aDamagedRunRunsAgainToTheSameFiles() throws Exception {
        Map<String, byte[]> before = files();
        String damaged = SweepKillResumeTest.listRuns(out).get(1);
        Path weights = out.resolve("runs").resolve(damaged).resolve("weights.npz");
        byte[] w = Files.readAllBytes(weights);
        w[w.length / 2] ^= 0x5a;
        Files.write(weights, w);
        deleteLedger();
        SweepResult again = run(true);
        assertEquals(1, again.skipped(), messages.toString());
        assertEquals(2, again.done());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("runs/" + damaged + " is not kept (")
                && m.contains("weights.npz")), messages.toString());
        Map<String, byte[]> after = files();
        before.forEach((k, v) -> assertArrayEquals(v, after.get(k), k)); // the rerun wrote the same bytes
    }

    /** With the ledger there too: a run it does not count as done whose directory holds another result is refused. */
    @Test
    void aPendingRunWhoseDirectoryHoldsAnotherConfigurationIsRefused() throws Exception {
        String other = SweepKillResumeTest.listRuns(out).get(0);
        Path config = out.resolve("runs").resolve(other).resolve("config.yaml");
        Files.writeString(config, Files.readString(config).replace("seed: 1", "seed: 7"));
        try (SweepLedger ledger = SweepLedger.open(out.resolve(SweepLedger.FILE_NAME))) {
            ledger.markPending(other);
        }
        Map<String, byte[]> before = files();
        SweepException e = assertThrows(SweepException.class, () -> run(true));
        assertTrue(e.getMessage().contains("runs/" + other + " (its config.yaml is not that run's configuration)")
                && e.getMessage().contains("Nothing was changed"), e.getMessage());
        Map<String, byte[]> after = files();
        before.forEach((k, v) -> assertArrayEquals(v, after.get(k), k));
    }

    /** A directory without its config.yaml is an unfinished copy of its run: run again, not refused. */
    @Test
    void aDirectoryMissingAFileRunsAgain() throws Exception {
        String cut = SweepKillResumeTest.listRuns(out).get(1);
        Files.delete(out.resolve("runs").resolve(cut).resolve("config.yaml"));
        deleteLedger();
        SweepResult again = run(true);
        assertEquals(1, again.skipped(), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.equals("runs/" + cut + " is not kept (it has no config.yaml): "
                + "running it again")), messages.toString());
    }

    /**
     * The noise a run drew is its stream (GaussianDraws.stream()), not the words of its provenance: on Java 17 the
     * JDK's nextGaussian() draws what the ziggurat's tables do; on Java 25 it does not.
     */
    @Test
    void runsWhoseNoiseWasDrawnOtherwiseAreAnotherResult() throws Exception {
        String first = SweepKillResumeTest.listRuns(out).get(0);
        Path dir = out.resolve("runs").resolve(first);
        Path provenance = dir.resolve("provenance.json");
        String text = Files.readString(provenance);
        PlannedRun run = SweepPlanner.plan(SweepSpec.load(sweep), new StandardResolver()).runs().stream()
                .filter(r -> r.runId().equals(first)).findFirst().orElseThrow();
        assertTrue(RunAdoption.otherRun(run, dir).isEmpty());
        String jdkDraws = "this JDK's nextGaussian() (-Dsomnus.fast_gaussian=false)";
        Files.writeString(provenance, text.replaceFirst("\"gaussian_draws\" : \"[^\"]*\"",
                "\"gaussian_draws\" : \"" + jdkDraws + "\"").replaceFirst("\"java_version\" : \"[^\"]*\"",
                "\"java_version\" : \"17.0.15\""));
        assertTrue(RunAdoption.otherRun(run, dir).isEmpty(), "Java 17's own draws are the tables' draws");
        Files.writeString(provenance, Files.readString(provenance).replace("\"17.0.15\"", "\"25.0.3\""));
        assertTrue(RunAdoption.otherRun(run, dir).orElseThrow().contains("java-25-nextGaussian"));
    }

    @Test
    void aDirectoryOfAnotherConfigurationIsNeverTouched() throws Exception {
        String other = SweepKillResumeTest.listRuns(out).get(0);
        Path config = out.resolve("runs").resolve(other).resolve("config.yaml");
        Files.writeString(config, Files.readString(config).replace("seed: 1", "seed: 7"));
        Map<String, byte[]> before = files();
        deleteLedger();
        SweepException e = assertThrows(SweepException.class, () -> run(true));
        assertTrue(e.getMessage().contains("is missing") && e.getMessage().contains("runs/" + other
                + " is not this sweep's run of that name") && e.getMessage().contains("Nothing was changed"),
                e.getMessage());
        Map<String, byte[]> after = files();
        before.forEach((k, v) -> assertArrayEquals(v, after.get(k), k));
        assertTrue(!Files.exists(out.resolve(SweepLedger.FILE_NAME)) || Files.size(out.resolve(SweepLedger.FILE_NAME)) == 0);
    }
}
