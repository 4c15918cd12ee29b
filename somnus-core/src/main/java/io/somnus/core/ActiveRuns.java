package io.somnus.core;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The runs in progress in this JVM (a sweep's workers, Spark tasks, one {@code somnus train}), so that a run can tell
 * whether a second thread of its own would find a free processor or take one from another run. Parts of a run that
 * could use a second thread without changing its numbers (the SG-SNN's, docs/sg.md) ask {@link #spareProcessor()}.
 */
public final class ActiveRuns {
    private static final AtomicInteger COUNT = new AtomicInteger();

    private ActiveRuns() {
    }

    /** Counts a run as in progress until the returned entry is closed. */
    public static Entry enter() {
        COUNT.incrementAndGet();
        return new Entry();
    }

    /** Runs in progress now. */
    public static int count() {
        return COUNT.get();
    }

    /**
     * Whether this JVM has more processors than runs in progress (counting at least one: a caller outside any counted
     * run is a run too).
     */
    public static boolean spareProcessor() {
        return Runtime.getRuntime().availableProcessors() > Math.max(1, COUNT.get());
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
