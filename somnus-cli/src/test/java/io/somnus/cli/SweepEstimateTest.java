package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.config.Configs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code somnus sweep --estimate}: a sweep file projected with the costs of a pilot's finished runs, or of its own. */
class SweepEstimateTest {
    private static int execute(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = SomnusCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    /** A finished pilot run {@code id} under {@code pilot/runs}: its configuration and its timing and summary files. */
    private static void pilotRun(Path pilot, String id, Map<String, Object> settings, String timing, String summary)
            throws Exception {
        Path run = Files.createDirectories(pilot.resolve("runs").resolve(id));
        Files.writeString(run.resolve("config.yaml"), Configs.toYaml(Configs.resolveTree(settings)));
        Files.writeString(run.resolve("timing.json"), timing);
        Files.writeString(run.resolve("summary.json"), summary);
    }

    /** A pilot paper run without sleep, 100 images × 100 steps in {@code seconds}. */
    private static void paperPilotRun(Path pilot, String id, Map<String, Object> settings, double seconds)
            throws Exception {
        Map<String, Object> all = new LinkedHashMap<>(Map.of("preset", "paper", "dataset.name", "geomfig",
                "train.images", 100, "sleep.fraction", 0.0));
        all.putAll(settings);
        pilotRun(pilot, id, all, "{\"setup_seconds\": 0, \"presentation_seconds\": " + seconds + ", "
                + "\"per_image_check_seconds\": 0, \"presentations\": 100, \"sleep_seconds\": 0, "
                + "\"evaluation_seconds\": 0}", "{\"sleep_steps\": 0}");
    }

    /** {@code sweep --config SWEEP --estimate --calibration PILOT --cores 1}'s output; the command must succeed. */
    private static String estimate(Path sweep, Path pilot) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = execute(out, err, "sweep", "--config", sweep.toString(), "--estimate", "--calibration",
                pilot.toString(), "--cores", "1");
        assertEquals(0, exit, err.toString());
        return out.toString();
    }

    @Test
    void aSweepIsProjectedFromItsPilotsCosts(@TempDir Path tmp) throws Exception {
        // the pilot: one paper run of 100 images × 100 steps whose presentations took 1 s (1e-4 s per image-step)
        pilotRun(tmp.resolve("pilot"), "paper__geomfig__f0.50__s1", Map.of("preset", "paper", "dataset.name", "geomfig",
                "train.images", 100, "sleep.fraction", 0.5), "{\"setup_seconds\": 0, \"presentation_seconds\": 1, "
                + "\"per_image_check_seconds\": 0, \"presentations\": 100, \"sleep_seconds\": 2, \"evaluation_seconds\": 0}",
                "{\"sleep_steps\": 1000}");
        // the sweep: two seeds of 400 images without sleep, 400 × 100 × 1e-4 = 4 s each
        Path sweep = Files.writeString(tmp.resolve("sweep.yaml"), "name: big\npresets: [paper]\ndatasets: [geomfig]\n"
                + "sleep_fractions: [0.0]\nseeds: [1, 2]\nset:\n  train.images: 400\n");
        String text = estimate(sweep, tmp.resolve("pilot"));
        assertTrue(text.startsWith("Sweep 'big' (geomfig), 2 runs, costs from the runs of " + tmp.resolve("pilot")), text);
        assertTrue(text.contains("| paper | 2 | 8.0 s | 0.0 s | 0.0 s | 8.0 s |"), text);
        assertTrue(text.contains("Projected wall time on 1 core (runs longest first, one per core): **8.0 s**"), text);
        assertTrue(Files.notExists(tmp.resolve("runs")), "nothing ran");
    }

    /**
     * A pilot with runs of each of the sweep's variants gives each variant its own costs (a delay per synapse costs
     * more); one without them gives the preset's, over all its runs.
     */
    @Test
    void aPilotOfTheSweepsVariantsCostsEachVariant(@TempDir Path tmp) throws Exception {
        // the pilot: a paper run without and one with delays, 100 images × 100 steps in 1 s and in 3 s
        paperPilotRun(tmp.resolve("pilot"), "paper__geomfig__plain__f0.00__s1", Map.of(), 1);
        paperPilotRun(tmp.resolve("pilot"), "paper__geomfig__delays__f0.00__s1", Map.of("projections.e_e.delay_ms", 1.0,
                "projections.e_e.delay_max_ms", 5.0), 3);
        Path sweep = Files.writeString(tmp.resolve("sweep.yaml"), "name: v\npresets: [paper]\ndatasets: [geomfig]\n"
                + "sleep_fractions: [0.0]\nseeds: [1]\nset:\n  train.images: 400\nvariants:\n  plain: {}\n"
                + "  delays: {projections.e_e.delay_ms: 1, projections.e_e.delay_max_ms: 5}\n");
        String text = estimate(sweep, tmp.resolve("pilot"));
        // 400 × 100 image-steps at 1e-4 and at 3e-4 s
        assertTrue(text.contains("| paper (plain) | 1 | 4.0 s |"), text);
        assertTrue(text.contains("| paper (delays) | 1 | 12.0 s |"), text);
        // a pilot without the sweep's variants does not cover it: both at the preset's median, 2e-4 s
        paperPilotRun(tmp.resolve("pilot2"), "paper__geomfig__f0.00__s1", Map.of(), 2);
        String plain = estimate(sweep, tmp.resolve("pilot2"));
        assertTrue(plain.contains("| paper | 2 | 16.0 s |"), plain);
        assertTrue(plain.contains("have none of paper (delays), so every run is costed at its preset's "
                + "median over all of them"), plain);
    }

    /**
     * A pilot's untrained controls (plasticity off, cheaper) do not lower its trained runs' costs, and a pilot that ran
     * another network than the sweep's is said to differ.
     */
    @Test
    void aPilotsControlsAreLeftOutAndItsOtherNetworkIsNamed(@TempDir Path tmp) throws Exception {
        paperPilotRun(tmp.resolve("pilot"), "paper__geomfig__f0.00__s1", Map.of(), 1);
        paperPilotRun(tmp.resolve("pilot"), "paper__geomfig__untrained__s1", Map.of("train.plasticity", false), 0.1);
        paperPilotRun(tmp.resolve("pilot"), "paper__geomfig__untrained__s2", Map.of("train.plasticity", false), 0.1);
        Path sweep = Files.writeString(tmp.resolve("sweep.yaml"), "name: c\npresets: [paper]\ndatasets: [geomfig]\n"
                + "sleep_fractions: [0.0]\nseeds: [1]\nset:\n  train.images: 400\n");
        String text = estimate(sweep, tmp.resolve("pilot"));
        assertTrue(text.contains("| paper | 1 | 4.0 s |"), text); // 1e-4 s per image-step, the trained run's
        assertTrue(!text.contains("differ from the sweep's"), text);
        Path larger = Files.writeString(tmp.resolve("larger.yaml"), "name: c\npresets: [paper]\ndatasets: [geomfig]\n"
                + "sleep_fractions: [0.0]\nseeds: [1]\nset:\n  train.images: 400\n  populations.e.size: 400\n");
        String other = estimate(larger, tmp.resolve("pilot"));
        assertTrue(other.contains("differ from the sweep's in more than their sizes (paper: populations.e.size: 200 → "
                + "400): their costs may not carry over"), other);
    }

    /**
     * A preset that re-presents, from a pilot shorter than the sweep's runs: the projection at the pilot's presentations
     * per image and at max_presentations, and why.
     */
    @Test
    void aRePresentingPresetIsProjectedAsARange(@TempDir Path tmp) throws Exception {
        // the pilot: one diehl-cook run of 100 images shown 150 times × 700 steps = 105 000 presentation-steps in
        // 1.05 s (1e-5 s each)
        pilotRun(tmp.resolve("pilot"), "diehl-cook__geomfig__f0.00__s1", Map.of("preset", "diehl-cook", "dataset.name",
                "geomfig", "train.images", 100), "{\"setup_seconds\": 0, \"presentation_seconds\": 1.05, "
                + "\"per_image_check_seconds\": 0, \"train_images\": 100, \"presentations\": 150, "
                + "\"sleep_seconds\": 0, \"evaluation_seconds\": 0}", "{\"sleep_steps\": 0}");
        // the sweep: two seeds of 400 images, each 400 × 700 × 1.5 × 1e-5 = 4.2 s at the pilot's rate, 28 s at 10
        Path sweep = Files.writeString(tmp.resolve("sweep.yaml"), "name: dc\npresets: [diehl-cook]\n"
                + "datasets: [geomfig]\nsleep_fractions: [0.0]\nseeds: [1, 2]\nset:\n  train.images: 400\n");
        String text = estimate(sweep, tmp.resolve("pilot"));
        assertTrue(text.contains("| diehl-cook | 2 | 8.4 s – 56.0 s | 0.0 s | 0.0 s | 8.4 s – 56.0 s |"), text);
        assertTrue(text.contains("one per core): **8.4 s** at the presentations per image measured, **56.0 s** at "
                + "encoding.max_presentations (the worst case)"), text);
        assertTrue(text.contains("- diehl-cook, 400 images: training 1.50 – 10, evaluation 1 – 10 (low: the median of 1 "
                + "finished run of at most 100 images"), text);
        assertTrue(text.contains("give --calibration a sweep directory with finished runs of the preset"), text);
    }

    /** Without --calibration, three short runs of the sweep's one preset and grid point give the costs. */
    @Test
    void withoutAPilotTheSweepsOwnCalibrationRunsGiveTheCosts(@TempDir Path tmp) throws Exception {
        Path sweep = Files.writeString(tmp.resolve("sweep.yaml"), "name: own\npresets: [paper]\ndatasets: [geomfig]\n"
                + "sleep_fractions: [0.0, 0.2]\nseeds: [1, 2]\ngrid:\n  populations.e.size: [20]\nset:\n"
                + "  train.images: 400\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = execute(out, err, "sweep", "--config", sweep.toString(), "--estimate", "--cores", "2");
        assertEquals(0, exit, err.toString());
        String text = out.toString();
        assertTrue(text.startsWith("Sweep 'own' (geomfig), 4 runs, costs from calibration runs (each preset, variant "
                + "and grid point at its network size"), text);
        assertTrue(text.contains("Not counted: starting each JVM, loading data"), text);
        // one row, at the grid's network size, with every phase costed: sleep and evaluation above zero
        // (a JIT-warm JVM sleeps these four tiny runs in under 0.05 s: "< 0.1 s", not "0.0 s")
        assertTrue(text.matches("(?s).*\\| paper \\(populations\\.e\\.size=20\\) \\| 4 \\| [0-9.]+ s \\| (< 0\\.1|[0-9.]*[1-9][0-9.]*) "
                + "s \\| [0-9.]*[1-9][0-9.]* s \\|.*"), text);
        assertTrue(text.contains("Projected wall time on 2 cores"), text);
        assertTrue(text.contains("Load average (1 min) while estimating"), text);
        assertTrue(text.contains("The costs are CPU time (each calibration run's thread's)"), text);
        assertTrue(err.toString().contains("calibrating: 3 short runs, one at a time"), err.toString());
        assertTrue(Files.notExists(tmp.resolve("runs")), "nothing of the sweep ran");
    }
}
