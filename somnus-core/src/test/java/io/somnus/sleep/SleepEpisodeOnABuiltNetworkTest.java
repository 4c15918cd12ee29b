package io.somnus.sleep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.network.Network;
import io.somnus.neuron.CurrentLifParameters;
import io.somnus.neuron.CurrentLifPopulation;
import io.somnus.neuron.SpikeSource;
import io.somnus.plasticity.NearestPairStdp;
import io.somnus.synapse.Projection;
import io.somnus.synapse.Receptor;
import io.somnus.synapse.SynapseList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link SleepPhase#run(Network, long, java.util.random.RandomGenerator)}: an episode on a network built by hand. */
class SleepEpisodeOnABuiltNetworkTest {
    private static final double DT_MS = 1.0;
    private static final double LAMBDA = 0.995;
    private static final double TARGET = 0.2;

    /** 6 inputs onto 3 LIF neurons, all to all, nearest-pair STDP, weights 0.05 … 0.95 (below and above the target). */
    private record Built(Network net, Projection plastic) { }

    private static Built build() {
        SpikeSource input = new SpikeSource("input", 6);
        CurrentLifPopulation e = new CurrentLifPopulation("e", 3, CurrentLifParameters.PAPER);
        float[] w = new float[input.size() * e.size()];
        for (int s = 0; s < w.length; s++) {
            w[s] = 0.05f + 0.9f * s / (w.length - 1);
        }
        Projection p = Projection.named("input_e").from(input).to(e).receptor(Receptor.EXCITATORY)
                .synapses(SynapseList.allToAll(input.size(), e.size())).weights(w).bounds(0f, 1f).build()
                .withPlasticity(NearestPairStdp.builder(DT_MS).build());
        return new Built(new Network(DT_MS, input, List.of(input, e), List.of(p), Map.of()), p);
    }

    /**
     * Noise off, input silent: nothing spikes, so plasticity has nothing to do and each weight follows the log-space
     * pull alone, |w_n| = w_tgt·(|w_0|/w_tgt)^(λⁿ) in closed form; the episode runs its n steps, not ending early.
     */
    @Test
    void eachWeightEndsWhereTheClosedFormOfTheLogSpacePullPutsIt() {
        Built b = build();
        Projection p = b.plastic();
        float[] w0 = p.weights().clone();
        int n = 300;
        SleepPhase sleep = new SleepPhase(SleepSettings.builder(new LogSpaceDecay(LAMBDA, 0), DecayTarget.CONSTANT,
                TARGET).build());
        SleepPhase.Episode episode = sleep.run(b.net(), n, new SplittableRandom(1));
        assertEquals(n, episode.steps());
        assertFalse(episode.endedEarly());
        assertTrue(episode.spikesByPopulation().isEmpty(), "no counters asked for");
        double totalExpected = 0;
        for (int s = 0; s < w0.length; s++) {
            double expected = TARGET * Math.pow(w0[s] / TARGET, Math.pow(LAMBDA, n));
            totalExpected += expected;
            assertEquals(expected, p.weights()[s], 2e-6 * expected, "synapse " + s + " from " + w0[s]);
        }
        assertEquals(totalExpected, p.totalAbsWeight(), 1e-5 * totalExpected, "Σ|w| after the episode");
    }

    /** An early end needs the set points this call does not take: refused, naming the setting and the projection. */
    @Test
    void settingsWithAnEarlyEndAreRefusedByName() {
        Network net = build().net();
        SleepPhase sleep = new SleepPhase(SleepSettings.builder(new LogSpaceDecay(LAMBDA, 0), DecayTarget.CONSTANT,
                TARGET).earlyEndTolerance(0.001).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sleep.run(net, 10, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("sleep.early_end_tolerance") && e.getMessage().contains("input_e"),
                e.getMessage());
    }
}
