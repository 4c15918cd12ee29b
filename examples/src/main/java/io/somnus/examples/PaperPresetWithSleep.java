package io.somnus.examples;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.run.RunResult;
import io.somnus.experiment.run.StandardRunExecutor;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code paper} preset trained on a dataset's first images with a sleep episode after every few of them, in
 * memory (no run directory): the configuration's fields set by name, as {@code somnus train --set} does, then the
 * test accuracy of each readout and what the run slept.
 *
 * <p>{@code examples/run PaperPresetWithSleep [dataset] [images] [sleep_every_images] [test_images]}: fashion-mnist
 * (installed by {@code scripts/install-deps}, or any name {@code somnus datasets} lists, geomfig needing no file), 200
 * images, a sleep after every 50, 100 test images (README, "Examples").
 */
public final class PaperPresetWithSleep {
    private PaperPresetWithSleep() {
    }

    /**
     * Trains and tests the preset; prints and returns the run's results.
     *
     * @param sleepEveryImages wake images between sleep episodes (the preset's {@code sleep.wake_steps} is in steps:
     *                         350 images of 100 steps); each episode lasts f/(1 − f) of that wake, f = sleep.fraction
     *                         = 0.2
     * @throws IOException as {@link StandardRunExecutor#run(ObjectNode)}; unchecked: a dataset not found or
     *                     unreadable ({@code DatasetException}), a configuration refused ({@code ConfigException},
     *                     naming the field)
     */
    public static RunResult run(String dataset, int images, int sleepEveryImages, int testImages, long seed)
            throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();                    // a configuration's fields by name
        fields.put("preset", "paper");
        fields.put("dataset.name", dataset);
        fields.put("seed", seed);
        fields.put("train.images", images);
        fields.put("train.validation_images", Math.max(10, images / 4));        // the checkpoints' accuracy
        fields.put("train.test_images", testImages);
        fields.put("train.checkpoints", 2);
        fields.put("sleep.wake_steps", sleepEveryImages * 100);                // steps_per_image: 100 (1 ms each)
        ObjectNode config = Configs.resolveTree(fields);                       // the preset, then these fields
        RunResult result = new StandardRunExecutor().run(config);
        System.out.println(result);
        System.out.printf("test accuracy by readout %s; slept %.0f episodes, %.0f steps (sleep fraction %.3f); wake "
                + "spikes per image %s%n", result.testAccuracyByReadout(), result.number("sleep_episodes"),
                result.number("sleep_steps"), result.number("achieved_sleep_fraction"), result.wakeSpikesPerImage());
        return result;
    }

    /** {@code [dataset] [images] [sleep_every_images] [test_images]}. */
    public static void main(String[] args) throws IOException {
        run(args.length > 0 ? args[0] : "fashion-mnist", args.length > 1 ? Integer.parseInt(args[1]) : 200,
                args.length > 2 ? Integer.parseInt(args[2]) : 50, args.length > 3 ? Integer.parseInt(args[3]) : 100, 1);
    }
}
