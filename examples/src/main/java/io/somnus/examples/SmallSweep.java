package io.somnus.examples;

import io.somnus.experiment.run.StandardResolver;
import io.somnus.experiment.run.StandardRunExecutor;
import io.somnus.experiment.stats.AggregateRow;
import io.somnus.experiment.sweep.SweepCommandSupport;
import io.somnus.experiment.sweep.SweepListener;
import io.somnus.experiment.sweep.SweepResult;
import io.somnus.experiment.sweep.SweepSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A 2×2 sweep from code, as {@code somnus sweep} runs a sweep file: the {@code paper} preset without and with sleep
 * (sleep fractions 0 and 0.2, an episode after each half of the training images) × two seeds, each run written to {@code OUT/runs/<id>/}, then the aggregates
 * ({@code aggregate.csv}, {@code stats.json} …: per cell the mean test accuracy with its 95 % confidence interval, and
 * the sleeping cell against f = 0, seed by seed).
 *
 * <p>{@code examples/run SmallSweep OUT [dataset] [images]}: a sweep directory that does not exist yet or is empty,
 * geomfig (no file needed) or any name {@code somnus datasets} lists, 40 training images (README, "Examples").
 */
public final class SmallSweep {
    private SmallSweep() {
    }

    /**
     * Runs the four runs and aggregates them; prints and returns the outcome.
     *
     * @param out a sweep directory that does not exist yet or is empty
     * @throws IOException          a file of the sweep directory that cannot be written
     * @throws InterruptedException interrupted; {@code resume} true with the same grid goes on
     * @throws io.somnus.experiment.config.ConfigException a grid point refused, naming its field (nothing ran)
     * @throws io.somnus.experiment.sweep.SweepException   {@code out} cannot hold the sweep (not empty, locked)
     */
    public static SweepResult run(Path out, String dataset, int images) throws IOException, InterruptedException {
        SweepSpec spec = SweepSpec.parse(Path.of("small-sweep"), String.format(Locale.ROOT, """
                presets: [paper]
                datasets: [%s]
                sleep_fractions: [0.0, 0.2]
                seeds: [1, 2]
                set: {train.images: %d, train.validation_images: 20, train.test_images: 40, train.checkpoints: 2,
                      sleep.wake_steps: %d}
                """, dataset, images, images / 2 * 100));                   // a sweep file's text, checked here
        SweepResult result = new SweepCommandSupport(new StandardResolver(), new StandardRunExecutor())
                .run(spec, out, /* workers */ 2, /* resume */ false, SweepListener.NONE);
        System.out.printf(Locale.ROOT, "%d runs done, %d failed, in %s%n", result.done(), result.failed(),
                result.outDir());
        for (AggregateRow row : result.aggregate().rows()) {
            if (row.metric().equals("test_accuracy")) {
                System.out.printf(Locale.ROOT, "f = %.1f: test accuracy %.3f (95 %% CI %.3f–%.3f, n = %d)%s%n",
                        row.cell().sleepFraction(), row.stats().mean(), row.stats().ciLow(), row.stats().ciHigh(),
                        row.stats().n(), row.vsBaseline() == null ? ""
                                : String.format(Locale.ROOT, ", %+.3f against f = 0", row.vsBaseline().diff()));
            }
        }
        return result;
    }

    /** {@code OUT [dataset] [images]}. */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 1) {
            System.err.println("usage: SmallSweep OUT [dataset] [images]");
            System.exit(2);
        }
        run(Path.of(args[0]), args.length > 1 ? args[1] : "geomfig", args.length > 2 ? Integer.parseInt(args[2]) : 40);
    }
}
