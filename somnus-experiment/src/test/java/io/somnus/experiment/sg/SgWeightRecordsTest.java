package io.somnus.experiment.sg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.io.Csv;
import io.somnus.experiment.io.CsvTable;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.io.NpyArray;
import io.somnus.experiment.io.Npz;
import io.somnus.experiment.model.RunProgress;
import io.somnus.experiment.run.StandardResolver;
import io.somnus.experiment.run.StandardRunExecutor;
import io.somnus.kernel.Kernels;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An SG-SNN run that sleeps records its weight matrices as an STDP run records its projections: traces through every
 * episode and at each epoch's end, histograms before and after each episode. Checked against the run's own
 * weights.npz, summed and binned here: sg-fc sleeps after every epoch at f = 1, so nothing trains after its last
 * episode and the final weights are those after it.
 */
class SgWeightRecordsTest {
    @Test
    void aSleepingSgRunRecordsItsWeightsThroughEachEpisode(@TempDir Path tmp) throws Exception {
        ObjectNode tree = new StandardResolver().resolve(Map.ofEntries(Map.entry("preset", "sg-fc"),
                Map.entry("dataset.name", "geomfig"), Map.entry("train.images", 64), Map.entry("train.validation_images", 16),
                Map.entry("train.test_images", 16), Map.entry("sg.hidden", 16), Map.entry("sg.epochs", 2),
                Map.entry("sg.batch_size", 16), Map.entry("sleep.fraction", 1.0), Map.entry("sg.sleep.iterations", 3),
                Map.entry("sg.sleep.batch_copies", 2)));
        Path run = tmp.resolve("run");
        new StandardRunExecutor(Kernels.scalar()).execute(tree, run, RunProgress.NONE);
        JsonNode summary = Mappers.JSON.readTree(run.resolve("summary.json").toFile());
        int episodes = summary.get("sleep_episodes").asInt();
        assertEquals(2, episodes, "one episode after each epoch");
        Map<String, NpyArray> npz = Npz.read(run.resolve("weights.npz"));

        CsvTable traces = Csv.read(run.resolve("sleep_traces.csv"));
        TreeSet<String> slept = new TreeSet<>();
        long lastStep = -1;
        for (int r = 0; r < traces.rowCount(); r++) {
            if (traces.cell(r, "phase").equals("sleep")) {
                slept.add(traces.cell(r, "episode"));
            }
            long step = (long) traces.number(r, "step");
            assertTrue(step >= lastStep, "steps in order");
            lastStep = step;
        }
        assertEquals(new TreeSet<>(List.of("1", "2")), slept);
        assertEquals(0, (long) traces.number(0, "step"), "the first rows are the weights before training");
        assertEquals("wake", traces.cell(0, "phase"));
        // before each episode a wake row where training left the weights: the episode's first sample, at the same step
        for (int r = 1; r < traces.rowCount(); r++) {
            if (traces.cell(r, "phase").equals("sleep") && !traces.cell(r - 1, "phase").equals("sleep")
                    && traces.number(r - 1, "step") != 0) {
                int wake = r - 2; // wake rows for in_h, h_out, then sleep rows for in_h, h_out
                assertEquals("wake", traces.cell(wake, "phase"), "row " + wake);
                assertEquals(traces.number(r, "step"), traces.number(wake, "step"), "row " + wake);
                assertEquals(traces.number(r, "total_abs"), traces.number(wake, "total_abs"), "row " + wake);
            }
        }
        CsvTable metrics = Csv.read(run.resolve("metrics.csv"));
        int last = metrics.rowCount() - 1;
        assertEquals((long) (metrics.number(last, "wake_steps") + metrics.number(last, "sleep_steps")), lastStep,
                "the last wake row is at the run's last simulation step");
        for (String matrix : new String[] {"in_h", "h_out"}) {
            float[] w = npz.get(matrix).floats();
            double total = 0;
            for (float x : w) {
                total += Math.abs(x);
            }
            // the final row of each phase for the matrix: the last sleep sample and the epoch's end, both after sleep
            for (String phase : new String[] {"sleep", "wake"}) {
                double recorded = Double.NaN;
                for (int r = 0; r < traces.rowCount(); r++) {
                    if (traces.cell(r, "projection").equals(matrix) && traces.cell(r, "phase").equals(phase)) {
                        recorded = traces.number(r, "total_abs");
                    }
                }
                assertEquals(total, recorded, 1e-9 * total, matrix + " " + phase);
            }
            // the last episode's histogram after it: 30 bins from the least to the greatest final weight
            CsvTable h = Csv.read(run.resolve("weight_histograms.csv"));
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (float x : w) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
            long firstBin = 0;
            for (float x : w) {
                firstBin += x < lo + (hi - lo) / 30 ? 1 : 0;
            }
            long sum = 0;
            int bins = 0;
            double top = Double.NaN;
            for (int r = 0; r < h.rowCount(); r++) {
                if (h.cell(r, "projection").equals(matrix) && h.cell(r, "when").equals("after")
                        && h.cell(r, "episode").equals("2")) {
                    if (bins == 0) {
                        assertEquals(lo, h.number(r, "bin_lo"), 1e-7, matrix);
                        assertEquals(firstBin, (long) h.number(r, "count"), matrix);
                    }
                    sum += (long) h.number(r, "count");
                    bins++;
                    top = h.number(r, "bin_hi");
                }
            }
            assertEquals(30, bins, matrix);
            assertEquals(hi, top, 1e-7, matrix);
            assertEquals(w.length, sum, matrix);
        }
    }

    /**
     * paper-sg-code sleeps every ⌊1/f⌋ minibatches, many episodes an epoch: each is traced, and the histograms are
     * those of each epoch's last episode.
     */
    @Test
    void anSgRunThatSleepsBetweenMinibatchesKeepsTheHistogramsOfEachEpochsLastEpisode(@TempDir Path tmp)
            throws Exception {
        ObjectNode tree = new StandardResolver().resolve(Map.ofEntries(Map.entry("preset", "paper-sg-code"),
                Map.entry("dataset.name", "geomfig"), Map.entry("train.images", 64), Map.entry("train.validation_images", 16),
                Map.entry("train.test_images", 16), Map.entry("sg.hidden", 16), Map.entry("sg.epochs", 2),
                Map.entry("sg.batch_size", 16), Map.entry("sleep.fraction", 0.5)));
        Path run = tmp.resolve("run");
        new StandardRunExecutor(Kernels.scalar()).execute(tree, run, RunProgress.NONE);
        // 4 minibatches an epoch, an episode after minibatches 0 and 2: episodes 1–2 in epoch 1, 3–4 in epoch 2
        assertEquals(4, Mappers.JSON.readTree(run.resolve("summary.json").toFile()).get("sleep_episodes").asInt());
        CsvTable traces = Csv.read(run.resolve("sleep_traces.csv"));
        TreeSet<String> traced = new TreeSet<>();
        for (int r = 0; r < traces.rowCount(); r++) {
            if (traces.cell(r, "phase").equals("sleep")) {
                traced.add(traces.cell(r, "episode"));
            }
        }
        assertEquals(new TreeSet<>(List.of("1", "2", "3", "4")), traced);
        CsvTable h = Csv.read(run.resolve("weight_histograms.csv"));
        assertEquals(new TreeSet<>(List.of("2", "4")), new TreeSet<>(h.strings("episode")));
    }
}
