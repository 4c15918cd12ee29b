package io.somnus.sg;

import io.somnus.core.ActiveRuns;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Whether an SG-SNN run takes a second thread, for work that gives the same numbers on one thread or two: the sleep's
 * noise drawn ahead ({@link SgSleepNoiseAhead}), and in training the neurons' loops split into halves of the hidden
 * units and two independent products side by side ({@link SgNetwork}). The products themselves stay whole, on one
 * OpenBLAS thread: OpenBLAS sums an element differently when a product is split.
 * <p>
 * The system property {@code somnus.sg.threads}: {@code auto} (default: a second thread while this JVM has more
 * processors than runs in progress, {@link ActiveRuns}, so a sweep with a worker per core does not oversubscribe),
 * {@code 1} (never) or {@code 2} (always).
 */
final class SgThreads {
    /** The system property that chooses. */
    static final String PROPERTY = "somnus.sg.threads";

    private static final ExecutorService POOL = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "somnus-sg-worker");
        t.setDaemon(true);
        return t;
    });

    private SgThreads() {
    }

    /** Whether work starting now should take a second thread. */
    static boolean second() {
        String choice = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        return switch (choice) {
            case "2" -> true;
            case "1" -> false;
            case "auto" -> ActiveRuns.spareProcessor();
            default -> throw new IllegalArgumentException("-D" + PROPERTY + "=" + choice
                    + " is not a choice; use auto, 1 or 2");
        };
    }

    /**
     * Runs two independent tasks (they must not write what the other reads or writes): {@code b} on a second thread
     * while the caller runs {@code a} when {@code split}, else {@code a} then {@code b}.
     */
    static void both(boolean split, Runnable a, Runnable b) {
        if (!split) {
            a.run();
            b.run();
            return;
        }
        Future<?> other = POOL.submit(b);
        try {
            a.run();
        } finally {
            join(other); // b writes the run's arrays: it must be over before anything goes on
        }
    }

    private static void join(Future<?> task) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    task.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
