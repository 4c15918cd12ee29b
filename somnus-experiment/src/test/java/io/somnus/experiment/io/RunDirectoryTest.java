package io.somnus.experiment.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
    @Test
    void resolvesEveryFileOfTheDocumentedLayout(@TempDir Path tmp) {
        RunDirectory run = RunDirectory.of(tmp);
        // the names docs/run-directory.md gives, spelled out here so that a changed constant fails
        assertEquals(tmp.resolve("config.yaml"), run.config());
        assertEquals(tmp.resolve("provenance.json"), run.provenance());
        assertEquals(tmp.resolve("metrics.csv"), run.metrics());
        assertEquals(tmp.resolve("summary.json"), run.summary());
        assertEquals(tmp.resolve("timing.json"), run.timing());
        assertEquals(tmp.resolve("weights.npz"), run.weights());
        assertEquals(tmp.resolve("sleep_traces.csv"), run.sleepTraces());
        assertEquals(tmp.resolve("weight_histograms.csv"), run.weightHistograms());
        assertEquals(List.of("config.yaml", "provenance.json", "metrics.csv", "summary.json", "timing.json",
                "weights.npz", "sleep_traces.csv", "weight_histograms.csv"), RunDirectory.FILES);
    }

    @Test
    void namesTheColumnsTheReportReads() {
        assertEquals(List.of("step", "phase", "episode", "projection", "total_abs", "mean"), RunDirectory.SleepTraces.COLUMNS);
        assertEquals(List.of("episode", "when", "projection", "bin_lo", "bin_hi", "count"),
                RunDirectory.WeightHistograms.COLUMNS);
        assertEquals("images_seen", RunDirectory.Metrics.IMAGES_SEEN);
        assertEquals("val_accuracy", RunDirectory.Metrics.VAL_ACCURACY);
    }

    @Test
    void aRunDirectoryIsOneWithASummary(@TempDir Path tmp) throws Exception {
        assertFalse(RunDirectory.isRun(tmp));
        Files.createDirectory(tmp.resolve("summary.json"));
        assertFalse(RunDirectory.isRun(tmp), "a folder named like the summary is not one");
        Path run = Files.createDirectory(tmp.resolve("run"));
        Files.writeString(run.resolve("summary.json"), "{}");
        assertTrue(RunDirectory.isRun(run));
    }
}
