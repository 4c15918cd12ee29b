package io.somnus.plasticity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.encoding.PoissonEncoder;
import io.somnus.encoding.SpikeTrain;
import io.somnus.network.Network;
import io.somnus.network.SpikeCounter;
import io.somnus.neuron.ConductanceLifParameters;
import io.somnus.neuron.ConductanceLifPopulation;
import io.somnus.neuron.SpikeSource;
import io.somnus.synapse.Plasticity;
import io.somnus.synapse.Projection;
import io.somnus.synapse.Receptor;
import io.somnus.synapse.SynapseList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Song, Miller &amp; Abbott (2000), Fig. 2 in small: one conductance-based LIF neuron driven by 1000 excitatory
 * Poisson inputs at 15 Hz through additive STDP (A₋ = 1.05·A₊, τ± = 20 ms, weights in [0, g_max], starting uniform) and
 * 200 static inhibitory ones, for 200 s. All-to-all pairing splits the weights into two groups, near 0 and near g_max
 * (the competition that regulates the output rate); nearest-spike pairing at the same settings drives every weight
 * to g_max and the neuron to hundreds of Hz.
 */
class CompetitiveStdpTest {
    @Test
    void allToAllPairingMakesTheWeightsBimodal() {
        double[] r = simulate(true, 1);
        assertTrue(r[0] > 0.15 && r[1] > 0.1, "weights near 0: " + r[0] + ", near g_max: " + r[1]);
        assertTrue(r[0] + r[1] > 0.4, "the middle should empty: " + (1 - r[0] - r[1]) + " of the weights there");
        assertTrue(r[2] < 80, "the output rate should stay moderate, got " + r[2] + " Hz");
    }

    @Test
    void nearestPairingRunsToTheUpperBoundInstead() {
        double[] r = simulate(false, 1);
        assertTrue(r[1] > 0.95, "weights near g_max: " + r[1]);
        assertTrue(r[2] > 150, "output rate " + r[2] + " Hz");
    }

    /** The fraction of excitatory weights below 0.1·g_max and above 0.9·g_max, and the last second's output rate (Hz). */
    static double[] simulate(boolean allToAll, long seed) {
        double dt = 0.5;
        int nExc = 1000;
        int nInh = 200;
        int seconds = 200;
        float gMax = 0.015f;
        double aPlus = 0.005; // × η = g_max: A₊ = 0.005·g_max
        double aMinus = 1.05 * aPlus;
        SplittableRandom rng = new SplittableRandom(seed);
        SpikeSource in = new SpikeSource("in", nExc + nInh);
        ConductanceLifParameters lif = new ConductanceLifParameters(20, -70, -60, -54, 0, 0, -70, 5, 5, 0, 0, 1e7, 0);
        ConductanceLifPopulation post = new ConductanceLifPopulation("post", 1, lif);
        SynapseList exc = new SynapseList(nExc);
        for (int i = 0; i < nExc; i++) {
            exc.add(i, 0);
        }
        SynapseList inh = new SynapseList(nInh);
        for (int i = nExc; i < nExc + nInh; i++) {
            inh.add(i, 0);
        }
        float[] w0 = new float[nExc];
        for (int i = 0; i < nExc; i++) {
            w0[i] = (float) (rng.nextDouble() * gMax);
        }
        float[] wi = new float[nInh];
        Arrays.fill(wi, 0.05f);
        Plasticity rule = allToAll
                ? new AllToAllStdp(gMax, aPlus, aMinus, 20, 20, 1, WeightDependence.ADDITIVE, dt)
                : new NearestPairStdp(gMax, aPlus, aMinus, 20, 20, 1, dt);
        Projection ee = new Projection("e", in, post, Receptor.EXCITATORY, exc, w0, 0f, gMax).withPlasticity(rule);
        Projection ii = new Projection("i", in, post, Receptor.INHIBITORY, inh, wi, 0f, 1f);
        Network net = new Network(dt, in, List.of(in, post), List.of(ee, ii), Map.of());
        SpikeCounter c = net.count(post);
        float[] ones = new float[nExc + nInh];
        Arrays.fill(ones, 1f);
        PoissonEncoder enc = new PoissonEncoder(15);
        SpikeTrain train = new SpikeTrain();
        int perSecond = (int) Math.round(1000 / dt);
        long lastSecond = 0;
        for (int s = 0; s < seconds; s++) {
            long before = c.total();
            enc.encode(ones, 1.0, perSecond, dt, rng, train);
            net.presentContinuing(train, true, rng);
            lastSecond = c.total() - before;
        }
        int low = 0;
        int high = 0;
        for (float x : ee.weights()) {
            low += x < 0.1f * gMax ? 1 : 0;
            high += x > 0.9f * gMax ? 1 : 0;
        }
        return new double[] {low / (double) nExc, high / (double) nExc, lastSecond};
    }
}
