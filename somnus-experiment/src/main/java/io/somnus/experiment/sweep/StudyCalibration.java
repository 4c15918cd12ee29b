package io.somnus.experiment.sweep;

import io.somnus.experiment.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The short runs {@code somnus reproduce --estimate} times to get each preset's per-phase costs ({@link StudyEstimate}),
 * and the file update that puts the estimate into a document.
 * <p>
 * Each preset runs at its own network size (hidden units, neurons, steps per image: the costs per unit then need no
 * scaling by the network) on fewer images, at f = 0.5 so that every phase runs, {@link #SEEDS} seeds one after the other
 * in one JVM (the median of three drops the first run's JIT warm-up). The SG-SNN with the per-epoch schedule sleeps
 * here every other minibatch instead (2 iterations each): the same episode engine, measured whatever the seed draws.
 */
public final class StudyCalibration {
    /** Seeds per preset. */
    public static final int SEEDS = 3;
    /** What the calibration runs are, for the estimate's heading. */
    public static final String DESCRIPTION = "each preset at its network size, f = 0.5, 3 seeds, STDP-SNN 200 images "
            + "(paper-code 50), SG-SNN 1 epoch of 512 images";
    static final String BEGIN = "<!-- estimate:begin -->";
    static final String END = "<!-- estimate:end -->";

    private StudyCalibration() {
    }

    /** The calibration sweep for these presets on one dataset. */
    public static String sweep(List<String> presets, String dataset) {
        StringBuilder b = new StringBuilder("name: estimate-calibration\npresets: [" + String.join(", ", presets)
                + "]\ndatasets: [" + dataset + "]\nsleep_fractions: [0.5]\nseeds: [1, 2, 3]\nset:\n");
        for (String p : presets) {
            if (p.equals("paper-code")) {
                stdp(b, p, 50, 10_000);
            } else if (p.startsWith("paper-sg")) {
                b.append("  ").append(p).append("/train.images: 512\n");
                b.append("  ").append(p).append("/train.validation_images: 128\n");
                b.append("  ").append(p).append("/train.test_images: 128\n");
                b.append("  ").append(p).append("/sg.epochs: 1\n");
                if (p.equals("paper-sg")) {
                    b.append("  paper-sg/sg.sleep_schedule: every_minibatches\n");
                    b.append("  paper-sg/sg.sleep.iterations: 2\n");
                }
            } else {
                stdp(b, p, 200, 5_000);
            }
        }
        return b.toString();
    }

    private static void stdp(StringBuilder b, String p, int images, int wakeSteps) {
        b.append("  ").append(p).append("/train.images: ").append(images).append('\n');
        b.append("  ").append(p).append("/train.epochs: 1\n");
        b.append("  ").append(p).append("/train.validation_images: 50\n");
        b.append("  ").append(p).append("/train.test_images: 100\n");
        b.append("  ").append(p).append("/train.checkpoints: 2\n");
        b.append("  ").append(p).append("/train.readout_images: ").append(images).append('\n');
        b.append("  ").append(p).append("/train.eval_threads: 1\n");
        b.append("  ").append(p).append("/sleep.wake_steps: ").append(wakeSteps).append('\n');
    }

    /**
     * Replaces what lies between the lines {@value #BEGIN} and {@value #END} of {@code file} with {@code text}
     * (written to a temporary file, then moved).
     *
     * @throws IllegalArgumentException naming the file when it lacks either line
     */
    public static void writeBetweenMarkers(Path file, String text) throws IOException {
        String doc = Files.readString(file);
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException(file + " has no lines " + BEGIN + " ... " + END + " to write the estimate between");
        }
        String head = doc.substring(0, begin + BEGIN.length());
        AtomicFiles.write(file, head + "\n" + text.strip() + "\n" + doc.substring(end));
    }

    /** Deletes a calibration directory and everything in it. */
    public static void deleteRecursively(Path dir) throws IOException {
        SweepRunner.deleteRecursively(dir);
    }
}
