package io.somnus.experiment.stdp;

import io.somnus.encoding.SpikeEncoder;
import io.somnus.encoding.SpikeTrain;
import io.somnus.network.Network;
import io.somnus.network.SpikeCounter;
import java.util.random.RandomGenerator;

/**
 * How one image is shown: encoded for {@code steps} steps of {@code dtMs}, presented from rest, and —
 * Diehl &amp; Cook's rule — shown again with the intensity raised by {@code intensityStep} while the readout
 * population fires fewer than {@code minSpikes} spikes, at most {@code maxPresentations} times.
 *
 * @param steps            steps per presentation
 * @param dtMs             the time step in ms
 * @param intensity        the first presentation's input intensity (the encoder's rate factor)
 * @param minSpikes        the counted population's spikes below which an image is shown again (0: shown once)
 * @param intensityStep    the intensity added at each re-presentation
 * @param maxPresentations the most presentations of one image (one is always shown)
 */
public record Presentation(int steps, double dtMs, double intensity, int minSpikes, double intensityStep,
                           int maxPresentations) {
    /**
     * Presents one image; the counter holds the readout population's counts of the last presentation.
     *
     * @return the number of presentations made (≥ 1)
     */
    public int present(Network net, SpikeEncoder encoder, float[] pixels, boolean plastic, RandomGenerator rng,
                       SpikeTrain train, SpikeCounter counter) {
        double level = intensity;
        int shown = 0;
        do {
            counter.clear();
            encoder.encode(pixels, level, steps, dtMs, rng, train);
            net.present(train, plastic, rng);
            shown++;
            level += intensityStep;
        } while (counter.total() < minSpikes && shown < maxPresentations);
        return shown;
    }
}
