package io.somnus.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times the kernels' hot loops on this CPU and JVM — one diehl-cook step's worth (N = 100): a conductance-LIF
 * population update, trace lookups, and a handful of input spikes each propagated through and depressing a
 * dense 100-wide row — and picks the fastest. The choice changes speed only: every kernel gives the same bits.
 * A round runs until the JIT has compiled the loops (the Vector API is slow when interpreted), so the first
 * calibration of a JVM takes a fraction of a second; {@link KernelChoiceCache} keeps its result.
 */
public final class KernelCalibration {
    /** Neurons of the calibration population: diehl-cook's N_e. */
    static final int NEURONS = 100;
    /** Input spikes per step, as in diehl-cook (≈ 7 of 784 inputs fire per 0.5-ms step). */
    static final int SPIKES_PER_STEP = 7;
    /**
     * Calls of each kernel before timing: C2 queues a method for compilation after 5 000 invocations (tier 4
     * thresholds of HotSpot 17); the Vector API runs one to two orders of magnitude slower before that.
     */
    static final int WARMUP_CALLS = 20_000;

    /**
     * A measurement: each candidate's median nanoseconds per calibration step (of the last window), the fastest
     * candidate, and whether the timings had settled — no candidate still getting faster, as it does while the
     * JIT compiles it. An unsettled result must not be trusted, nor cached.
     *
     * @param chosen       the fastest candidate's kernels
     * @param nanosPerStep each candidate's median time per calibration step, in ns, by kernel name
     * @param settled      whether no candidate was still getting faster (only a settled result may be cached)
     */
    public record Result(Kernels chosen, Map<String, Double> nanosPerStep, boolean settled) { }

    private KernelCalibration() { }

    /**
     * Calls each candidate's kernels {@value #WARMUP_CALLS} times on one padded vector (cheap even before the JIT
     * compiled them, and past C2's invocation thresholds), runs it for {@code warmupMillis} at full size, then times {@code rounds} ×
     * {@code stepsPerRound} steps, round robin so that drifts of a shared machine hit every candidate alike, and
     * returns the one with the lowest median time per step. Windows of {@code rounds} are repeated, up to
     * {@code maxMillis} in all, until no candidate's second half of a window is more than 10 % faster than its
     * first half.
     */
    public static Result measure(List<Kernels> candidates, long warmupMillis, int rounds, int stepsPerRound,
                                 long maxMillis) {
        long deadline = System.nanoTime() + maxMillis * 1_000_000L;
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no kernels to calibrate");
        }
        List<Workload> loads = new ArrayList<>();
        for (Kernels k : candidates) {
            loads.add(new Workload(k));
        }
        for (Workload w : loads) {
            w.warmUp();
        }
        for (Workload w : loads) {
            long until = System.nanoTime() + warmupMillis * 1_000_000L;
            do {
                w.run(64);
            } while (System.nanoTime() < until);
        }
        double[][] nanos = new double[loads.size()][rounds];
        boolean settled;
        do {
            for (int r = 0; r < rounds; r++) {
                for (int c = 0; c < loads.size(); c++) {
                    long t0 = System.nanoTime();
                    loads.get(c).run(stepsPerRound);
                    nanos[c][r] = (System.nanoTime() - t0) / (double) stepsPerRound;
                }
            }
            settled = true;
            for (double[] n : nanos) {
                double first = median(Arrays.copyOfRange(n, 0, rounds / 2));
                double second = median(Arrays.copyOfRange(n, rounds - rounds / 2, rounds));
                settled &= second >= 0.9 * first;
            }
        } while (!settled && System.nanoTime() < deadline);
        Map<String, Double> medians = new LinkedHashMap<>();
        int best = 0;
        double bestNanos = Double.POSITIVE_INFINITY;
        for (int c = 0; c < loads.size(); c++) {
            double median = median(nanos[c]);
            medians.put(candidates.get(c).name(), median);
            if (median < bestNanos) {
                bestNanos = median;
                best = c;
            }
        }
        return new Result(candidates.get(best), medians, settled);
    }

    private static double median(double[] xs) {
        double[] sorted = xs.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** One kernel set's private arrays for the calibration step, so that candidates share no cache lines. */
    private static final class Workload {
        private final Kernels k;
        private final ConductanceLifStep step = new ConductanceLifStep(0.5f / 100, 1 - 0.5f, 1 - 0.5f / 2,
                1 - 0.5 / 1e7, 0.05, -65f, 0f, -100f, -52f, -65f, 10, false);
        private final int padded = Kernels.paddedLength(NEURONS);
        private final float[] v = new float[padded];
        private final float[] ge = new float[padded];
        private final float[] gi = new float[padded];
        private final double[] theta = new double[padded];
        private final int[] refractoryUntil = new int[padded];
        private final float[] excitatoryIn = new float[padded];
        private final float[] inhibitoryIn = new float[padded];
        private final float[] floor = new float[padded];
        private final int[] spiked = new int[padded];
        private final float[] table = new float[64];
        private final int[] lastSpike = new int[padded];
        private final float[] trace = new float[padded];
        private final int[] scratch = new int[padded];
        private final float[] w = new float[784 * NEURONS];
        private final int[] rows = new int[SPIKES_PER_STEP];
        private int t;

        Workload(Kernels k) {
            this.k = k;
            Arrays.fill(v, -65f);
            Arrays.fill(floor, NEURONS, padded, Float.POSITIVE_INFINITY);
            Arrays.fill(floor, 0, NEURONS, -52f);
            for (int i = 0; i < table.length - 1; i++) {
                table[i] = (float) Math.exp(-i / 40.0);
            }
            for (int j = 0; j < padded; j++) {
                lastSpike[j] = -j % 50;
            }
            for (int s = 0; s < w.length; s++) {
                w[s] = (s * 0x9E3779B1 >>> 8) / (float) (1 << 24) * 0.3f;
            }
        }

        /** The kernels on one padded vector, {@link #WARMUP_CALLS} times: gets them compiled cheaply. */
        void warmUp() {
            int n = Kernels.PAD_FLOATS;
            for (int c = 0; c < WARMUP_CALLS; c++) {
                k.addRow(excitatoryIn, w, 0, n);
                k.depressRows(w, rows, 1, trace, n, 1e-4f, 0f, 1f);
                k.conductanceLif(step, c, n, v, ge, gi, theta, refractoryUntil, excitatoryIn, inhibitoryIn, null, floor,
                        spiked);
                k.traces(table, lastSpike, null, c, n, trace, scratch);
            }
        }

        void run(int steps) {
            for (int s = 0; s < steps; s++, t++) {
                for (int i = 0; i < SPIKES_PER_STEP; i++) {
                    rows[i] = (t * 131 + i * 97) % 784;
                    k.addRow(excitatoryIn, w, rows[i] * NEURONS, NEURONS);
                }
                k.depressRows(w, rows, SPIKES_PER_STEP, trace, NEURONS, 1e-4f, 0f, 1f);
                k.conductanceLif(step, t, NEURONS, v, ge, gi, theta, refractoryUntil, excitatoryIn, inhibitoryIn, null,
                        floor, spiked);
                lastSpike[t * 13 % NEURONS] = t; // about half the traces stay non-zero, as while an image is shown
                k.traces(table, lastSpike, null, t, NEURONS, trace, scratch);
            }
        }
    }
}
