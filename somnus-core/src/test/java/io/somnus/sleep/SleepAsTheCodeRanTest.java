package io.somnus.sleep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.network.Network;
import io.somnus.neuron.CurrentLifParameters;
import io.somnus.neuron.CurrentLifPopulation;
import io.somnus.neuron.Population;
import io.somnus.neuron.SpikeSource;
import io.somnus.synapse.Connector;
import io.somnus.synapse.Projection;
import io.somnus.synapse.Receptor;
import io.somnus.synapse.SynapseList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The authors' episode (docs/fidelity.md §1.5): ended before a step once the excitatory group's Σ|w| and the
 * inhibitory group's are each within the tolerance of their set points, and the network state carried through.
 */
class SleepAsTheCodeRanTest {
    private static final double LAMBDA = 0.99;
    private static final double TARGET = 0.2;

    /** input (10) → E (5) and E → E at two initial weights, I (3) → E inhibitory; nothing spikes (no noise). */
    private static final class Net {
        final SpikeSource input = new SpikeSource("input", 10);
        final CurrentLifPopulation e = new CurrentLifPopulation("e", 5, CurrentLifParameters.PAPER);
        final CurrentLifPopulation i = new CurrentLifPopulation("i", 3, CurrentLifParameters.PAPER);
        final Projection inE = projection("input_e", input, e, Receptor.EXCITATORY, 0.5f);
        final Projection eE = projection("e_e", e, e, Receptor.EXCITATORY, 0.4f);
        final Projection iE = projection("i_e", i, e, Receptor.INHIBITORY, -0.5f);
        final Network net = new Network(1.0, input, List.of(input, e, i), List.of(inE, eE, iE), Map.of());

        private static Projection projection(String name, Population pre,
                                             Population post, Receptor r, float w0) {
            SynapseList syn = Connector.allToAll().connect(pre.size(), post.size(), false, new SplittableRandom(1));
            float[] w = new float[syn.size()];
            Arrays.fill(w, w0);
            return new Projection(name, pre, post, r, syn, w, w0 > 0 ? 0f : -1f, w0 > 0 ? 1f : 0f);
        }
    }

    private static double pulled(double w0, int k) {
        return TARGET * Math.pow(Math.abs(w0) / TARGET, Math.pow(LAMBDA, k));
    }

    private static SleepSettings settings(double tol, boolean keep) {
        return new SleepSettings(0, 0, false, new LogSpaceDecay(LAMBDA, 0), DecayTarget.CONSTANT, TARGET,
                List.of("input_e", "e_e", "i_e"), 1, tol, 1000, SleepSettings.EarlyEnd.RECEPTOR_GROUPS, keep);
    }

    @Test
    void endsWhenBothGroupSumsAreBackAtTheirSetPoints() {
        Net n = new Net();
        int k = 60;
        // set points: each group's closed-form sum after k steps, split unevenly over the projections (only the
        // group totals may matter)
        double exc = 50 * pulled(0.5, k) + 25 * pulled(0.4, k);
        double inh = 15 * pulled(0.5, k);
        Map<Projection, Double> setPoints = Map.of(n.inE, exc * 0.9, n.eE, exc * 0.1, n.iE, inh);
        SleepPhase.Episode ep = new SleepPhase(settings(1e-3, false)).run(n.net, 10_000, setPoints,
                new SplittableRandom(3), List.of(), SleepPhase.Observer.NONE);
        assertTrue(ep.endedEarly());
        assertEquals(k, ep.steps(), 1, "the first k at which both sums are within 0.1 %");
        assertEquals(pulled(0.5, (int) ep.steps()), n.inE.weights()[0], 1e-5);
    }

    @Test
    void anEpisodeAlreadyAtItsSetPointsSleepsNoStep() {
        Net n = new Net();
        Map<Projection, Double> setPoints = Map.of(n.inE, n.inE.totalAbsWeight(), n.eE, n.eE.totalAbsWeight(),
                n.iE, n.iE.totalAbsWeight());
        SleepPhase.Episode ep = new SleepPhase(settings(1e-3, false)).run(n.net, 10_000, setPoints,
                new SplittableRandom(3), List.of(), SleepPhase.Observer.NONE);
        assertEquals(0, ep.steps());
        assertTrue(ep.endedEarly());
        assertEquals(0.5f, n.inE.weights()[0]);
    }

    @Test
    void withoutToleranceTheEpisodeRunsToItsCap() {
        Net n = new Net();
        SleepPhase.Episode ep = new SleepPhase(settings(0, false)).run(n.net, 300, Map.of(),
                new SplittableRandom(3), List.of(), SleepPhase.Observer.NONE);
        assertEquals(300, ep.steps());
        assertFalse(ep.endedEarly());
    }

    @Test
    void keptStateRunsOnFromWhereWakeLeftIt() {
        CurrentLifParameters p = CurrentLifParameters.PAPER;
        for (boolean keep : new boolean[] {true, false}) {
            Net n = new Net();
            n.e.membrane()[0] = -60f;
            new SleepPhase(settings(0, keep)).run(n.net, 5, Map.of(), new SplittableRandom(3), List.of(),
                    SleepPhase.Observer.NONE);
            double expected = keep ? p.vRestMv() + 10 * Math.exp(-5 / p.tauMembraneMs()) : p.vRestMv();
            assertEquals(expected, n.e.membrane()[0], 1e-4, "keep state " + keep);
        }
    }
}
