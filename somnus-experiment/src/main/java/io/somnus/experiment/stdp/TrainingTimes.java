package io.somnus.experiment.stdp;

import io.somnus.core.StateStreams;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a training run's wall time goes, by phase, and the rates derived from it: what timing.json says.
 * Images and presentations differ because Diehl &amp; Cook re-present an image at a higher rate while the
 * readout population fires too few spikes, so both rates are reported, over the presentation time only.
 */
final class TrainingTimes {
    /** The phases a run's time is split into, in the order they are reported. */
    enum Phase {
        /** building the network, the encoder and the evaluator */
        SETUP("setup_seconds"),
        /** the wake presentations themselves (plasticity as configured): encoding or reading the input spikes, the simulation loop, exporting them when asked */
        PRESENTATIONS("presentation_seconds"),
        /** per-image work around a presentation: the finite check of state and plastic weights, spike totals, weight traces, progress */
        PER_IMAGE_CHECKS("per_image_check_seconds"),
        /** sleep episodes */
        SLEEP("sleep_seconds"),
        /** checkpoints (frozen evaluation of the validation images), continual task accuracies, the final evaluation */
        EVALUATION("evaluation_seconds"),
        /** Writing resume snapshots (docs/run-directory.md, "Resume snapshot"). */
        SNAPSHOT("resume_snapshot_seconds");

        final String key;

        Phase(String key) {
            this.key = key;
        }
    }

    private final long startedNanos;
    private final long[] nanos = new long[Phase.values().length];
    private long markNanos;
    /**
     * CPU time of the training thread, per phase (-1 when the JVM cannot measure it): the presentations run on that
     * thread alone, so their CPU time is the work done, whatever else the machine runs meanwhile.
     */
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final boolean cpuTimed = threads.isCurrentThreadCpuTimeSupported();
    private final long[] cpuNanos = new long[Phase.values().length];
    private long markCpuNanos;
    /** Wall time before a resume (the run's first part), added to this process's. */
    private long earlierNanos;

    TrainingTimes() {
        startedNanos = System.nanoTime();
        markNanos = startedNanos;
        markCpuNanos = cpuTimed ? threads.getCurrentThreadCpuTime() : 0;
    }

    /** Charges the time since the previous call (or since construction) to {@code phase}. */
    void charge(Phase phase) {
        long now = System.nanoTime();
        nanos[phase.ordinal()] += now - markNanos;
        markNanos = now;
        if (cpuTimed) {
            long cpu = threads.getCurrentThreadCpuTime();
            cpuNanos[phase.ordinal()] += cpu - markCpuNanos;
            markCpuNanos = cpu;
        }
    }

    double seconds(Phase phase) {
        return nanos[phase.ordinal()] / 1e9;
    }

    /**
     * timing.json's fields: the rates over the presentation time, the counts they divide, each phase's
     * seconds and the wall time since construction (which also holds what no phase was charged with).
     */
    Map<String, Object> toMap(long images, long presentations) {
        double presenting = seconds(Phase.PRESENTATIONS);
        double wall = (System.nanoTime() - startedNanos + earlierNanos) / 1e9;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("train_images_per_second", presenting > 0 ? images / presenting : 0.0);
        m.put("train_presentations_per_second", presenting > 0 ? presentations / presenting : 0.0);
        double loop = presenting + seconds(Phase.PER_IMAGE_CHECKS);
        m.put("train_loop_images_per_second", loop > 0 ? images / loop : 0.0);
        m.put("train_images", images);
        m.put("presentations", presentations);
        m.put("presentations_per_image", images > 0 ? (double) presentations / images : 0.0);
        double presentingCpu = cpuTimed ? cpuNanos[Phase.PRESENTATIONS.ordinal()] / 1e9 : -1;
        m.put("presentation_cpu_seconds", presentingCpu);
        m.put("train_images_per_cpu_second", presentingCpu > 0 ? images / presentingCpu : 0.0);
        for (Phase p : Phase.values()) {
            m.put(p.key, seconds(p));
        }
        m.put("wall_seconds", wall);
        return m;
    }

    /**
     * Writes the time charged to each phase and the wall time so far, for a resume snapshot: a resumed run's
     * timing.json adds the time before the stop to the time after it.
     */
    void writeState(DataOutput out) throws IOException {
        StateStreams.writeLongs(out, nanos);
        StateStreams.writeLongs(out, cpuNanos);
        out.writeLong(System.nanoTime() - startedNanos + earlierNanos);
    }

    void readState(DataInput in) throws IOException {
        long[] n = new long[nanos.length];
        long[] c = new long[cpuNanos.length];
        StateStreams.readLongs(in, n, "phase times");
        StateStreams.readLongs(in, c, "phase CPU times");
        for (int i = 0; i < n.length; i++) {
            nanos[i] += n[i];
            cpuNanos[i] += c[i];
        }
        earlierNanos = in.readLong();
    }
}
