package io.somnus.experiment.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.somnus.experiment.io.FileTrees;
import io.somnus.experiment.run.StandardResolver;
import io.somnus.experiment.stats.GlmmRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grid values name their variants as the sweep file writes them ({@code eta=5e-4}); Somnus wrote them as Java writes
 * doubles ({@code eta=5.0E-4}) before. A sweep directory that older code made resumes and reports as it was started:
 * its finished runs are not run again, its ledger and aggregates keep their spelling, its variants the file's order.
 */
class OldGridSpellingResumeTest {
    /** 2e-3 before 5e-4: the file's order, which is not the numbers' order. */
    private static final String SWEEP = """
            name: spelled
            presets: [paper]
            datasets: [geomfig]
            sleep_fractions: [0.0, 0.2]
            seeds: [1]
            controls: [untrained]
            grid:
              projections.input_e.plasticity.eta: [2e-3, 5e-4]
            set:
              train.images: 30
              train.validation_images: 10
              train.test_images: 10
            """;
    private static final String ETA = "projections.input_e.plasticity.eta=";
    /** The old spelling of each label part as written: Java's Double.toString of the value. */
    private static final Map<String, String> OLD = Map.of(ETA + "2e-3", ETA + "0.002", ETA + "5e-4", ETA + "5.0E-4");
    private static final GlmmRunner NO_R = new GlmmRunner("/nonexistent/Rscript", Duration.ofSeconds(5));

    @TempDir
    Path tmp;

    @Test
    void aDirectoryWithJavasSpellingResumesWithoutRunningItsFinishedRunsAgain() throws Exception {
        Path file = Files.writeString(tmp.resolve("spelled.yaml"), SWEEP);
        SweepPlan plan = SweepPlanner.plan(SweepSpec.load(file), new StandardResolver());
        assertEquals(List.of(ETA + "2e-3", ETA + "5e-4"), SweepPlanner.variantLabels(plan.spec()), "as written");
        assertEquals(1, plan.sharedControls(), "5e-4's control is 2e-3's: its label is in the sweep's hash");
        Path out = tmp.resolve("out");
        FakeExecutor fake = new FakeExecutor(null, 0, 0, Set.of());
        new SweepRunner(fake).execute(plan, out, 2, false, SweepListener.NONE);

        // the ledger as the older code wrote it: its labels, and the hash over their shared_by lines (SweepPlan.hash)
        Path ledger = out.resolve(SweepLedger.FILE_NAME);
        List<String> hashed = new ArrayList<>();
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + ledger); var s = c.createStatement()) {
            for (LedgerEntry e : SweepLedger.read(ledger)) {
                List<String> sharedBy = e.sharedBy().stream().map(OldGridSpellingResumeTest::old).toList();
                s.execute("UPDATE runs SET variant = '" + old(e.variant()) + "', shared_by = "
                        + (sharedBy.isEmpty() ? "NULL" : "'[" + sharedBy.stream().map(v -> "\"" + v + "\"")
                        .collect(Collectors.joining(",")) + "]'") + " WHERE run_id = '" + e.runId() + "'");
                hashed.add(e.runId() + "=" + e.configHash() + (sharedBy.isEmpty() ? "" : "\tshared_by="
                        + String.join("\t", sharedBy)) + "\n");
            }
            s.execute("UPDATE meta SET value = '" + CanonicalJson.sha256(hashed.stream().sorted()
                    .collect(Collectors.joining())) + "' WHERE key = 'sweep_hash'");
        }
        SweepResults.aggregate(out, NO_R);
        byte[] aggregate = Files.readAllBytes(out.resolve("aggregate.csv"));
        // the grid's variants in the file's order, then the controls' by their numbers (as in a new directory)
        List<String> oldOrder = List.of(ETA + "0.002", ETA + "5.0E-4", ETA + "5.0E-4,control=untrained",
                ETA + "0.002,control=untrained");
        assertEquals(oldOrder, variants(SweepResults.load(out)), "the file's order, the ledger's spelling");
        // one run of 5e-4 left unfinished; the other's row lost (it gets it back, in the ledger's spelling)
        List<String> of5e4 = plan.runs().stream().filter(r -> r.variant().equals(ETA + "5e-4")).map(PlannedRun::runId)
                .toList();
        String unfinished = of5e4.get(0);
        String lost = of5e4.get(1);
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + ledger); var s = c.createStatement()) {
            s.execute("UPDATE runs SET status = 'pending' WHERE run_id = '" + unfinished + "'");
            s.execute("DELETE FROM runs WHERE run_id = '" + lost + "'");
        }
        FileTrees.deleteRecursively(out.resolve(SweepRunner.RUNS_DIR).resolve(unfinished));
        FileTrees.deleteRecursively(out.resolve(SweepRunner.RUNS_DIR).resolve(lost));

        SweepRecord.checkBeforeRunning(out, plan, true); // what --dry-run --resume checks: no "different sweep"
        List<String> toDo = plan.runs().stream().map(PlannedRun::runId).filter(of5e4::contains).toList();
        assertEquals(toDo, SweepRecord.stillToDo(plan, out, true).stream().map(PlannedRun::runId).toList());
        List<RunOutcome> outcomes = new SweepRunner(fake).execute(plan, out, 1, true, SweepListener.NONE);
        assertEquals(toDo, outcomes.stream().filter(o -> !o.skipped()).map(RunOutcome::runId).toList());
        // 2e-3's control stands for 5e-4's
        Set<String> planned = Set.of(ETA + "0.002", ETA + "5.0E-4", ETA + "0.002,control=untrained");
        assertEquals(planned, outcomes.stream().map(RunOutcome::variant).collect(Collectors.toSet()), "the console's");
        assertEquals(planned, SweepLedger.read(ledger).stream().map(LedgerEntry::variant).collect(Collectors.toSet()));
        SweepResults results = SweepResults.load(out);
        assertEquals(oldOrder, variants(results));
        SweepResults.aggregate(out, NO_R);
        assertArrayEquals(aggregate, Files.readAllBytes(out.resolve("aggregate.csv")), "aggregate.csv as before");
    }

    /** The variants of the results' cells, in their order. */
    private static List<String> variants(SweepResults results) {
        return results.byCell().keySet().stream().map(k -> k.variant()).distinct().toList();
    }

    private static String old(String label) {
        String out = label;
        for (Map.Entry<String, String> e : OLD.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }
}
