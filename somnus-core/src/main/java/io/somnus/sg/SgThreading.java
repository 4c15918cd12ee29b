package io.somnus.sg;

import io.somnus.core.ActiveRuns;
import java.util.Locale;

/**
 * Whether an SG-SNN run takes a second thread, for the work that gives the same numbers on one thread or two: the
 * sleep's noise drawn ahead ({@link SgSleepNoiseAhead}), and in training halves of a wide layer's loops, halves of
 * large products ({@link SgBlas#gemmInHalves}: split by their shape alone, on one thread or two) and two independent
 * products side by side ({@link SgNetwork}). Each product runs on one OpenBLAS thread.
 * <p>
 * The choice in force ({@link #current()}) is the system property {@code somnus.sg.threads} — {@code auto}
 * (default), {@code 1} or {@code 2} — unless code has chosen for a while with {@link #use}. A network and a sleep
 * phase read it once, when built.
 */
public enum SgThreading {
    /**
     * A second thread while this JVM has more processors than the runs in progress ({@link ActiveRuns}) keep busy,
     * each on as many threads as the BLAS takes ({@link #blasThreads()}): with {@code OPENBLAS_NUM_THREADS=2} on two
     * cores, OpenBLAS's own threads hold both.
     */
    AUTO,
    /** Never a second thread. */
    ONE,
    /** Always a second thread. */
    TWO;

    /** The system property that chooses. */
    public static final String PROPERTY = "somnus.sg.threads";

    /** A choice made with {@link #use}, in force over the property; null when none is. */
    private static volatile SgThreading chosen;
    /** Per thread: the works it has handed to a second thread ({@link #handedOverHere()}). */
    private static final ThreadLocal<long[]> HANDED_OVER = ThreadLocal.withInitial(() -> new long[1]);

    /** Whether work starting now takes a second thread. */
    boolean second() {
        return switch (this) {
            case ONE -> false;
            case TWO -> true;
            case AUTO -> ActiveRuns.spareProcessor(blasThreads());
        };
    }

    /** The choice in force: the one of an open {@link #use}, else the system property's. */
    public static SgThreading current() {
        SgThreading c = chosen;
        return c != null ? c : parse(System.getProperty(PROPERTY, "auto"));
    }

    /**
     * The threads each of the SG-SNN's products runs on: 1 for netlib's Java BLAS; for OpenBLAS, what the environment
     * gives it ({@code OPENBLAS_NUM_THREADS}, which the launcher sets to 1 unless it is set; unset, every processor).
     */
    public static int blasThreads() {
        return SgBlas.threads();
    }

    /**
     * How many works the calling thread has handed to a second thread so far (halves of a product or a layer's loop,
     * a sleep episode's noise drawn ahead), in this JVM: where it grew over a run's span, part of the run's work was
     * out of the sight of its thread's CPU time ({@code auto} hands over only while a processor is spare, so a run
     * beside others may hand over nothing).
     */
    public static long handedOverHere() {
        return HANDED_OVER.get()[0];
    }

    /** Counts one work the calling thread hands to a second thread. */
    static void handingOver() {
        HANDED_OVER.get()[0]++;
    }

    /** Whether {@link #PROPERTY} is set (the user chose). */
    public static boolean chosenByProperty() {
        return System.getProperty(PROPERTY) != null;
    }

    /** {@code auto}, {@code 1} or {@code 2}. */
    static SgThreading parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "1" -> ONE;
            case "2" -> TWO;
            default -> throw new IllegalArgumentException("-D" + PROPERTY + "=" + value.trim()
                    + " is not a choice; use auto, 1 or 2");
        };
    }

    /**
     * Puts {@code choice} in force for networks and sleep phases built until the returned scope is closed (then the
     * previous choice is back); for commands that measure or calibrate on a given thread count.
     */
    public static Scope use(SgThreading choice) {
        SgThreading previous = chosen;
        chosen = choice;
        return () -> chosen = previous;
    }

    /** A choice in force; closing it restores the previous one. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
