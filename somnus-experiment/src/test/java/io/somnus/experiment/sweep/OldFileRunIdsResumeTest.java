package io.somnus.experiment.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.run.StandardResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Somnus before 7 Dec 2026 named a configuration file's runs with its {@code .yaml} ({@code ff.yaml__…}) and ran a
 * changes file as the preset it changes; such a sweep directory cannot be resumed now, and the refusal says why and
 * what to do instead of only listing the runs as new.
 */
class OldFileRunIdsResumeTest {
    @TempDir
    Path tmp;

    @Test
    void aDirectoryOfRunsNamedWithTheirFilesYamlIsRefusedSayingWhy() throws Exception {
        Files.writeString(tmp.resolve("ff.yaml"), "preset: paper\npopulations:\n  - {name: e, size: 20}\n");
        SweepPlan plan = SweepPlanner.plan(new SweepSpec(tmp.resolve("sw.yaml"), "sw", "",
                List.of(tmp.resolve("ff.yaml").toString()), List.of("geomfig"), List.of(0.0), List.of(1L),
                Map.of(), Map.of(),
                Map.of("train.images", 20, "train.validation_images", 10, "train.test_images", 10), List.of()), new StandardResolver());
        assertEquals(List.of("ff__geomfig__f0.00__s1"), plan.runs().stream().map(PlannedRun::runId).toList());
        Path out = tmp.resolve("out");
        new SweepRunner(new FakeExecutor(null, 0, 0, Set.of())).execute(plan, out, 1, false, SweepListener.NONE);
        SweepRecord.checkBeforeRunning(out, plan, true); // this Somnus's own directory resumes

        // the run id, and the sweep's hash over it, as the older code wrote them
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + out.resolve(SweepLedger.FILE_NAME));
             var s = c.createStatement()) {
            s.execute("UPDATE runs SET run_id = 'ff.yaml__geomfig__f0.00__s1'");
            s.execute("UPDATE meta SET value = '" + CanonicalJson.sha256("ff.yaml__geomfig__f0.00__s1="
                    + plan.runs().get(0).configHash() + "\n") + "' WHERE key = 'sweep_hash'");
        }
        SweepException e = assertThrows(SweepException.class, () -> SweepRecord.checkBeforeRunning(out, plan, true));
        assertTrue(e.getMessage().contains("holds a different sweep"), e.getMessage());
        assertTrue(e.getMessage().contains("Its runs (ff.yaml__geomfig__f0.00__s1) were named by a Somnus before 7 Dec"
                + " 2026"), e.getMessage());
        assertTrue(e.getMessage().contains("finish the sweep with the Somnus that started it"), e.getMessage());
    }

    @Test
    void onlyIdsOfAFilesRunsGetTheHint() {
        assertEquals("", SweepRecord.namedByFile(List.of("paper__geomfig__f0.00__s1", "paper.x__geomfig__f0.00__s1")));
        assertTrue(SweepRecord.namedByFile(List.of("paper__geomfig__f0.00__s1", "my_model.yml__geomfig__f0.20__s2"))
                .contains("(my_model.yml__geomfig__f0.20__s2)"));
    }
}
