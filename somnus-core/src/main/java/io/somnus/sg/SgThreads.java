package io.somnus.sg;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The second thread of an SG-SNN run ({@link SgThreading}): a pool of daemon threads and a hand-over of two tasks. */
final class SgThreads {
    private static final ExecutorService POOL = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "somnus-sg-worker");
        t.setDaemon(true);
        return t;
    });

    private SgThreads() {
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
        SgThreading.handingOver();
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
