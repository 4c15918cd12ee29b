package io.somnus.experiment.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Objects;

/**
 * Which CPU clocks are a run's own over a span (timing.json's {@code run_cpu}, docs/run-directory.md): its thread's
 * where it did all its work there ({@code otherThreads} null), the JVM's where no other run shared the JVM
 * ({@code sharedJvm} null). Each non-null field says in words why that clock is not the run's own. A resume snapshot
 * carries the span before it (format version 5), so that a resumed run prices the whole run by a clock that was its own
 * in both parts, as the seconds on each clock are carried.
 *
 * @param otherThreads the threads besides its own that the run worked on, in words ("a second SG thread"); null: none
 * @param sharedJvm    how other runs shared the JVM, in words ("other runs shared the JVM"); null: none did
 */
public record OwnClocks(String otherThreads, String sharedJvm) {
    /** {@link #sharedJvm}'s words for a span during which other runs were in progress in the same JVM. */
    public static final String OTHER_RUNS = "other runs shared the JVM";

    /** Whether the run's thread's CPU time is its own: it did all its work on that thread. */
    public boolean threadOwn() {
        return otherThreads == null;
    }

    /** Whether the JVM's CPU time is the run's own: no other run shared the JVM. */
    public boolean processOwn() {
        return sharedJvm == null;
    }

    /**
     * This span followed by {@code after} (the part of a run after its resume): a clock is the whole run's own only
     * where it was each part's; where the parts differ, the words say which part's they are.
     */
    public OwnClocks then(OwnClocks after) {
        return new OwnClocks(joined(otherThreads, after.otherThreads), joined(sharedJvm, after.sharedJvm));
    }

    private static String joined(String before, String after) {
        if (Objects.equals(before, after)) {
            return before;
        }
        String earlier = before == null || before.endsWith(")") ? before : before + " (before a resume)";
        String later = after == null ? null : after + " (after the last resume)";
        return earlier == null ? later : later == null ? earlier : earlier + " and " + later;
    }

    /** Writes {@code clocks} for a resume snapshot: whether known, then both fields ("" for null). */
    static void write(DataOutputStream out, OwnClocks clocks) throws IOException {
        out.writeBoolean(clocks != null);
        if (clocks != null) {
            out.writeUTF(clocks.otherThreads == null ? "" : clocks.otherThreads);
            out.writeUTF(clocks.sharedJvm == null ? "" : clocks.sharedJvm);
        }
    }

    /** Reads what {@link #write} wrote; null where the span's clocks were not known. */
    static OwnClocks read(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        String other = in.readUTF();
        String shared = in.readUTF();
        return new OwnClocks(other.isEmpty() ? null : other, shared.isEmpty() ? null : shared);
    }
}
