package io.somnus.experiment.stdp;

import io.somnus.experiment.config.ReadoutKind;
import io.somnus.readout.FeatureRows;
import io.somnus.readout.FittedReadout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Fits a run's readouts on the same spike counts, one after the other or each on its own thread. Each fit is
 * deterministic and shares nothing with the others (its own arrays, its own optimiser), so the fitted readouts are the
 * same either way; on two threads the published network's linear readout (≈ 3 min at 20 000 × 6 400) runs beside its
 * PCA readout (≈ 7 min) instead of before it.
 */
final class ReadoutFits {
    private ReadoutFits() {
    }

    /**
     * @param threads  readouts fitted at the same time (≤ 1: one after the other, in order)
     * @param onFitted called after each fit, from the thread that fitted it
     * @return the fitted readouts, in the order of {@code kinds}
     */
    static List<FittedReadout> fit(List<ReadoutKind> kinds, double pcaVariance, FeatureRows x, int[] labels,
            int classes, long seed, int threads, Runnable onFitted) {
        List<Callable<FittedReadout>> fits = new ArrayList<>();
        for (ReadoutKind kind : kinds) {
            fits.add(() -> {
                FittedReadout f = Readouts.create(kind, pcaVariance).fit(x, labels, classes, seed);
                onFitted.run();
                return f;
            });
        }
        List<FittedReadout> out = new ArrayList<>();
        int n = Math.min(threads, fits.size());
        if (n <= 1) {
            for (Callable<FittedReadout> f : fits) {
                out.add(call(f));
            }
            return out;
        }
        ExecutorService pool = DaemonPool.of(n, "somnus-readout");
        try {
            for (Future<FittedReadout> f : pool.invokeAll(fits)) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fitting the readouts", e);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static FittedReadout call(Callable<FittedReadout> f) {
        try {
            return f.call();
        } catch (Exception e) {
            throw rethrow(e);
        }
    }

    /** A fit's own exception (e.g. a bad argument), as if it had run on the caller's thread. */
    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("fitting a readout failed", t);
    }
}
