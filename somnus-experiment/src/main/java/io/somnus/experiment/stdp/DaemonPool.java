package io.somnus.experiment.stdp;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A fixed pool of daemon threads for one step of a run's evaluation (a run never waits on them to exit). */
final class DaemonPool {
    private DaemonPool() {
    }

    /** {@code threads} daemon threads named {@code name}; the caller shuts the pool down. */
    static ExecutorService of(int threads, String name) {
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }
}
