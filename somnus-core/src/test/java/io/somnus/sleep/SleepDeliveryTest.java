package io.somnus.sleep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.somnus.network.Network;
import io.somnus.neuron.CurrentLifParameters;
import io.somnus.neuron.CurrentLifPopulation;
import io.somnus.neuron.Population;
import io.somnus.neuron.SpikeSource;
import io.somnus.synapse.Projection;
import io.somnus.synapse.Receptor;
import io.somnus.synapse.SynapseList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link SleepSettings#deliverAfterDecay()}: the authors' loop delivers a sleep step's spikes at its next update, after
 * that step's decay ({@code src/train.py:611-632, 654-666 @40b7d33}). By hand: neuron a starts the episode at 0 mV,
 * above θ = −55 mV, so it fires at the episode's one step; its synapse onto b (w 0.5, the only decaying one) is pulled
 * once toward 0.2 by the log-space law, |w| ← 0.2·(|w|/0.2)^λ with λ = 0.5: 0.2·√2.5 = 0.31623.
 */
class SleepDeliveryTest {
    private static float waitingAtB(boolean afterDecay, float[] weightAfter) {
        SpikeSource in = new SpikeSource("input", 1);
        CurrentLifPopulation a = new CurrentLifPopulation("a", 1, CurrentLifParameters.PAPER);
        CurrentLifPopulation b = new CurrentLifPopulation("b", 1, CurrentLifParameters.PAPER);
        SynapseList syn = new SynapseList(1);
        syn.add(0, 0);
        Projection ab = new Projection("a_b", a, b, Receptor.EXCITATORY, syn, new float[] {0.5f}, 0f, 1f);
        Network net = new Network(1.0, in, List.<Population>of(in, a, b), List.of(ab), Map.of());
        a.membrane()[0] = 0f;
        SleepPhase phase = new SleepPhase(SleepSettings.builder(new LogSpaceDecay(0.5, 0), DecayTarget.CONSTANT, 0.2)
                .plasticity(false).projections(List.of("a_b")).keepState(true).deliverAfterDecay(afterDecay).build());
        SleepPhase.Episode e = phase.run(net, 1, Map.of(), new SplittableRandom(2), List.of(), SleepPhase.Observer.NONE);
        assertEquals(1, e.steps());
        assertEquals(0, a.lastSpikeStep()[0], "a fired at the episode's step");
        weightAfter[0] = ab.weights()[0];
        return b.excitatoryInput()[0];
    }

    @Test
    void theStepsSpikesArriveWithTheDecayedWeight() {
        float[] w = new float[1];
        float waiting = waitingAtB(true, w);
        assertEquals(0.2 * Math.sqrt(2.5), w[0], 1e-6);
        assertEquals(0.2 * Math.sqrt(2.5), waiting, 1e-6);
    }

    /**
     * Delivered once, after the decay: while the step's decay runs nothing is waiting at b (a law that looks), and b
     * then holds the one delivery with the decayed weight (0.5 · 0.5 by this law), counted as one synaptic event.
     * Until 6 Dec 2026 the step delivered 0.5 before the decay and the input was rebuilt after it.
     */
    @Test
    void theyAreDeliveredOnceAfterTheDecay() {
        SpikeSource in = new SpikeSource("input", 1);
        CurrentLifPopulation a = new CurrentLifPopulation("a", 1, CurrentLifParameters.PAPER);
        CurrentLifPopulation b = new CurrentLifPopulation("b", 1, CurrentLifParameters.PAPER);
        SynapseList syn = new SynapseList(1);
        syn.add(0, 0);
        Projection ab = new Projection("a_b", a, b, Receptor.EXCITATORY, syn, new float[] {0.5f}, 0f, 1f);
        Network net = new Network(1.0, in, List.<Population>of(in, a, b), List.of(ab), Map.of());
        a.membrane()[0] = 0f;
        float[] waitingDuringDecay = {Float.NaN};
        WeightDecayLaw halves = (w, target, dt, rng) -> {
            waitingDuringDecay[0] = b.excitatoryInput()[0];
            return w * 0.5f;
        };
        SleepPhase phase = new SleepPhase(SleepSettings.builder(halves, DecayTarget.CONSTANT, 0.2)
                .plasticity(false).projections(List.of("a_b")).keepState(true).deliverAfterDecay(true).build());
        phase.run(net, 1, Map.of(), new SplittableRandom(2), List.of(), SleepPhase.Observer.NONE);
        assertEquals(0f, waitingDuringDecay[0], "nothing delivered before the decay");
        assertEquals(0.25f, b.excitatoryInput()[0]);
        assertEquals(1, ab.synapticEvents(), "one spike, one synapse, one delivery");
    }

    @Test
    void beforeDecayTheyArriveWithTheWeightTheStepStartedWith() {
        float[] w = new float[1];
        assertEquals(0.5f, waitingAtB(false, w));
        assertEquals(0.2 * Math.sqrt(2.5), w[0], 1e-6, "decayed all the same");
    }
}
