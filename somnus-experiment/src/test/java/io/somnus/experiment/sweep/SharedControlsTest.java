package io.somnus.experiment.sweep;

import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.io.FileTrees;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.run.StandardResolver;
import io.somnus.experiment.run.StandardRunExecutor;
import io.somnus.experiment.stats.GlmmRunner;
import io.somnus.experiment.stats.RunRecord;
import io.somnus.kernel.Kernels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Untrained controls shared between variants whose controls are alike ({@link ControlSharing}): the shared sweep writes
 * the aggregates and verdict of the sweep in which every variant runs its own controls, byte for byte, and a sweep
 * directory started before controls were shared resumes and reports as it was.
 */
class SharedControlsTest {
    /** Two variants that differ only in an STDP parameter, which an untrained control never applies. */
    private static final String SWEEP = """
            name: shared
            presets: [paper]
            datasets: [geomfig]
            sleep_fractions: [0.0, 0.2]
            seeds: [1]
            controls: [untrained, untrained_sleep_target]
            variants:
              base: {}
              eta: {projections.input_e.plasticity.eta: 0.002}
            set:
              train.images: 30
              train.validation_images: 10
              train.test_images: 10
            """;
    private static final GlmmRunner NO_R = new GlmmRunner("/nonexistent/Rscript", Duration.ofSeconds(5));
    private static final List<String> SAME_FILES = List.of("aggregate.csv", "curves.csv", "verdict.csv", "verdict.json");
    private static final String ETA_UNTRAINED = "paper__geomfig__eta__untrained__s1";

    @TempDir
    Path tmp;

    private SweepSpec spec() throws Exception {
        return SweepSpec.parse(Files.writeString(tmp.resolve("shared.yaml"), SWEEP), SWEEP);
    }

    @Test
    void aSharedSweepWritesTheAggregatesAndVerdictOfOneWithAControlPerVariant() throws Exception {
        SweepSpec spec = spec();
        StandardResolver resolver = new StandardResolver();
        SweepPlan shared = SweepPlanner.plan(spec, resolver);
        assertEquals(6, shared.runs().size());
        SweepPlan own = SweepPlanner.plan(spec, resolver, false);
        assertEquals(8, own.runs().size());
        Path a = tmp.resolve("shared");
        Path b = tmp.resolve("own");
        SweepRunner runner = new SweepRunner(new StandardRunExecutor(Kernels.scalar()));
        runner.execute(shared, a, 2, false, SweepListener.NONE);
        runner.execute(own, b, 2, false, SweepListener.NONE);
        assertEquals(6, SweepKillResumeTest.listRuns(a).size());
        SweepResults.aggregate(a, NO_R);
        SweepResults.aggregate(b, NO_R);
        for (String f : SAME_FILES) {
            assertArrayEquals(Files.readAllBytes(b.resolve(f)), Files.readAllBytes(a.resolve(f)), f);
        }
        // runs_long.csv has the same rows but for the run id: eta's control rows name the run that stands for them
        assertEquals(withoutRunId(b.resolve("runs_long.csv")), withoutRunId(a.resolve("runs_long.csv")));
        // what every reader (aggregates, verdict, report) takes from the directory: the same runs, cells and numbers
        assertEquals(described(SweepResults.load(b).runs()), described(SweepResults.load(a).runs()));
        // the check that sharing rests on: eta's own controls are base's, byte for byte, though its training is not
        Path runs = b.resolve(SweepRunner.RUNS_DIR);
        for (String control : List.of("untrained", "untrained_sleep_target")) {
            for (String f : List.of("summary.json", "metrics.csv", "weights.npz", "sleep_traces.csv")) {
                assertArrayEquals(Files.readAllBytes(runs.resolve("paper__geomfig__base__" + control + "__s1/" + f)),
                        Files.readAllBytes(runs.resolve("paper__geomfig__eta__" + control + "__s1/" + f)), control + f);
            }
        }
        assertFalse(Arrays.equals(Files.readAllBytes(runs.resolve("paper__geomfig__base__f0.00__s1/weights.npz")),
                Files.readAllBytes(runs.resolve("paper__geomfig__eta__f0.00__s1/weights.npz"))), "eta trains otherwise");
    }

    /**
     * The sweep file's {@code share_controls: false} plans what the API's switch plans (a control run for every
     * variant), and its hash (its runs share nothing); it needs controls and a boolean; two variants' controls that are
     * one configuration, whole, cannot each run it and are refused, naming the field.
     */
    @Test
    void shareControlsFalseInTheSweepFilePlansAControlPerVariant() throws Exception {
        StandardResolver resolver = new StandardResolver();
        SweepSpec own = SweepSpec.parse(tmp.resolve("own.yaml"), SWEEP + "share_controls: false\n");
        assertFalse(own.shareControls());
        assertTrue(spec().shareControls(), "shared unless the file says otherwise");
        SweepPlan plan = SweepPlanner.plan(own, resolver);
        assertEquals(8, plan.runs().size());
        assertEquals(0, plan.sharedControls());
        assertTrue(plan.runs().stream().anyMatch(r -> r.runId().equals(ETA_UNTRAINED)));
        assertEquals(SweepPlanner.plan(spec(), resolver, false).hash(), plan.hash());
        assertEquals(SweepPlanner.plan(spec(), resolver).hash(),
                SweepPlanner.plan(SweepSpec.parse(tmp.resolve("t.yaml"), SWEEP + "share_controls: true\n"), resolver)
                        .hash());
        assertEquals(2, ControlSharing.alike(plan.runs())); // eta's two controls: base's would stand for them

        String noControls = SWEEP.replace("controls: [untrained, untrained_sleep_target]\n", "");
        ConfigException e = Assertions.assertThrows(
                ConfigException.class,
                () -> SweepSpec.parse(tmp.resolve("n.yaml"), noControls + "share_controls: false\n"));
        assertTrue(e.getMessage().contains("share_controls") && e.getMessage().contains("asks for none"), e.getMessage());
        e = Assertions.assertThrows(ConfigException.class,
                () -> SweepSpec.parse(tmp.resolve("b.yaml"), SWEEP + "share_controls: 1\n"));
        assertTrue(e.getMessage().contains("share_controls") && e.getMessage().contains("expected true"), e.getMessage());

        // a variant that starts at the sleep target: its untrained control is base's untrained_sleep_target, whole
        String atTarget = SWEEP.replace("eta: {projections.input_e.plasticity.eta: 0.002}",
                "at-target: {train.initial_weights: sleep_target}");
        // 4 trained runs and base's 2 controls: both of at-target's controls are base's untrained_sleep_target
        assertEquals(6, SweepPlanner.plan(SweepSpec.parse(tmp.resolve("s.yaml"), atTarget), resolver).runs().size());
        e = Assertions.assertThrows(ConfigException.class,
                () -> SweepPlanner.plan(SweepSpec.parse(tmp.resolve("s.yaml"), atTarget + "share_controls: false\n"),
                        resolver));
        assertTrue(e.getMessage().contains("resolve to the same configuration, so they can only be one run, which "
                + "share_controls: false rules out"), e.getMessage());
    }

    @Test
    void aSweepStartedBeforeControlsWereSharedResumesAndReportsAsBefore() throws Exception {
        SweepSpec spec = spec();
        StandardResolver resolver = new StandardResolver();
        SweepPlan perVariant = SweepPlanner.plan(spec, resolver, false);
        Path out = tmp.resolve("out");
        FakeExecutor fake = new FakeExecutor(null, 0, 0, Set.of());
        new SweepRunner(fake).execute(perVariant, out, 2, false, SweepListener.NONE);
        SweepResults.aggregate(out, NO_R);
        List<byte[]> complete = new ArrayList<>();
        for (String f : SAME_FILES) {
            complete.add(Files.readAllBytes(out.resolve(f)));
        }
        Path ledger = out.resolve(SweepLedger.FILE_NAME);
        // the ledger as the code before sharing wrote it: no shared_by column; one of eta's controls left unfinished
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + ledger); var s = c.createStatement()) {
            s.execute("ALTER TABLE runs DROP COLUMN shared_by");
            s.execute("UPDATE runs SET status = 'pending' WHERE run_id = '" + ETA_UNTRAINED + "'");
        }
        FileTrees.deleteRecursively(out.resolve(SweepRunner.RUNS_DIR).resolve(ETA_UNTRAINED));

        SweepPlan shared = SweepPlanner.plan(spec, resolver);
        SweepRecord.checkBeforeRunning(out, shared, true); // what --dry-run --resume checks: no "different sweep"
        RecordingListener listener = new RecordingListener();
        List<String> messages = listener.messages;
        List<RunOutcome> outcomes = new SweepRunner(fake).execute(shared, out, 1, true, listener);
        assertEquals(8, outcomes.size());
        assertEquals(List.of(ETA_UNTRAINED), outcomes.stream().filter(o -> !o.skipped()).map(RunOutcome::runId).toList());
        assertTrue(messages.stream().anyMatch(m -> m.contains("before untrained controls were shared")), messages.toString());
        assertSameFiles(complete, out);
        assertEquals(8, SweepResults.load(out).runs().size());

        // its ledger lost as well: --resume starts a new one for the sweep as it was started (a control per variant),
        // not refused for a directory of eta's controls (the fake's directories are no whole runs to keep, so they run
        // again: RunAdoptionTest keeps real ones)
        for (String f : List.of("ledger.sqlite", "ledger.sqlite-wal", "ledger.sqlite-shm")) {
            Files.deleteIfExists(out.resolve(f));
        }
        messages.clear();
        outcomes = new SweepRunner(fake).execute(shared, out, 1, true, listener);
        assertEquals(perVariant.runs().stream().map(PlannedRun::runId).toList(),
                outcomes.stream().map(RunOutcome::runId).toList());
        assertTrue(messages.stream().anyMatch(m -> m.contains("before untrained controls were shared")), messages.toString());
        assertSameFiles(complete, out);
    }

    private static void assertSameFiles(List<byte[]> expected, Path out) throws Exception {
        SweepResults.aggregate(out, NO_R);
        for (int i = 0; i < SAME_FILES.size(); i++) {
            assertArrayEquals(expected.get(i), Files.readAllBytes(out.resolve(SAME_FILES.get(i))), SAME_FILES.get(i));
        }
    }

    /** A finished sweep planned with sharing resumes with it: nothing is run again, and the ledger records the sharing. */
    @Test
    void aSharedSweepResumesShared() throws Exception {
        SweepSpec spec = spec();
        SweepPlan shared = SweepPlanner.plan(spec, new StandardResolver());
        Path out = tmp.resolve("out");
        FakeExecutor fake = new FakeExecutor(null, 0, 0, Set.of());
        new SweepRunner(fake).execute(shared, out, 2, false, SweepListener.NONE);
        List<LedgerEntry> entries = SweepLedger.read(out.resolve(SweepLedger.FILE_NAME));
        assertEquals(6, entries.size());
        assertEquals(List.of("eta,control=untrained"), entries.stream()
                .filter(e -> e.runId().equals("paper__geomfig__base__untrained__s1")).findFirst().orElseThrow().sharedBy());
        List<RunOutcome> again = new SweepRunner(fake).execute(shared, out, 1, true, SweepListener.NONE);
        assertTrue(again.stream().allMatch(RunOutcome::skipped));
        List<RunRecord> runs = SweepResults.load(out).runs();
        assertEquals(8, runs.size());
        assertEquals(2, runs.stream().filter(r -> r.runId().equals("paper__geomfig__base__untrained__s1")).count());
    }

    private static List<String> withoutRunId(Path runsLong) throws Exception {
        List<String> rows = new ArrayList<>();
        for (String line : Files.readAllLines(runsLong)) {
            rows.add(line.startsWith("\"") ? line.substring(line.indexOf("\",") + 2) : line.substring(line.indexOf(',') + 1));
        }
        return rows;
    }

    private static List<String> described(List<RunRecord> runs) {
        return runs.stream().map(r -> r.cell() + " seed " + r.seed() + " " + r.metrics() + " " + r.summary()).toList();
    }
}
