package io.somnus.encoding;

import io.somnus.core.DoublesAhead;
import io.somnus.core.NumberText;
import io.somnus.kernel.Kernels;
import java.util.random.RandomGenerator;

/**
 * Bernoulli spikes with a fixed probability p per step, drawn as geometric gaps: the number of silent steps
 * before the next spike is {@code K = floor(ln V / ln(1 − p))} with V uniform on (0, 1], since
 * {@code P(K ≥ k) = (1 − p)^k}. This is the same process as one coin per step, at one random draw per spike
 * (plus one per input) instead of one per step.
 * <p>
 * {@link #emitAll} draws the same numbers faster: on the run's {@code SplittableRandom} it takes V for a block of
 * draws ahead ({@link DoublesAhead}), their logarithms together ({@link Kernels#unitLogs}: fdlibm's algorithm, in SIMD
 * lanes where the JVM's kernels are the SIMD ones), and each gap from K' =
 * ln V · (1 / ln(1 − p)) where the integer cannot depend on the last bits: K' and the exact quotient
 * {@code Math.log(V) / ln(1 − p)} differ by at most a few ulps (both logarithms within one ulp, two roundings each),
 * so where K' lies farther than K'·2⁻³² from both integers around it, its floor is K; otherwise (about one draw in 10⁸,
 * and NaN or infinite K') K is computed exactly. The spikes, and the generator's state afterwards, are those of {@link #emit}
 * per input ({@code GeometricSpikesTest}).
 */
final class GeometricSpikes {
    /** Draws taken ahead at a time: a few kB of scratch, and a block's logarithms in one loop. */
    private static final int BLOCK = 256;
    /** The relative margin around K' (see the class comment): far above the quotients' few ulps (≈ 10⁻¹⁵). */
    private static final double MARGIN = 0x1p-32;

    private GeometricSpikes() {
    }

    /** An encoder's rule: the probability that an input of value {@code pixel} spikes in one step. */
    @FunctionalInterface
    interface PixelProbability {
        double perStep(float pixel);
    }

    /**
     * Encodes {@code pixels} into {@code out} over {@code numSteps} steps: pixel i spikes in each step with the
     * probability {@code probabilityPerStep} gives for it, by {@link #emitAll}.
     *
     * @param probabilityOf what a pixel is turned into, for the error on a pixel that is NaN, negative or infinite
     *                      ("a Poisson rate")
     */
    static void encodePixels(float[] pixels, int numSteps, PixelProbability probabilityPerStep, String probabilityOf,
            RandomGenerator rng, SpikeTrain out) {
        SpikeTrainBuilder b = out.builder();
        b.reset(numSteps);
        double[] p = b.probabilities(pixels.length);
        for (int i = 0; i < pixels.length; i++) {
            float pixel = pixels[i];
            if (!(pixel >= 0 && pixel < Float.POSITIVE_INFINITY)) { // once per pixel and image, not per step
                throw new IllegalArgumentException("pixel " + i + " is " + NumberText.of(pixel)
                        + ": " + probabilityOf + " needs a pixel >= 0 and finite");
            }
            p[i] = probabilityPerStep.perStep(pixel);
        }
        emitAll(b, p, pixels.length, numSteps, rng);
        b.buildInto(out);
    }

    /** Adds the spikes of {@code source} over {@code numSteps} steps to {@code out}. */
    static void emit(SpikeTrainBuilder out, int source, double p, int numSteps, RandomGenerator rng) {
        if (!(p > 0)) {
            return;
        }
        if (p >= 1) {
            for (int t = 0; t < numSteps; t++) {
                out.add(t, source);
            }
            return;
        }
        double logQ = Math.log1p(-p);
        double t = gap(rng, logQ);
        while (t < numSteps) {
            int step = (int) t;
            out.add(step, source);
            t = step + 1 + gap(rng, logQ);
        }
    }

    /**
     * Adds the spikes of sources 0 … n − 1 with probabilities {@code p[0, n)} over {@code numSteps} steps to
     * {@code out}: the spikes and draws of {@link #emit} for each source in turn.
     */
    static void emitAll(SpikeTrainBuilder out, double[] p, int n, int numSteps, RandomGenerator rng) {
        DoublesAhead ahead = DoublesAhead.open(rng);
        if (ahead == null) {
            for (int i = 0; i < n; i++) {
                emit(out, i, p[i], numSteps, rng);
            }
            return;
        }
        double[] v = out.complements(BLOCK);
        double[] lnV = out.logarithms(BLOCK);
        ComplementLogs logs = out.complementLogs();
        Kernels kernels = Kernels.preferred();
        long blocks = 0;
        int k = BLOCK; // the next draw's place in the block: none drawn yet
        for (int i = 0; i < n; i++) {
            double pi = p[i];
            if (!(pi > 0 && pi < 1)) {
                emit(out, i, pi, numSteps, rng); // no spikes or one every step: no draws
                continue;
            }
            double logQ = logs.of(pi);
            double inverse = 1.0 / logQ;
            out.reserve(numSteps); // at most one spike per step: the stores below need no check
            int[] steps = out.stepArray();
            int[] sources = out.sourceArray();
            int count = out.size();
            int t = 0;
            while (true) {
                if (k == BLOCK) {
                    ahead.fillComplements(v, BLOCK);
                    kernels.unitLogs(v, lnV, BLOCK);
                    blocks++;
                    k = 0;
                }
                int gap = gap(lnV[k] * inverse, v[k], logQ, numSteps);
                k++;
                if (gap >= numSteps - t) {
                    break;
                }
                t += gap;
                steps[count] = t;
                sources[count] = i;
                count++;
                t++;
            }
            out.size(count);
        }
        ahead.close(blocks * BLOCK - (BLOCK - k)); // the draws used: every block filled but the last one's rest
    }

    /** The gap for the guess {@code x} of draw {@code v}, capped at {@code numSteps} (see the class comment). */
    static int gap(double x, double v, double logQ, int numSteps) {
        double whole = Math.floor(x);
        double fraction = x - whole; // exact for x ≥ 0
        double margin = x * MARGIN;
        double k = fraction > margin && 1 - fraction > margin ? whole : exactGap(v, logQ);
        return k < numSteps ? (int) k : numSteps;
    }

    /** Number of failures before the next success (as a double, so huge gaps cannot overflow). */
    private static double gap(RandomGenerator rng, double logQ) {
        return exactGap(1.0 - rng.nextDouble(), logQ);
    }

    /** The gap's definition for the draw's complement {@code v} = 1 − u: what both paths must give. */
    private static double exactGap(double v, double logQ) {
        return Math.floor(Math.log(v) / logQ);
    }
}
