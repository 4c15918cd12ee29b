package io.somnus.experiment.stdp;

import io.somnus.experiment.config.ConfigException;
import io.somnus.network.Network;
import io.somnus.neuron.CurrentLifPopulation;
import io.somnus.neuron.Population;
import java.util.Arrays;

/**
 * The start of a training stream after the first ({@code simulation.stream_start}): rest, or the authors' batch start,
 * where synaptic current, threshold adaptation, spike times and the stream clock carry over and every membrane
 * starts at 0 mV (their later batches allocate the membrane record with {@code np.zeros} and start from its first
 * row: {@code src/big_comb.py:1962, 1997-2015 @40b7d33}).
 */
final class StreamStarts {
    private StreamStarts() { }

    /** Refuses a network the carried start cannot apply to: only current-LIF neurons have it. */
    static void checkCarried(Network net) {
        for (Population p : net.populations()) {
            if (p != net.input() && !(p instanceof CurrentLifPopulation)) {
                throw new ConfigException("simulation.stream_start: carried_v_zero is the authors' current-LIF batch start; "
                        + "population " + p.name() + " is " + p.getClass().getSimpleName() + " (use rest)");
            }
        }
    }

    /** The authors' batch start: every current-LIF membrane to 0 mV, all other state (and the clock) kept. */
    static void carriedWithMembraneAtZero(Network net) {
        for (Population p : net.populations()) {
            if (p instanceof CurrentLifPopulation lif) {
                Arrays.fill(lif.membrane(), 0, lif.size(), 0f);
            }
        }
    }
}
