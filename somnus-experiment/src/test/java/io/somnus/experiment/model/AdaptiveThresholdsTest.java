package io.somnus.experiment.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.network.Network;
import io.somnus.neuron.ConductanceLifParameters;
import io.somnus.neuron.ConductanceLifPopulation;
import io.somnus.neuron.CurrentLifParameters;
import io.somnus.neuron.CurrentLifPopulation;
import io.somnus.neuron.Population;
import io.somnus.neuron.SpikeSource;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** summary.json's theta_mv and metrics.csv's theta_* columns, against numbers worked out by hand. */
class AdaptiveThresholdsTest {
    /**
     * θ = 2, 4, 4, 4, 5, 5, 7, 9 mV: mean 40/8 = 5; squared deviations 9+1+1+1+0+0+4+16 = 32, over the 8 neurons 4, std
     * 2 (the population's, as the weights'); min 2, max 9. The inhibitory population (θ₊ = θ₀ = 0) has no adaptive
     * threshold and no entry, nor has the current-based one; an inhibitory one given θ₊ has, θ₀ = 0 throughout.
     */
    @Test
    void eachPopulationWithThetaGivesItsMeanStdMinAndMaxInNetworkOrder() {
        SpikeSource in = new SpikeSource("input", 1);
        ConductanceLifPopulation e = new ConductanceLifPopulation("e", 8, ConductanceLifParameters.DIEHL_COOK_EXCITATORY);
        ConductanceLifPopulation i = new ConductanceLifPopulation("i", 3, ConductanceLifParameters.DIEHL_COOK_INHIBITORY);
        CurrentLifPopulation c = new CurrentLifPopulation("c", 2, CurrentLifParameters.PAPER);
        ConductanceLifPopulation a = new ConductanceLifPopulation("a", 2,
                ConductanceLifParameters.DIEHL_COOK_INHIBITORY.toBuilder().thetaPlusMv(0.05).build());
        System.arraycopy(new double[] {4, 2, 9, 4, 5, 4, 7, 5}, 0, e.theta(), 0, 8);
        Network net = new Network(0.5, in, List.<Population>of(in, e, c, i, a), List.of(), Map.of());

        Map<String, Map<String, Double>> theta = AdaptiveThresholds.of(net);
        assertEquals(List.of("e", "a"), List.copyOf(theta.keySet()));
        assertEquals(List.of("mean", "std", "min", "max"), List.copyOf(theta.get("e").keySet()));
        assertEquals(5.0, theta.get("e").get("mean"), 1e-12);
        assertEquals(2.0, theta.get("e").get("std"), 1e-12);
        assertEquals(2.0, theta.get("e").get("min"));
        assertEquals(9.0, theta.get("e").get("max"));
        assertEquals(Map.of("mean", 0.0, "std", 0.0, "min", 0.0, "max", 0.0), theta.get("a"));

        Map<String, Double> row = new LinkedHashMap<>();
        AdaptiveThresholds.columns(net, row);
        assertEquals(List.of("theta_e_mean_mv", "theta_e_std_mv", "theta_e_min_mv", "theta_e_max_mv",
                "theta_a_mean_mv", "theta_a_std_mv", "theta_a_min_mv", "theta_a_max_mv"), List.copyOf(row.keySet()));
        assertEquals(5.0, row.get("theta_e_mean_mv"), 1e-12);
        assertEquals(9.0, row.get("theta_e_max_mv"));
    }

    private static byte[] state(Population p) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        p.writeState(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    @Test
    void readingThetaLeavesTheNetworkAsItWas() throws Exception {
        // after an update the population holds threshold floors valid for 255 more and is known at rest; handing out
        // the live θ forgets both (the caller may write), which a report, a mere reader, must not do
        SpikeSource in = new SpikeSource("input", 1);
        ConductanceLifPopulation e = new ConductanceLifPopulation("e", 8, ConductanceLifParameters.DIEHL_COOK_EXCITATORY);
        Network net = new Network(0.5, in, List.<Population>of(in, e), List.of(), Map.of());
        e.integrate(0, 0.5, 0.0, null);
        e.integrate(1, 0.5, 0.0, null);
        byte[] before = state(e);
        AdaptiveThresholds.of(net);
        AdaptiveThresholds.columns(net, new LinkedHashMap<>());
        Assertions.assertArrayEquals(before, state(e), "the snapshot of e after reading θ");
    }

    @Test
    void aNetworkWithoutThetaGivesNothing() {
        SpikeSource in = new SpikeSource("input", 1);
        CurrentLifPopulation e = new CurrentLifPopulation("e", 4, CurrentLifParameters.PAPER);
        Network net = new Network(1.0, in, List.<Population>of(in, e), List.of(), Map.of());
        assertTrue(AdaptiveThresholds.of(net).isEmpty());
        Map<String, Double> row = new LinkedHashMap<>();
        AdaptiveThresholds.columns(net, row);
        assertTrue(row.isEmpty(), row.toString());
    }
}
