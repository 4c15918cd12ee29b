package io.somnus.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.encoding.SpikeTrain;
import io.somnus.kernel.Kernels;
import io.somnus.neuron.ConductanceLifParameters;
import io.somnus.neuron.ConductanceLifPopulation;
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

/** Recording a state variable: the values of a hand-worked case, and a recording that changes nothing it records. */
class StateMonitorTest {
    private static final Kernels KERNELS = Kernels.scalar();

    /**
     * NetworkTest's worked case: τ_m = τ_syn = 10 ms, R = 10, dt = 1 ms, one input spike of weight 0.3 at step 0.
     * After step 0 V = −70 (the input acts from step 1); after step 1 V = −67 − 3·e^−0.1 = −69.714512, I = 0.3·e^−0.1;
     * after step 2 V = −69.483360.
     */
    @Test
    void theMembraneAfterEachStepIsTheHandWorkedOne() {
        SpikeSource in = new SpikeSource("input", 1);
        CurrentLifPopulation e = new CurrentLifPopulation("e", 2, NetworkTest.SIMPLE, KERNELS);
        SynapseList syn = new SynapseList(1);
        syn.add(0, 1);
        Projection p = new Projection("in_e", in, e, Receptor.EXCITATORY, syn, new float[] {0.3f}, 0f, 1f, KERNELS);
        Network net = new Network(1.0, in, List.<Population>of(in, e), List.of(p), Map.of());
        StateMonitor v = net.state(e, "v", 1);
        StateMonitor i = net.state(e, "i");
        net.present(NetworkTest.atStepZero(3, 0), false, new SplittableRandom(1));
        assertEquals(3, v.stepsRecorded());
        double[] trace = v.trace(0);
        assertEquals(-70, trace[0], 0);
        assertEquals(-69.714512, trace[1], 1e-4);
        assertEquals(-69.483360, trace[2], 1e-4);
        assertArrayEquals(new int[] {0, 1}, i.neurons(), "every neuron when none are named");
        assertEquals(0.3 * Math.exp(-0.1), i.trace(1)[1], 1e-6);
        assertEquals(0, net.state(e, "v", 0).trace(0).length, "a monitor attached now has recorded nothing yet");
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> net.state(e, "ge"));
        assertTrue(ex.getMessage().contains("population e has no state variable 'ge'; it has [v, i, adaptation]"),
                ex.getMessage());
        ex = assertThrows(IllegalArgumentException.class, () -> net.state(e, "v", 2));
        assertTrue(ex.getMessage().contains("population e has neurons 0..1, not 2"), ex.getMessage());
        ex = assertThrows(IllegalArgumentException.class, () -> net.state(in, "v"));
        assertTrue(ex.getMessage().contains("population input has no state variable 'v' (it has none)"), ex.getMessage());
    }

    /** A monitor only reads: the spikes, V and θ of a recorded network are an unrecorded one's, bit for bit. */
    @Test
    void recordingChangesNothingItRecords() {
        double[][] unrecorded = run(false);
        double[][] recorded = run(true);
        assertArrayEquals(unrecorded[0], recorded[0], "V");
        assertArrayEquals(unrecorded[1], recorded[1], "θ");
        assertArrayEquals(unrecorded[2], recorded[2], "spikes");
        assertEquals(recorded[0][0], recorded[3][recorded[3].length - 1], 0, "the trace ends at the final V");
    }

    private static double[][] run(boolean record) {
        SpikeSource in = new SpikeSource("input", 20);
        ConductanceLifPopulation e = new ConductanceLifPopulation("e", 3, ConductanceLifParameters.DIEHL_COOK_EXCITATORY,
                KERNELS);
        SynapseList syn = Connector.allToAll().connect(20, 3, false, new SplittableRandom(1));
        float[] w = new float[syn.size()];
        Arrays.fill(w, 0.8f);
        Projection p = new Projection("in_e", in, e, Receptor.EXCITATORY, syn, w, 0f, 1f, KERNELS);
        Network net = new Network(0.5, in, List.<Population>of(in, e), List.of(p), Map.of());
        SpikeCounter spikes = net.count(e);
        StateMonitor v = record ? net.state(e, "v", 0) : null;
        SplittableRandom rng = new SplittableRandom(3);
        for (int image = 0; image < 4; image++) {
            SpikeTrain t = new SpikeTrain();
            t.reset(200);
            for (int step = 0; step < 60; step += 3) {
                t.add(step, (step + image) % 20);
            }
            t.finish();
            net.present(t, false, rng);
        }
        double[] vNow = new double[3];
        double[] theta = new double[3];
        for (int k = 0; k < 3; k++) {
            vNow[k] = e.stateReader("v").applyAsDouble(k);
            theta[k] = e.stateReader("theta").applyAsDouble(k);
        }
        double[] counts = Arrays.stream(spikes.counts()).asDoubleStream().toArray();
        return new double[][] {vNow, theta, counts, record ? v.trace(0) : new double[0]};
    }
}
