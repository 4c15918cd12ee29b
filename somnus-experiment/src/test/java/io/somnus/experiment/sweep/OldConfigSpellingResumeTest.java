package io.somnus.experiment.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.config.Configs;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.model.SnapshotArithmetic;
import io.somnus.experiment.run.StandardResolver;
import io.somnus.experiment.run.StandardRunExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run cut short by a Somnus before 7 Dec 2026, whose config.yaml spells numbers as Java does (w_min: 1.0E-4, its
 * snapshot's configuration digest that file's), still goes on from its snapshot under sweep --resume, now that
 * config.yaml is written w_min: 0.0001.
 */
class OldConfigSpellingResumeTest {
    @TempDir
    Path tmp;

    private static SweepPlan plan() {
        return SweepPlanner.plan(SweepSpec.parse(Path.of("stdpcut.yaml"), SweepStdpResumeTest.sweep("paper")),
                new StandardResolver());
    }

    @Test
    void aRunWithJavaSpelledNumbersGoesOnFromItsSnapshot() throws Exception {
        Path whole = tmp.resolve("whole");
        new SweepRunner(new StandardRunExecutor()).execute(plan(), whole, 1, false, SweepListener.NONE);
        String id = plan().runs().get(0).runId();
        Path cut = tmp.resolve("cut");
        assertThrows(InternalError.class, () -> new SweepRunner(new SweepSgResumeTest.Counting(16))
                .execute(plan(), cut, 1, false, SweepListener.NONE));
        Path run;
        try (var left = Files.list(cut.resolve("runs"))) { // the run cut short: runs/.tmp-<id>-<nonce>
            run = left.filter(d -> d.getFileName().toString().startsWith(".tmp-" + id)).findFirst().orElseThrow();
        }
        // as the older Somnus left it: the same configuration in Java's spelling, the snapshot taken under that file
        String old = Mappers.YAML.writeValueAsString(Mappers.YAML.readTree(run.resolve(RunDirectory.CONFIG).toFile()));
        assertTrue(old.contains("1.0E-4"), old);
        assertNotEquals(Configs.toYaml(Mappers.YAML.readTree(old)), old);
        Files.writeString(run.resolve(RunDirectory.CONFIG), old);
        SnapshotArithmetic.configDigest(run.resolve(RunDirectory.RESUME_SNAPSHOT),
                MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(run.resolve(RunDirectory.CONFIG))));

        SweepSgResumeTest.Counting again = new SweepSgResumeTest.Counting(-1);
        new SweepRunner(again).execute(plan(), cut, 1, true, SweepListener.NONE);
        assertEquals(1, again.resumed.get(), "went on from the snapshot");
        assertEquals(0, again.executed.get(), "not run from the start");
        Path done = cut.resolve("runs").resolve(id);
        assertEquals(old, Files.readString(done.resolve(RunDirectory.CONFIG)), "the run's own config.yaml kept");
        for (String f : new String[] {"metrics.csv", "summary.json", "weights.npz", "sleep_traces.csv"}) {
            assertArrayEquals(Files.readAllBytes(whole.resolve("runs").resolve(id).resolve(f)),
                    Files.readAllBytes(done.resolve(f)), f);
        }
    }
}
