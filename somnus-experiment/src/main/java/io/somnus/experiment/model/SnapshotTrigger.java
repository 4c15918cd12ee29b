package io.somnus.experiment.model;

import io.somnus.core.NumberText;
import io.somnus.experiment.config.ConfigException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * When an STDP-SNN run takes a resume snapshot between two training images besides those after its checkpoints
 * (docs/run-directory.md, "Resume snapshot"): by default once {@value #DEFAULT_MINUTES} minutes of wall-clock time
 * have passed since the run started, resumed or took its last snapshot, so that a kill loses at most about that
 * much work however far apart the checkpoints are. The interval is not part of the run's configuration (a snapshot
 * changes no number, so it must not change the run's identity): {@code somnus train --snapshot-minutes M} or the
 * environment variable {@value #ENV} set it, 0 turning these snapshots off. Tests trigger at given images instead of
 * waiting ({@link #atImages}).
 */
public interface SnapshotTrigger {
    /** The environment variable that sets the interval in minutes (0: only after checkpoints). */
    String ENV = "SOMNUS_SNAPSHOT_MINUTES";
    /** The interval when neither the option nor {@value #ENV} sets one. */
    double DEFAULT_MINUTES = 10;

    /** Whether to take a snapshot now, {@code images} training images into the run (between two images). */
    boolean due(long images);

    /** A snapshot was taken (after a checkpoint or because {@link #due}): the interval starts again. */
    void taken(long images);

    /** Never between checkpoints. */
    SnapshotTrigger NEVER = new SnapshotTrigger() {
        @Override
        public boolean due(long images) {
            return false;
        }

        @Override
        public void taken(long images) { }
    };

    /**
     * Once {@code minutes} have passed on {@code nanoClock} (e.g. {@link System#nanoTime}) since this trigger was made
     * or the last snapshot was taken; {@code minutes} 0: {@link #NEVER}.
     */
    static SnapshotTrigger every(double minutes, LongSupplier nanoClock) {
        if (!(minutes >= 0) || Double.isInfinite(minutes)) {
            throw new ConfigException("a snapshot interval of " + NumberText.of(minutes) + " minutes: give a finite number of minutes "
                    + "≥ 0 (0: snapshots after checkpoints only)");
        }
        if (minutes == 0) {
            return NEVER;
        }
        long interval = (long) (minutes * 60e9);
        return new SnapshotTrigger() {
            private long last = nanoClock.getAsLong();

            @Override
            public boolean due(long images) {
                return nanoClock.getAsLong() - last >= interval;
            }

            @Override
            public void taken(long images) {
                last = nanoClock.getAsLong();
            }
        };
    }

    /** After each image of {@code images} (counted from the run's start), for tests. */
    static SnapshotTrigger atImages(long... images) {
        Set<Long> at = new HashSet<>();
        for (long i : images) {
            at.add(i);
        }
        return new SnapshotTrigger() {
            @Override
            public boolean due(long image) {
                return at.contains(image);
            }

            @Override
            public void taken(long image) { }
        };
    }

    /** The interval in minutes that {@value #ENV} sets, else {@value #DEFAULT_MINUTES}. */
    static double minutesFromEnvironment() {
        String v = System.getenv(ENV);
        if (v == null || v.isBlank()) {
            return DEFAULT_MINUTES;
        }
        try {
            double m = Double.parseDouble(v.trim());
            if (m >= 0 && !Double.isInfinite(m)) {
                return m;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new ConfigException(ENV + " = " + v + ": not a number of minutes ≥ 0; give the wall-clock minutes "
                + "between two resume snapshots of an STDP-SNN run (0: after checkpoints only)");
    }
}
