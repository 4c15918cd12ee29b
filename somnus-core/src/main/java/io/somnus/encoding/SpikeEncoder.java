package io.somnus.encoding;

import java.util.random.RandomGenerator;

/**
 * Turns pixel intensities into input spike trains for a presentation of {@code numSteps} steps of
 * {@code dtMs} milliseconds.
 */
public interface SpikeEncoder {
    /**
     * Encodes one image.
     *
     * @param pixels    intensities, normally in [0, 1] (after any preprocessing)
     * @param intensity multiplier on the drive (Diehl &amp; Cook raise it when the network stays silent); 1 normally
     * @param numSteps  number of time steps
     * @param dtMs      time step in ms
     * @param rng       the run's encoder stream
     * @param out       receives the spikes (reset by this call)
     */
    void encode(float[] pixels, double intensity, int numSteps, double dtMs, RandomGenerator rng, SpikeTrain out);
}
