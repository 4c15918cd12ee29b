package io.somnus.experiment.stdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.config.ConnectorKind;
import io.somnus.experiment.config.MembraneIntegration;
import io.somnus.experiment.config.NeuronModel;
import io.somnus.experiment.config.PlasticityRule;
import io.somnus.experiment.config.StdpRunConfig;
import io.somnus.experiment.config.WeightInit;
import io.somnus.experiment.run.StandardResolver;
import io.somnus.kernel.Kernels;
import io.somnus.network.Network;
import io.somnus.neuron.CurrentLifParameters;
import io.somnus.neuron.CurrentLifPopulation;
import io.somnus.neuron.Population;
import io.somnus.plasticity.AllToAllStdp;
import io.somnus.plasticity.NearestPairStdp;
import io.somnus.plasticity.WeightDependence;
import io.somnus.synapse.Projection;
import io.somnus.synapse.Receptor;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The network a configuration builds (populations, projections, weights, delays, rules and their signs), the delays and
 * rules refused when it is resolved, and the selectors refused when it is bound; {@link NetworkCheckTest} has the rest of
 * what the check refuses.
 */
class NetworkFactoryTest {
    private static final int INPUTS = 225; // the paper's 15 × 15 images

    private static StdpRunConfig paper() {
        return Configs.bind(new StandardResolver().resolve(Map.of("preset", "paper")), StdpRunConfig.class);
    }

    /**
     * The paper preset: input 225, E 200 and I 50 current-LIF neurons with the paper's parameters; four
     * fixed-probability projections whose synapse counts are binomial, n·p ± 5 standard deviations
     * √(n·p·(1 − p)), with n = pre·post pairs (pre·(post − 1) for E→E, which has no self-synapses); constant initial
     * weights as configured; the excitatory ones bounded below by 10⁻⁴, the inhibitory one above by −10⁻⁴;
     * nearest-pair STDP on every projection; all on the kernels given.
     */
    @Test
    void thePaperPresetBuildsTheConfiguredNetwork() {
        Kernels kernels = Kernels.scalar();
        Network net = NetworkFactory.build(paper(), INPUTS, new SplittableRandom(7), kernels);
        assertEquals(List.of("input", "e", "i"), net.populations().stream().map(Population::name).toList());
        assertEquals(INPUTS, net.input().size());
        int[] sizes = {200, 50};
        for (int k = 0; k < 2; k++) {
            CurrentLifPopulation p = assertInstanceOf(CurrentLifPopulation.class, net.populations().get(k + 1));
            assertEquals(sizes[k], p.size());
            assertEquals(CurrentLifParameters.PAPER, p.parameters());
            assertSame(kernels, p.kernels());
        }
        record Expected(String name, String pre, String post, long pairs, double p, float w, Receptor receptor,
                        float wMin, float wMax) { }
        float inf = Float.POSITIVE_INFINITY;
        List<Expected> expected = List.of(
                new Expected("input_e", "input", "e", 225L * 200, 0.10, 0.15f, Receptor.EXCITATORY, 1e-4f, inf),
                new Expected("e_e", "e", "e", 200L * 199, 0.15, 0.30f, Receptor.EXCITATORY, 1e-4f, inf),
                new Expected("e_i", "e", "i", 200L * 50, 0.20, 0.40f, Receptor.EXCITATORY, 1e-4f, inf),
                new Expected("i_e", "i", "e", 50L * 200, 0.25, -0.50f, Receptor.INHIBITORY, -inf, -1e-4f));
        assertEquals(expected.stream().map(Expected::name).toList(),
                net.projections().stream().map(Projection::name).toList());
        for (Expected x : expected) {
            Projection pr = net.projection(x.name());
            assertEquals(x.pre(), pr.pre().name(), x.name());
            assertEquals(x.post(), pr.post().name(), x.name());
            assertEquals(x.receptor(), pr.receptor(), x.name());
            double mean = x.pairs() * x.p();
            double sd = Math.sqrt(x.pairs() * x.p() * (1 - x.p()));
            assertTrue(Math.abs(pr.synapseCount() - mean) < 5 * sd,
                    x.name() + ": " + pr.synapseCount() + " synapses, expected " + mean + " ± " + 5 * sd);
            for (float w : pr.weights()) {
                assertEquals(x.w(), w, 0f, x.name());
            }
            assertEquals(x.wMin(), pr.wMin(), 0f, x.name());
            assertEquals(x.wMax(), pr.wMax(), 0f, x.name());
            assertInstanceOf(NearestPairStdp.class, pr.plasticity(), x.name());
            assertSame(kernels, pr.kernels(), x.name());
        }
        Projection ee = net.projection("e_e");
        for (int s = 0; s < ee.synapseCount(); s++) {
            assertTrue(ee.preIndex()[s] != ee.postIndex()[s], "no self-synapse in e_e");
        }
    }

    /** The connectivity stream decides the synapses: the same stream, the same network, on any kernels. */
    @Test
    void theSameStreamGivesTheSameSynapsesOnAnyKernels() {
        Network a = NetworkFactory.build(paper(), INPUTS, new SplittableRandom(7), Kernels.scalar());
        Network b = NetworkFactory.build(paper(), INPUTS, new SplittableRandom(7), Kernels.preferred());
        Network c = NetworkFactory.build(paper(), INPUTS, new SplittableRandom(8), Kernels.scalar());
        assertArrayEquals(a.projection("e_e").postIndex(), b.projection("e_e").postIndex());
        assertArrayEquals(a.projection("e_e").rowStart(), b.projection("e_e").rowStart());
        assertTrue(a.projection("e_e").synapseCount() != c.projection("e_e").synapseCount()
                || !Arrays.equals(a.projection("e_e").postIndex(), c.projection("e_e").postIndex()));
    }

    /**
     * diehl-cook's input projection: all to all, uniform initial weights in [0.003, 0.3) (mean 0.1515, standard
     * deviation 0.297/√12 = 0.0857 per weight), then normalised so that each E neuron's incoming weights sum to 78.
     */
    @Test
    void uniformWeightsAreDrawnInTheirRangeAndNormalised() {
        StdpRunConfig dc = Configs.bind(new StandardResolver().resolve(Map.of("preset", "diehl-cook",
                "populations.e.size", 20)), StdpRunConfig.class);
        Network net = NetworkFactory.build(dc, 784, new SplittableRandom(3), Kernels.scalar());
        Projection in = net.projection("input_e");
        assertEquals(784 * 20, in.synapseCount());
        assertTrue(in.isDense());
        float[] dense = in.toDense();
        for (int j = 0; j < 20; j++) {
            double sum = 0;
            for (int i = 0; i < 784; i++) {
                sum += dense[i * 20 + j];
            }
            assertEquals(78.0, sum, 1e-3, "column " + j);
        }
        // before normalisation each column summed to 784·0.1515 = 118.8 ± 5·√784·0.0857 = 12.0, so the scale is
        // 78/118.8 = 0.657 within a few per cent: weights lie in [0.003, 0.3)·[0.6, 0.72]
        for (float w : in.weights()) {
            assertTrue(w >= 0.003f * 0.6f && w < 0.3f * 0.72f, "weight " + w);
        }
    }

    /**
     * {@code delay_ms} in whole steps of dt (1 ms in the paper preset) becomes the projection's delay line; absent, one
     * step, as null is (a sweep's grid may list it beside delays); a delay that is not a whole number of steps, or is
     * under one, is refused naming the field and the step.
     */
    @Test
    void aDelayInWholeStepsBecomesTheProjectionsDelay() {
        Network net = NetworkFactory.build(PresetConfigs.of("paper", "projections.e_e.delay_ms", 3.0), INPUTS,
                new SplittableRandom(7), Kernels.scalar());
        assertEquals(3, net.projection("e_e").delaySteps());
        assertEquals(1, net.projection("e_i").delaySteps());
        Network unset = NetworkFactory.build(PresetConfigs.of("paper", "projections.e_e.delay_ms", null), INPUTS,
                new SplittableRandom(7), Kernels.scalar());
        assertEquals(1, unset.projection("e_e").delaySteps());
        // refused when the configuration is resolved, before anything runs
        for (Object[] bad : new Object[][] {{"projections.e_e.delay_ms", 2.5, "2.5 steps of simulation.dt_ms = 1 ms",
                "2 or 3 ms"}, {"projections.e_i.delay_ms", 0.4, "0.4 steps", "1 or 2 ms"},
                {"projections.e_e.delay_ms", 100.0, "100 steps, at least as long as a presentation (simulation.steps_per_image = "
                        + "100)"}}) {
            ConfigException e = assertThrows(ConfigException.class, () -> PresetConfigs.of("paper", bad[0], bad[1]));
            for (int k = 2; k < bad.length; k++) {
                assertTrue(e.getMessage().startsWith(bad[0] + ": ") && e.getMessage().contains((String) bad[k]),
                        e.getMessage());
            }
        }
        // the whole numbers named are those a presentation of 100 steps allows
        ConfigException half = assertThrows(ConfigException.class,
                () -> PresetConfigs.of("paper", "projections.e_e.delay_ms", 0.5));
        assertTrue(half.getMessage().contains("a whole number of steps from 1 to 99 (e.g. 1 or 2 ms)"),
                half.getMessage());
        ConfigException zero = assertThrows(ConfigException.class,
                () -> PresetConfigs.of("paper", "projections.e_e.delay_ms", 0.0));
        assertTrue(zero.getMessage().contains("projections.e_e.delay_ms"), zero.getMessage());
    }

    /**
     * {@code delay_max_ms} gives each synapse a delay of its own, uniform over the whole steps from {@code delay_ms} to
     * it (Diehl &amp; Cook's input delays: 0.5–10 ms at dt = 0.5 ms, 1–20 steps), drawn after every weight, so that the
     * weights are those of the same seed without delays; a longest delay under the shortest, or a rule that reads one
     * arrival per pre neuron, is refused naming the field.
     */
    @Test
    void delayMaxMsDrawsADelayPerSynapse() {
        StdpRunConfig dc = PresetConfigs.of("diehl-cook", "projections.input_e.delay_ms", 0.5,
                "projections.input_e.delay_max_ms", 10.0);
        Network net = NetworkFactory.build(dc, 784, new SplittableRandom(3), Kernels.scalar());
        Network plain = NetworkFactory.build(PresetConfigs.of("diehl-cook"), 784, new SplittableRandom(3), Kernels.scalar());
        Projection input = net.projection("input_e");
        int[] delays = input.synapseDelays().stepsPerSynapse();
        int[] count = new int[21];
        for (int d : delays) {
            assertTrue(d >= 1 && d <= 20, "delay " + d);
            count[d]++;
        }
        // 78 400 synapses over 20 values: 3 920 each, sd ≈ 61
        for (int d = 1; d <= 20; d++) {
            assertTrue(Math.abs(count[d] - 3920) < 300, "delay " + d + " steps: " + count[d] + " synapses");
        }
        assertEquals(20, input.delaySteps());
        assertArrayEquals(plain.projection("input_e").weights(), input.weights());
        assertNull(net.projection("e_i").synapseDelays());
        // refused when the configuration is resolved, before anything runs
        for (Object[] bad : new Object[][] {
                {"diehl-cook", "projections.input_e.delay_ms", 2.0, "projections.input_e.delay_max_ms", 1.0, "shorter than"},
                {"paper", "projections.e_e.plasticity.rule", "all_to_all", "projections.e_e.delay_max_ms", 3.0,
                        "rule all_to_all"},
                {"diehl-cook", "train.epochs", 1, "projections.input_e.delay_max_ms", 10.25, "20.5 steps"},
                {"paper", "simulation.steps_per_image", 40000, "projections.input_e.delay_max_ms", 35000.0,
                        "35000 steps; a delay per synapse is at most 32767 steps"}}) {
            ConfigException e = assertThrows(ConfigException.class, () -> PresetConfigs.of((String) bad[0], bad[1],
                    bad[2], bad[3], bad[4]));
            assertTrue(e.getMessage().startsWith(bad[3] + ": ") && e.getMessage().contains((String) bad[5]),
                    e.getMessage());
        }
    }

    /**
     * {@code rule: all_to_all} takes the pair rules' fields, so switching the rule alone keeps them, and a weight
     * dependence (absent: additive); a multiplicative one on a projection without an upper bound is refused when the
     * network is built, naming the projection and the bounds.
     */
    @Test
    void theAllToAllRuleTakesThePairRulesFields() {
        Network net = NetworkFactory.build(PresetConfigs.of("paper", "projections.e_e.plasticity.rule", "all_to_all"),
                INPUTS, new SplittableRandom(7), Kernels.scalar());
        AllToAllStdp rule = assertInstanceOf(AllToAllStdp.class, net.projection("e_e").plasticity());
        assertEquals(WeightDependence.ADDITIVE, rule.weightDependence());
        assertEquals(1.0, rule.dtMs());
        assertInstanceOf(NearestPairStdp.class, net.projection("input_e").plasticity());
        Network bounded = NetworkFactory.build(PresetConfigs.of("paper", "projections.e_e.plasticity.rule", "all_to_all",
                "projections.e_e.plasticity.weight_dependence", "multiplicative", "projections.e_e.w_max", 1.0),
                INPUTS, new SplittableRandom(7), Kernels.scalar());
        assertEquals(WeightDependence.MULTIPLICATIVE,
                ((AllToAllStdp) bounded.projection("e_e").plasticity()).weightDependence());
        // refused when the configuration is resolved, naming the fields to set, not when the network is built
        ConfigException open = assertThrows(ConfigException.class, () -> PresetConfigs.of("paper",
                "projections.e_e.plasticity.rule", "all_to_all", "projections.e_e.plasticity.weight_dependence",
                "multiplicative"));
        assertTrue(open.getMessage().startsWith("projections.e_e.plasticity.weight_dependence: ")
                && open.getMessage().contains("set projections.e_e.w_min and projections.e_e.w_max"), open.getMessage());
        // so is a value the rule itself refuses, under the projection's plasticity
        ConfigException longTau = assertThrows(ConfigException.class, () -> PresetConfigs.of("paper",
                "projections.e_e.plasticity.rule", "all_to_all", "projections.e_e.plasticity.tau_plus_ms", 1e7));
        assertTrue(longTau.getMessage().startsWith("projections.e_e.plasticity: all-to-all STDP: τ 1e7 ms"),
                longTau.getMessage());
        ConfigException other = assertThrows(ConfigException.class, () -> PresetConfigs.of("paper",
                "projections.e_e.plasticity.weight_dependence", "multiplicative"));
        assertTrue(other.getMessage().contains("weight_dependence belongs to rule all_to_all; to change a projection's "
                + "rule give its whole section"), other.getMessage());
        // the whole section, without sign (absent: auto, as null)
        Network section = NetworkFactory.build(PresetConfigs.of("paper", "projections.e_e.plasticity", Map.of("rule",
                "all_to_all", "eta", 5e-4, "a_plus", 1.0, "a_minus", 1.05, "tau_plus_ms", 20.0, "tau_minus_ms", 20.0)),
                INPUTS, new SplittableRandom(7), Kernels.scalar());
        assertInstanceOf(AllToAllStdp.class, section.projection("e_e").plasticity());
    }

    /**
     * The sign {@code auto}: −1 for the paper's inhibitory projection of negative weights (their magnitude grows under
     * causal pairing), +1 for its excitatory ones, and +1 for an inhibitory projection of conductances, whose weights
     * are positive (−1 there would weaken inhibition under causal pairing).
     */
    @Test
    void theAutoSignFollowsTheWeightsSign() {
        Network paper = NetworkFactory.build(PresetConfigs.of("paper"), INPUTS, new SplittableRandom(7), Kernels.scalar());
        assertEquals(-1, ((NearestPairStdp) paper.projection("i_e").plasticity()).sign());
        assertEquals(1, ((NearestPairStdp) paper.projection("e_e").plasticity()).sign());
        Network conductances = NetworkFactory.build(PresetConfigs.of("diehl-cook", "populations.e.size", 10,
                "projections.i_e.plasticity", Map.of("rule", "nearest_pair", "eta", 1e-3, "a_plus", 1.0, "a_minus", 1.0,
                        "tau_plus_ms", 20.0, "tau_minus_ms", 20.0)), 784, new SplittableRandom(7), Kernels.scalar());
        assertEquals(1, ((NearestPairStdp) conductances.projection("i_e").plasticity()).sign());
    }

    /**
     * The selectors are enums now, so a wrong one never reaches the factory: binding refuses it, naming the field
     * and the spellings allowed (each checked against the enum's constants, not copied from the message).
     */
    @Test
    void badSelectorsAreRefusedAtBindingNamingTheFieldAndTheChoices() {
        assertBindRefuses("projections.e_i.connector", "ring", ConnectorKind.class);
        assertBindRefuses("projections.e_e.receptor", "modulatory", Receptor.class);
        assertBindRefuses("projections.e_e.init", "normal", WeightInit.class);
        assertBindRefuses("projections.input_e.plasticity.rule", "bcm", PlasticityRule.class);
        assertBindRefuses("populations.e.model", "izhikevich", NeuronModel.class);
        assertBindRefuses("simulation.integration", "rk4", MembraneIntegration.class);
    }

    private static void assertBindRefuses(String key, String value, Class<? extends Enum<?>> type) {
        ObjectNode tree = Configs.loadPreset("paper");
        Configs.override(tree, key, value);
        ConfigException e = assertThrows(ConfigException.class, () -> Configs.bind(tree), key);
        assertTrue(e.getMessage().startsWith(key + " = '" + value + "': not allowed"), e.getMessage());
        for (Enum<?> c : type.getEnumConstants()) {
            String spelled = c.name().toLowerCase(Locale.ROOT);
            assertTrue(e.getMessage().contains(spelled), spelled + " not in: " + e.getMessage());
        }
    }
}
