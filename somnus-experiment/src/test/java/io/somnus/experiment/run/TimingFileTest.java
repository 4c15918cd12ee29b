package io.somnus.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.bench.Throughput;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.config.StdpRunConfig;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.model.RunProgress;
import io.somnus.kernel.Kernels;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** timing.json says what its rates divide, and {@code bench}'s training rows count the same presentations. */
class TimingFileTest {
    private static final int IMAGES = 12;
    private static final String[] PHASES = {"setup_seconds", "presentation_seconds", "per_image_check_seconds",
        "sleep_seconds", "evaluation_seconds"};

    @TempDir
    Path tmp;

    /** diehl-cook, small; a spike threshold raised so that some images are shown again, brighter. */
    private static Map<String, Object> settings() {
        return Map.of("preset", "diehl-cook", "populations.e.size", 30, "dataset.name", "geomfig",
                "train.images", IMAGES, "train.validation_images", 8, "train.test_images", 8, "train.checkpoints", 2,
                "train.eval_threads", 1, "encoding.min_spikes", 40, "encoding.max_presentations", 3);
    }

    @Test
    void timingCountsWhatTheSummaryCountsAndBenchPresentsTheSame() throws Exception {
        ObjectNode tree = new StandardResolver().resolve(settings());
        Path run = tmp.resolve("run");
        new StandardRunExecutor(Kernels.scalar()).execute(tree, run, RunProgress.NONE);
        JsonNode summary = Mappers.JSON.readTree(run.resolve("summary.json").toFile());
        JsonNode timing = Mappers.JSON.readTree(run.resolve("timing.json").toFile());

        long images = summary.get("train_images").asLong();
        long presentations = summary.get("presentations").asLong();
        assertEquals(IMAGES, images);
        assertTrue(presentations > images, "re-presentations happened (the case the timing must tell apart): " + presentations);
        assertEquals(images, timing.get("train_images").asLong());
        assertEquals(presentations, timing.get("presentations").asLong());
        assertEquals((double) presentations / images, timing.get("presentations_per_image").asDouble(), 1e-12);

        // both rates divide by the presentation time: their ratio is the presentations per image
        double imagesPerS = timing.get("train_images_per_second").asDouble();
        double presentationsPerS = timing.get("train_presentations_per_second").asDouble();
        double presenting = timing.get("presentation_seconds").asDouble();
        assertTrue(presenting > 0);
        assertEquals(images / presenting, imagesPerS, 1e-9 * imagesPerS);
        assertEquals((double) presentations / images, presentationsPerS / imagesPerS, 1e-9);
        // the training thread's CPU time of the presentations: positive and, one thread, not above their wall time
        double presentingCpu = timing.get("presentation_cpu_seconds").asDouble();
        assertTrue(presentingCpu > 0 && presentingCpu <= presenting * 1.01 + 0.01, "CPU " + presentingCpu + " wall " + presenting);
        assertEquals(images / presentingCpu, timing.get("train_images_per_cpu_second").asDouble(), 1e-9 * images / presentingCpu);
        double loop = presenting + timing.get("per_image_check_seconds").asDouble();
        assertEquals(images / loop, timing.get("train_loop_images_per_second").asDouble(), 1e-9 * imagesPerS);

        // the phases are disjoint parts of the wall time
        double phases = 0;
        for (String p : PHASES) {
            double s = timing.get(p).asDouble(-1);
            assertTrue(s >= 0, p + " = " + s);
            phases += s;
        }
        assertEquals(0.0, timing.get("sleep_seconds").asDouble(), "diehl-cook does not sleep");
        assertTrue(timing.get("evaluation_seconds").asDouble() > 0, "checkpoints and the final evaluation ran");
        assertTrue(phases <= timing.get("wall_seconds").asDouble() + 1e-6, "phases " + phases + " within the wall time");

        // the frozen evaluation's images: each checkpoint's readout (every training image) and validation images,
        // then the final readout and test images; each shown once to encoding.max_presentations (3) times
        long evaluated = timing.get("evaluation_images").asLong();
        assertEquals(2 * (IMAGES + 8) + IMAGES + 8, evaluated);
        long evalPresentations = timing.get("evaluation_presentations").asLong();
        assertTrue(evalPresentations > evaluated && evalPresentations <= 3 * evaluated,
                "re-presented, at most 3 times: " + evalPresentations + " for " + evaluated);

        // no timing leaks into summary.json (it must be the same bytes on every repeat)
        for (Iterator<String> it = summary.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            assertFalse(field.contains("second"), field);
        }

        // bench on the same window (no warm-up, the same images) presents exactly as often
        StdpRunConfig cfg = Configs.bind(new StandardResolver().resolve(settings()), StdpRunConfig.class);
        Throughput.Row row = Throughput.training(cfg, Throughput.data(cfg), 0, IMAGES, Kernels.scalar());
        assertEquals((double) presentations / images, row.presentationsPerImage(), 1e-12);
    }

    /** The SG-SNN's phases: training, sleep (also between minibatches) and evaluation add up to the wall time. */
    @Test
    void sgTimingHasItsPhases() throws Exception {
        for (String preset : new String[] {"paper-sg", "paper-sg-code"}) {
            ObjectNode tree = new StandardResolver().resolve(Map.ofEntries(Map.entry("preset", preset),
                    Map.entry("dataset.name", "geomfig"), Map.entry("train.images", 70),
                    Map.entry("train.validation_images", 16), Map.entry("train.test_images", 16), Map.entry("sg.hidden", 16),
                    Map.entry("sg.epochs", 2), Map.entry("sg.batch_size", 16), Map.entry("sleep.fraction", 0.5),
                    Map.entry("sg.sleep.iterations", 2), Map.entry("sg.sleep.batch_copies", 2)));
            Path run = tmp.resolve(preset);
            new StandardRunExecutor(Kernels.scalar()).execute(tree, run, RunProgress.NONE);
            JsonNode summary = Mappers.JSON.readTree(run.resolve("summary.json").toFile());
            JsonNode timing = Mappers.JSON.readTree(run.resolve("timing.json").toFile());
            // paper-sg-code drops the last partial minibatch (70 = 4 × 16 + 6), paper-sg trains on it
            assertEquals(preset.equals("paper-sg-code") ? 64 : 70, summary.get("train_images").asLong(), preset);
            long images = summary.get("train_images").asLong() * summary.get("epochs").asLong();
            assertEquals(images, timing.get("train_images").asLong(), preset);
            assertEquals(summary.get("sleep_steps").asLong(), timing.get("sleep_steps").asLong(), preset);
            assertTrue(timing.get("sleep_steps").asLong() > 0, preset + " slept");
            double train = timing.get("train_seconds").asDouble();
            double sleep = timing.get("sleep_seconds").asDouble();
            double eval = timing.get("evaluation_seconds").asDouble();
            assertTrue(train > 0 && sleep > 0 && eval > 0, preset + ": " + timing);
            assertEquals(images / train, timing.get("train_images_per_second").asDouble(), 1e-9 * images / train, preset);
            assertEquals(timing.get("wall_seconds").asDouble(), train + sleep + eval, 1e-9, preset);
        }
    }
}
