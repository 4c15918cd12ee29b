package io.somnus.experiment.stdp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.somnus.experiment.io.Csv;
import io.somnus.experiment.io.CsvTable;
import io.somnus.experiment.io.Npz;
import io.somnus.experiment.io.NpyArray;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.run.StandardResolver;
import io.somnus.experiment.run.StandardRunExecutor;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sleep_traces.csv runs from the start of training (the initial weights) to its end (the final weights), not only over
 * the samples every tenth of the wake period: those of a 100-image paper run fell at steps 3 500 and 7 000 of 10 000.
 */
class StdpWeightTracesTest {
    @TempDir
    Path tmp;

    /**
     * 23 images of 30 steps, a wake period of 1 500 steps: a sample every 150 steps (5 images), at 150 … 600; no sleep.
     * The first rows: step 0, every weight the preset's constant (input_e 0.15), so Σ|w| = 0.15 × the synapses, counted
     * in weights.npz. The last: step 23 × 30 = 690, Σ|w| of weights.npz's final weights.
     */
    @Test
    void theTraceStartsAtTheInitialWeightsAndEndsAtTheFinalOnes() throws Exception {
        Map<String, Object> s = new HashMap<>(Map.of("preset", "paper", "dataset.name", "geomfig",
                "train.images", 23, "train.validation_images", 5, "train.test_images", 5, "train.eval_threads", 1,
                "sleep.fraction", 0.0, "simulation.steps_per_image", 30, "sleep.wake_steps", 1500));
        s.putAll(Map.of("populations.e.size", 10, "populations.i.size", 5));
        Path run = tmp.resolve("run");
        new StandardRunExecutor().execute(new StandardResolver().resolve(s), run, (phase, done, total) -> { });

        CsvTable t = Csv.read(run.resolve(RunDirectory.SLEEP_TRACES));
        List<String> projection = t.strings("projection");
        double[] step = t.doubles("step");
        NpyArray w = Npz.read(run.resolve(RunDirectory.WEIGHTS)).get("input_e");
        double[] finalW = w.toDoubles();
        int synapses = 0;
        double finalAbs = 0;
        for (double x : finalW) {
            synapses += x != 0 ? 1 : 0; // a synapse's weight stays >= w_min = 1e-4; absent ones are 0
            finalAbs += Math.abs(x);
        }
        int first = projection.indexOf("input_e");
        int last = projection.lastIndexOf("input_e");
        assertEquals(0, step[first], "the first sample: before the first image");
        assertEquals(0.15, t.number(first, "mean"), 1e-6);
        assertEquals(0.15 * synapses, t.number(first, "total_abs"), 1e-4 * synapses);
        assertEquals(23 * 30, step[last], "the last sample: after the last image");
        assertEquals(finalAbs, t.number(last, "total_abs"), 1e-9 * finalAbs);
        long samples = projection.stream().filter("input_e"::equals).count();
        assertEquals(1 + 4 + 1, samples, "step 0, every 150 steps to 600, and 690");
    }
}
