package io.somnus.cli;

import io.somnus.core.NumberText;
import io.somnus.experiment.model.SnapshotTrigger;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * {@code --snapshot-minutes M}, the same option for {@code train}, {@code sweep} and {@code reproduce}: how often an
 * STDP-SNN run takes a resume snapshot between two checkpoints (SnapshotTrigger). Not part of any run's configuration:
 * a snapshot changes no number, so a sweep's run ids and files are the same whatever it is.
 */
final class SnapshotMinutesMixin {
    @Option(names = "--snapshot-minutes", paramLabel = "M", description = "STDP-SNN: besides after each checkpoint, "
            + "take a resume snapshot between two training images once M minutes of wall-clock time have passed since "
            + "the last (default: $SOMNUS_SNAPSHOT_MINUTES, else 10; 0: after checkpoints only). Not part of the "
            + "run's configuration: it changes no number; also with --resume")
    Double minutes;

    /** Whether the option was given. */
    boolean given() {
        return minutes != null;
    }

    /** Refuses a number that is not finite and ≥ 0, naming it (before anything is written). */
    void check() {
        if (minutes != null && !(minutes >= 0 && minutes < Double.POSITIVE_INFINITY)) {
            throw new CliException("--snapshot-minutes " + NumberText.of(minutes) + ": give a finite number of minutes ≥ 0 "
                    + "(0: resume snapshots after checkpoints only)");
        }
    }

    /** A fresh trigger per run: every M minutes, else as the environment says ({@link SnapshotTrigger#ENV}). */
    Supplier<SnapshotTrigger> triggers() {
        double m = minutes != null ? minutes : SnapshotTrigger.minutesFromEnvironment();
        return () -> SnapshotTrigger.every(m, System::nanoTime);
    }
}
