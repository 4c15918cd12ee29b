package io.somnus.experiment.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.io.Mappers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The projection on a hand-worked case: fake calibration runs whose phase seconds are known multiples of their units,
 * then planned runs of other sizes whose seconds and wall time are worked out by hand below.
 */
class StudyEstimateTest {
    @TempDir
    Path tmp;

    /** STDP preset "p": 10 steps per image; checkpoints 2 × (readout 100 + validation 50) + 100 + test 100 images. */
    private static String stdp(int images, double fraction) {
        return "model: stdp\npreset: p\ntrain: {images: " + images + ", epochs: 1, validation_images: 50, test_images: 100,"
                + " readout_images: 100, checkpoints: 2}\nsimulation: {steps_per_image: 10}\n"
                + "sleep: {fraction: " + fraction + ", episode: fraction}\n";
    }

    /** SG preset "s": 10 hidden, T = 5, minibatch 10, episodes of 2 × 5 steps on 4 copies, after an epoch w.p. f. */
    static String sg(int epochs, double fraction) {
        return "model: sg\npreset: s\ntrain: {images: 40, epochs: 50, validation_images: 10, test_images: 20}\n"
                + "sleep: {fraction: " + fraction + "}\nsg: {hidden: 10, steps: 5, epochs: " + epochs + ", batch_size: 10,"
                + " drop_last: false, sleep_schedule: per_epoch, sleep: {iterations: 2, steps_per_iteration: 5,"
                + " batch_copies: 4}}\n";
    }

    private void run(String id, String config, String timing, String summary) throws Exception {
        Path dir = tmp.resolve("runs").resolve(id);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.yaml"), config);
        Files.writeString(dir.resolve("timing.json"), timing);
        Files.writeString(dir.resolve("summary.json"), summary);
    }

    static JsonNode yaml(String s) throws Exception {
        return Mappers.YAML.readTree(s);
    }

    /**
     * An SG-SNN configuration without sg.batch_size (a resolved one always has it): its minibatches cannot be counted,
     * so its work is unknown (NaN, not an ArithmeticException) and the sweep's time left prices it as its key's mean
     * run; --estimate, which must price every run, refuses it naming the field.
     */

    @Test
    void workThatCannotBeCountedIsUnknownToTheEtaAndRefusedByTheEstimate() throws Exception {
        String whole = sg(3, 0.5);
        assertTrue(whole.contains(" batch_size: 10,"));
        JsonNode noBatch = yaml(whole.replace(" batch_size: 10,", ""));
        RunWork w = RunWork.of(noBatch);
        assertTrue(Double.isNaN(w.train()) && Double.isNaN(w.sleep()) && Double.isNaN(w.evaluation()), w.toString());
        assertEquals("sg.batch_size", RunWork.uncountedField(noBatch));
        assertEquals(null, RunWork.uncountedField(yaml(whole)));

        SweepEta eta = SweepEta.of(List.of(planned("s1", yaml(whole)), planned("s2", noBatch)),
                StudyEstimate.BY_PRESET, 1);
        eta.started("s1", 0);
        eta.finished("s1", 40, true);
        assertEquals(Optional.of(Duration.ofSeconds(40)), eta.remaining(40).exact(),
                "s2 at s's mean run, 40 s");

        String msg = assertThrows(IllegalArgumentException.class, () -> StudyEstimate.project(List.of(noBatch),
                StudyEstimate.BY_PRESET, Map.of("s", new StudyEstimate.UnitCosts(1, 1, 1, 1)), 1)).getMessage();
        assertEquals("a run of 's' has no sg.batch_size in its configuration: its work cannot be counted", msg);
    }

    private static PlannedRun planned(String id, JsonNode config) {
        return new PlannedRun(id, Map.of(), "", (ObjectNode) config, config.toString(),
                "0".repeat(64));
    }

    @Test
    void handWorkedCalibrationAndProjection() throws Exception {
        // p, 100 images × 10 steps = 1 000 train units; setup + presentations + checks = 2 s -> 0.002 s/unit
        // (two more runs at 0.001 and 0.010 s/unit: the median is 0.002); sleep 1 000 steps in 3 s -> 0.003;
        // evaluation (2 × 150 + 200) images × 10 steps = 5 000 units in 5 s -> 0.001
        String sleepSummary = "{\"sleep_steps\": 1000}";
        run("p1", stdp(100, 0.5), "{\"setup_seconds\": 0.5, \"presentation_seconds\": 1.5, \"per_image_check_seconds\": 0,"
                + " \"presentations\": 100, \"sleep_seconds\": 3, \"evaluation_seconds\": 5}", sleepSummary);
        run("p2", stdp(100, 0.5), "{\"setup_seconds\": 0, \"presentation_seconds\": 1, \"per_image_check_seconds\": 0,"
                + " \"presentations\": 100, \"sleep_seconds\": 3, \"evaluation_seconds\": 5}", sleepSummary);
        run("p3", stdp(100, 0.5), "{\"setup_seconds\": 0, \"presentation_seconds\": 10, \"per_image_check_seconds\": 0,"
                + " \"presentations\": 100, \"sleep_seconds\": 3, \"evaluation_seconds\": 5}", sleepSummary);
        // s, 2 epochs: 80 images × 5 steps × 10 hidden = 4 000 units in 8 s -> 0.002; 20 sleep steps × 4 copies ×
        // 10 hidden = 800 units in 1.6 s -> 0.002; (2 × 10 validation + 2 × 20 test) × 5 × 10 = 3 000 units in 3 s -> 0.001
        run("s1", sg(2, 0.5), "{\"train_images\": 80, \"train_seconds\": 8, \"sleep_steps\": 20, \"sleep_seconds\": 1.6,"
                + " \"evaluation_seconds\": 3}", "{}");
        // a run from before the phase timings: skipped
        run("s0", sg(2, 0.5), "{\"train_images_per_second\": 10, \"wall_seconds\": 99}", "{}");

        Map<String, StudyEstimate.UnitCosts> costs = MeasuredCosts.calibrate(tmp, StudyEstimate.BY_PRESET);
        assertEquals(0.002, costs.get("p").train(), 1e-15);
        assertEquals(0.003, costs.get("p").sleep(), 1e-15);
        assertEquals(0.001, costs.get("p").evaluation(), 1e-15);
        assertEquals(3, costs.get("p").runs());
        assertEquals(0.002, costs.get("s").train(), 1e-15);
        assertEquals(0.002, costs.get("s").sleep(), 1e-15);
        assertEquals(0.001, costs.get("s").evaluation(), 1e-15);
        assertEquals(1, costs.get("s").runs());

        // p at 300 images, f = 0.2: train 3 000 units = 6 s; sleep 3 000 × 0.2/0.8 = 750 steps = 2.25 s;
        // evaluation still 500 images × 10 = 5 s (the readout set is capped at 100): 13.25 s.
        // s at 4 epochs, f = 0.5: train 40 × 4 × 5 × 10 = 8 000 units = 16 s; 4 × 0.5 = 2 expected episodes × 10 steps
        // × 4 × 10 = 800 units = 1.6 s; evaluation (4 × 10 + 2 × 20) × 50 = 4 000 units = 4 s: 21.6 s.
        List<JsonNode> plan = List.of(yaml(stdp(300, 0.2)), yaml(sg(4, 0.5)), yaml(sg(4, 0.5)));
        StudyEstimate.Estimate two = StudyEstimate.estimate(plan, StudyEstimate.BY_PRESET, costs, 2);
        assertEquals(13.25 + 2 * 21.6, two.cpuSeconds(), 1e-9);
        StudyEstimate.Row p = two.rows().get(0);
        assertEquals("p", p.key());
        assertEquals(6, p.trainSeconds(), 1e-9);
        assertEquals(2.25, p.sleepSeconds(), 1e-9);
        assertEquals(5, p.evaluationSeconds(), 1e-9);
        StudyEstimate.Row s = two.rows().get(1);
        assertEquals(2, s.runs());
        assertEquals(32, s.trainSeconds(), 1e-9);
        assertEquals(3.2, s.sleepSeconds(), 1e-9);
        assertEquals(8, s.evaluationSeconds(), 1e-9);
        // longest first: 21.6 and 21.6 on the two cores, then 13.25 on either: 34.85
        assertEquals(34.85, two.wallSeconds(), 1e-9);
        assertEquals(two.cpuSeconds(), StudyEstimate.estimate(plan, StudyEstimate.BY_PRESET, costs, 1).wallSeconds(), 1e-9);
        assertEquals(21.6, StudyEstimate.estimate(plan, StudyEstimate.BY_PRESET, costs, 3).wallSeconds(), 1e-9);
        String table = EstimateTable.format(two);
        assertTrue(table.contains("| s | 2 | 32.0 s | 3.2 s | 8.0 s | 43.2 s |"), table);
        assertTrue(table.contains("| **all** | 3 | | | | 56.5 s |"), table);
        assertTrue(table.contains("on 2 cores (runs longest first, one per core): **34.9 s**"), table);
        assertEquals(List.of(), two.unmeasured());
        assertTrue(!table.contains("Not measured"), table);
        // costs from runs that never slept: a planned run that sleeps has an unmeasured phase, said beside the table
        Map<String, StudyEstimate.UnitCosts> awake = Map.of("p", new StudyEstimate.UnitCosts(0.002, Double.NaN, 0.001, 1));
        StudyEstimate.Estimate sleepless = StudyEstimate.estimate(List.of(yaml(stdp(300, 0.2))), StudyEstimate.BY_PRESET,
                awake, 1);
        assertEquals(List.of("p: sleep"), sleepless.unmeasured());
        assertTrue(EstimateTable.format(sleepless).contains("counted as 0 s (the projection is too low"),
                EstimateTable.format(sleepless));

        assertThrows(IllegalArgumentException.class, () -> StudyEstimate.estimate(
                List.of(yaml(stdp(1, 0).replace("preset: p", "preset: q"))), StudyEstimate.BY_PRESET, costs, 2));
    }

    /**
     * STDP preset "d" that re-presents (min_spikes 5, up to 10 presentations): 10 steps per image; evaluated images
     * 2 × (readout 100 + validation 50) + 100 + test 100 = 500, as in {@link #stdp}.
     */
    private static String representing(int images, double fraction) {
        return stdp(images, fraction).replace("preset: p", "preset: d")
                + "encoding: {min_spikes: 5, max_presentations: 10}\n";
    }

    /** A finished run of "d" with the phase seconds given; its sleep steps are its wake presentation-steps (f = 0.5). */
    private void representingRun(String id, int images, int presentations, double trainSeconds, double sleepSeconds,
            int evaluationPresentations, double evaluationSeconds) throws Exception {
        run(id, representing(images, 0.5), "{\"setup_seconds\": 0, \"presentation_seconds\": " + trainSeconds
                + ", \"per_image_check_seconds\": 0, \"train_images\": " + images + ", \"presentations\": "
                + presentations + ", \"sleep_seconds\": " + sleepSeconds + ", \"evaluation_seconds\": "
                + evaluationSeconds + ", \"evaluation_images\": 500, \"evaluation_presentations\": "
                + evaluationPresentations + "}", "{\"sleep_steps\": " + presentations * 10 + "}");
    }

    @Test
    void aPresetThatRePresentsIsProjectedAtTheRateMeasuredAndAtMaxPresentations() throws Exception {
        // calibration: 100 images shown 120 times (1.2 per image): 1 200 presentation-steps in 2.4 s -> 0.002 s/unit;
        // 1 200 sleep steps in 3.6 s -> 0.003; evaluation 500 images shown 750 times (1.5 per image) × 10 steps =
        // 7 500 units in 7.5 s -> 0.001
        representingRun("d1", 100, 120, 2.4, 3.6, 750, 7.5);
        Map<String, StudyEstimate.UnitCosts> costs = MeasuredCosts.calibrate(tmp, StudyEstimate.BY_PRESET);
        StudyEstimate.UnitCosts d = costs.get("d");
        assertEquals(0.002, d.train(), 1e-15);
        assertEquals(0.003, d.sleep(), 1e-15);
        assertEquals(0.001, d.evaluation(), 1e-15);
        assertEquals(List.of(new PresentationRates.Measured(100, new PresentationRates.PerImage(1.2, 1.5))),
                d.presentations());

        // planned: 1 000 images at f = 0.5, more than the calibration trained, so a range.
        // low, at 1.2 and 1.5 per image: train 1 000 × 10 × 1.2 = 12 000 units = 24 s; sleep as many steps = 36 s;
        // evaluation 500 × 10 × 1.5 = 7 500 units = 7.5 s: 67.5 s.
        // high, at 10 per image: train 100 000 units = 200 s; sleep 100 000 steps = 300 s; evaluation 50 000 units =
        // 50 s: 550 s.
        List<JsonNode> plan = List.of(yaml(representing(1000, 0.5)));
        StudyEstimate.Projection range = StudyEstimate.project(plan, StudyEstimate.BY_PRESET, costs, 1);
        assertTrue(range.isRange());
        StudyEstimate.Row low = range.low().rows().get(0);
        assertEquals(24, low.trainSeconds(), 1e-9);
        assertEquals(36, low.sleepSeconds(), 1e-9);
        assertEquals(7.5, low.evaluationSeconds(), 1e-9);
        assertEquals(67.5, range.low().wallSeconds(), 1e-9);
        StudyEstimate.Row high = range.high().rows().get(0);
        assertEquals(200, high.trainSeconds(), 1e-9);
        assertEquals(300, high.sleepSeconds(), 1e-9);
        assertEquals(50, high.evaluationSeconds(), 1e-9);
        assertEquals(550, range.high().wallSeconds(), 1e-9);
        assertEquals(67.5, StudyEstimate.estimate(plan, StudyEstimate.BY_PRESET, costs, 1).wallSeconds(), 1e-9);
        String table = EstimateTable.format(range);
        assertTrue(table.contains("| d | 1 | 24.0 s – 3.3 min | 36.0 s – 5.0 min | 7.5 s – 50.0 s | 67.5 s – 9.2 min |"),
                table);
        assertTrue(table.contains("one per core): **67.5 s** at the presentations per image measured, **9.2 min** at "
                + "encoding.max_presentations (the worst case)"), table);
        assertTrue(table.contains("- d, 1000 images: training 1.20 – 10, evaluation 1.50 – 10 (low: the median of 1 "
                + "finished run of at most 100 images; high: encoding.max_presentations)"), table);
        assertTrue(table.contains("Re-presentations grow with training"), table);

        // a finished run as long as the planned one: 2 000 images shown 5 000 times (2.5 per image), its evaluation
        // 1 000 presentations (2.0 per image), at the same costs per unit (100 s, 150 s, 10 s): one figure, its rate.
        // train 1 000 × 10 × 2.5 = 25 000 units = 50 s; sleep 75 s; evaluation 500 × 10 × 2 = 10 000 units = 10 s.
        representingRun("d2", 2000, 5000, 100, 150, 1000, 10);
        costs = MeasuredCosts.calibrate(tmp, StudyEstimate.BY_PRESET);
        StudyEstimate.Projection point = StudyEstimate.project(plan, StudyEstimate.BY_PRESET, costs, 1);
        assertTrue(!point.isRange());
        assertEquals(135, point.low().wallSeconds(), 1e-9);
        assertEquals(135, point.high().wallSeconds(), 1e-9);
        table = EstimateTable.format(point);
        assertTrue(table.contains("| d | 1 | 50.0 s | 75.0 s | 10.0 s | 2.3 min |"), table);
        assertTrue(table.contains("one per core): **2.3 min**\n"), table);
        assertTrue(table.contains("- d, 1000 images: training 2.50, evaluation 2 (the median of 1 finished run of at "
                + "least 1000 images)"), table);
        assertTrue(!table.contains("worst case") && !table.contains("Re-presentations grow"), table);

        // min_spikes 0 never re-presents, whatever max_presentations says: one presentation per image, no range
        JsonNode never = yaml(representing(1000, 0.5).replace("min_spikes: 5", "min_spikes: 0"));
        assertEquals(RunWork.of(never), RunWork.of(never, new PresentationRates.PerImage(1, 1)));
        assertEquals(List.of(), StudyEstimate.project(List.of(never), StudyEstimate.BY_PRESET, costs, 1).presentations());
    }

    /** A preset that shows each image once prints as before: no range, no presentations list. */
    @Test
    void aPresetThatPresentsOnceHasNoRange() throws Exception {
        Map<String, StudyEstimate.UnitCosts> costs = Map.of("p", new StudyEstimate.UnitCosts(0.002, 0.003, 0.001, 1));
        StudyEstimate.Projection p = StudyEstimate.project(List.of(yaml(stdp(300, 0.2))), StudyEstimate.BY_PRESET,
                costs, 1);
        assertTrue(!p.isRange());
        assertEquals(EstimateTable.format(p.low()), EstimateTable.format(p));
        assertTrue(!EstimateTable.format(p).contains("Presentations per image"), EstimateTable.format(p));
    }
}
