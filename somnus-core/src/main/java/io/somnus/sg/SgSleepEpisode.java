package io.somnus.sg;

import java.util.List;
import java.util.Map;

/**
 * One sleep episode of the SG-SNN.
 *
 * @param episode        1-based episode number
 * @param afterEpoch     the epoch it followed
 * @param startStep      the simulation step it began at: the wake and sleep steps before it
 * @param steps          sleep steps simulated: iterations × steps per iteration (the simulated time; the batch
 *                       copies of an iteration run side by side)
 * @param seconds        wall time of the episode
 * @param noiseDrawnAhead whether its noise was drawn on a helper thread (the same draws; a speed detail)
 * @param firingRatesHz  mean firing rate per neuron and copy during the episode ({@code h} or {@code h1…},
 *                       {@code out}), in Hz at the configured dt; the membrane-readout output layer has none
 * @param samples        total |w| and mean of every weight matrix at the start, every few thousand steps (at the
 *                       end of an iteration) and at the end of the episode
 * @param weightsBefore  the exported weights ({@link SgTrainer#weights()}) before the episode; empty unless the
 *                       listener {@linkplain SgListener#wantsWeightSnapshots() asks for them}
 * @param weightsAfter   the same after the episode
 */
public record SgSleepEpisode(int episode, int afterEpoch, long startStep, int steps, double seconds, boolean noiseDrawnAhead,
                             Map<String, Double> firingRatesHz,
                             List<Sample> samples, Map<String, float[]> weightsBefore,
                             Map<String, float[]> weightsAfter) {

    /**
     * Statistics of one weight matrix at one step of an episode.
     *
     * @param step       sleep step within the episode (0 = start; a multiple of the steps per iteration)
     * @param projection weight name, e.g. {@code w_h_out}
     * @param totalAbs   Σ|w|
     * @param mean       mean w
     */
    public record Sample(int step, String projection, double totalAbs, double mean) {
    }
}
