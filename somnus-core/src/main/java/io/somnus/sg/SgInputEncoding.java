package io.somnus.sg;

import java.util.random.RandomGenerator;

/**
 * How pixel values become the input {@code x[t]} of the first layer, step by step. Generates the whole
 * presentation {@code [T][batch][inputs]} (row-major, flat) for a minibatch.
 *
 * <p>The SG-SNN keeps this small internal encoding so that it can fill its preallocated BLAS buffers directly;
 * the event-driven STDP simulator uses the shared {@code io.somnus.encoding} encoders.
 */
public enum SgInputEncoding {
    /**
     * The pixel value is injected as a constant current every step: {@code x[t] = pixel} (the paper's SG-SNN,
     * "pixel values as input current"). Time-invariant, so the input projection is computed once per image.
     */
    DIRECT,
    /** Each step an input spikes with probability equal to its pixel value (in [0, 1]): {@code x[t] ~ Bernoulli(pixel)}. */
    BERNOULLI,
    /**
     * Rate coding: each step an input spikes with probability {@code min(1, pixel·rate·dt)}, the per-step
     * (Bernoulli) approximation of a Poisson process of rate {@code pixel × poissonRateHz}.
     */
    POISSON;

    /**
     * The factor from a pixel value to its spike probability per step (clipped at 1 where used): 1 for
     * {@link #BERNOULLI}, {@code poissonRateHz · dtMs / 1000} for {@link #POISSON}; 1 for {@link #DIRECT}, which
     * draws no spikes.
     */
    public float spikeScale(double poissonRateHz, double dtMs) {
        return this == POISSON ? (float) (poissonRateHz * dtMs / 1000.0) : 1f;
    }

    /** True when {@code x[t]} is the same for every step, so only the {@code t = 0} slab is written. */
    public boolean timeInvariant() {
        return this == DIRECT;
    }

    /**
     * Writes the input of {@code batch} images into {@code out}: element {@code (t·batch + b)·inputs + i} is input
     * {@code i} of image {@code order[from + b]} at step {@code t}; for {@link #timeInvariant()} encodings only
     * {@code t = 0} is written. Random draws are taken in the order t, b, i, one 32-bit draw per pixel with
     * {@code p > 0}; the input spikes iff the draw's top 24 bits, read as an integer, are below {@code ⌊p·2²⁴⌋}
     * (probability p to within 2⁻²⁴; p ≥ 1 always spikes, p = 0 never and takes no draw).
     *
     * @param images        all images (not modified), each {@code inputs} pixels in [0, 1]
     * @param order         image indices (not modified)
     * @param from          first position in {@code order}
     * @param batch         number of images
     * @param inputs        pixels per image
     * @param steps         T
     * @param poissonRateHz rate of a pixel of value 1, for {@link #POISSON}
     * @param dtMs          step in ms, for {@link #POISSON}
     * @param rng           the run's encoding stream
     * @param out           receives the input, at least {@code steps·batch·inputs} long
     */
    public void encode(float[][] images, int[] order, int from, int batch, int inputs, int steps,
                       double poissonRateHz, double dtMs, RandomGenerator rng, float[] out) {
        if (this == DIRECT) {
            for (int b = 0; b < batch; b++) {
                System.arraycopy(images[order[from + b]], 0, out, b * inputs, inputs);
            }
            return;
        }
        float scale = spikeScale(poissonRateHz, dtMs);
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                float[] img = images[order[from + b]];
                int o = (t * batch + b) * inputs;
                for (int i = 0; i < inputs; i++) {
                    float p = img[i] * scale;
                    if (p > 0f) {
                        // Branch-free comparison of the draw's top 24 bits with ⌊p·2²⁴⌋: a random outcome would
                        // defeat branch prediction and cost more than the draw itself.
                        int threshold = (int) (Math.min(p, 1f) * 0x1p24f);
                        out[o + i] = (float) (((rng.nextInt() >>> 8) - threshold) >>> 31);
                    } else {
                        out[o + i] = 0f;
                    }
                }
            }
        }
    }
}
