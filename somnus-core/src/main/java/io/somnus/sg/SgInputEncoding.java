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

    /** True when {@code x[t]} is the same for every step, so only the {@code t = 0} slab is written. */
    public boolean timeInvariant() {
        return this == DIRECT;
    }

    /**
     * Writes the input of {@code batch} images into {@code out}: element {@code (t·batch + b)·inputs + i} is input
     * {@code i} of image {@code order[from + b]} at step {@code t}; for {@link #timeInvariant()} encodings only
     * {@code t = 0} is written. Random draws are taken in the order t, b, i, one draw per pixel strictly between 0
     * and 1 (pixels at 0 never spike and pixels at 1 always spike without a draw).
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
        float scale = this == BERNOULLI ? 1f : (float) (poissonRateHz * dtMs / 1000.0);
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                float[] img = images[order[from + b]];
                int o = (t * batch + b) * inputs;
                for (int i = 0; i < inputs; i++) {
                    float p = img[i] * scale;
                    float s;
                    if (p <= 0f) {
                        s = 0f;
                    } else if (p >= 1f) {
                        s = 1f;
                    } else {
                        s = rng.nextFloat() < p ? 1f : 0f;
                    }
                    out[o + i] = s;
                }
            }
        }
    }
}
