package io.somnus.core;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The runs in progress in this JVM (a sweep's workers, Spark tasks, one {@code somnus train}), so that a run can tell
 * whether a second thread of its own would find a free processor or take one from another run. Parts of a run that
 * could use a second thread without changing its numbers (the SG-SNN's, docs/sg.md) ask {@link #spareProcessor(int)}.
 */
public final class ActiveRuns {
    private static final AtomicInteger COUNT = new AtomicInteger();
    /** Runs ever entered: a run that saw it grow by its own entry only had the JVM to itself (no run overlapped it). */
    private static final AtomicLong ENTERED = new AtomicLong();

    private ActiveRuns() {
    }

    /** Counts a run as in progress until the returned entry is closed. */
    public static Entry enter() {
        ENTERED.incrementAndGet();
        COUNT.incrementAndGet();
        return new Entry();
    }

    /** Runs in progress now. */
    public static int count() {
        return COUNT.get();
    }

    /** Runs entered in this JVM so far, finished ones included. */
    public static long entered() {
        return ENTERED.get();
    }

    /**
     * Whether this JVM has more processors than the runs in progress keep busy, each on {@code threadsPerRun} threads
     * (counting at least one run: a caller outside any counted run is a run too).
     */
    public static boolean spareProcessor(int threadsPerRun) {
        return Runtime.getRuntime().availableProcessors() > (long) Math.max(1, COUNT.get()) * Math.max(1, threadsPerRun);
    }

    /** A run in progress; {@link #close()} ends it (once). */
    public static final class Entry implements AutoCloseable {
        private boolean closed;

        private Entry() {
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                COUNT.decrementAndGet();
            }
        }
    }
}
