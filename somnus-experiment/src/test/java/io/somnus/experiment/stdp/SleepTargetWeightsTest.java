package io.somnus.experiment.stdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.StdpRunConfig;
import io.somnus.experiment.run.StandardResolver;
import io.somnus.kernel.Kernels;
import io.somnus.network.Network;
import io.somnus.synapse.Projection;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@code train.initial_weights: sleep_target}: the control network with the weight scale sleep restores. */
class SleepTargetWeightsTest {
    private static final int INPUTS = 225;

    private static StdpRunConfig paper(Object... settings) {
        return PresetConfigs.of("paper", settings);
    }

    private static Network build(StdpRunConfig cfg) {
        return NetworkFactory.build(cfg, INPUTS, new SplittableRandom(11), Kernels.scalar());
    }

    /**
     * With a target magnitude of 0.25 (not the preset's 0.2, and equal to no initial weight), the three excitatory
     * projections start at +0.25 and the inhibitory i_e at −0.25 on every synapse; the synapses themselves are
     * the preset's (same seed, same connectivity), so the control differs from the preset in the weights only.
     */
    @Test
    void everyDecayedWeightStartsAtTheSignedTargetOnThePresetsSynapses() {
        Network preset = build(paper());
        Network control = build(paper("train.initial_weights", "sleep_target", "sleep.target_magnitude", 0.25));
        Map<String, Float> expected = Map.of("input_e", 0.25f, "e_e", 0.25f, "e_i", 0.25f, "i_e", -0.25f);
        for (Projection p : control.projections()) {
            Projection q = preset.projection(p.name());
            assertArrayEquals(q.preIndex(), p.preIndex(), p.name());
            assertArrayEquals(q.postIndex(), p.postIndex(), p.name());
            assertTrue(p.synapseCount() > 0, p.name());
            for (float w : p.weights()) {
                assertEquals(expected.get(p.name()), w, 0f, p.name());
            }
        }
    }

    /** Only the projections sleep decays move: with sleep.projections = [e_e], the others keep the preset's weights. */
    @Test
    void projectionsThatSleepDoesNotDecayKeepThePresetWeights() {
        Network control = build(paper("train.initial_weights", "sleep_target", "sleep.projections", "[e_e]"));
        Map<String, Float> expected = Map.of("input_e", 0.15f, "e_e", 0.2f, "e_i", 0.40f, "i_e", -0.50f);
        for (Projection p : control.projections()) {
            for (float w : p.weights()) {
                assertEquals(expected.get(p.name()), w, 0f, p.name());
            }
        }
    }

    @Test
    void theDefaultIsThePresetsInitialisation() {
        StdpRunConfig cfg = paper();
        assertEquals(false, cfg.train().startsAtSleepTarget());
        assertEquals(0.15f, build(cfg).projection("input_e").weights()[0], 0f);
    }

    /** Refused when the configuration is resolved, before anything runs. */
    @Test
    void aTargetThatIsNotAConstantIsRefusedNamingTheFields() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> paper("train.initial_weights", "sleep_target", "sleep.target", "projection_mean"));
        assertTrue(e.getMessage().contains("train.initial_weights") && e.getMessage().contains("sleep.target")
                && e.getMessage().contains("projection_mean"), e.getMessage());
    }

    @Test
    void anUnknownValueAndTheSgModelAreRefused() {
        ConfigException unknown = assertThrows(ConfigException.class,
                () -> paper("train.initial_weights", "target"));
        assertTrue(unknown.getMessage().contains("train.initial_weights") && unknown.getMessage().contains("sleep_target"),
                unknown.getMessage());
        ConfigException sg = assertThrows(ConfigException.class, () -> new StandardResolver().resolve(
                Map.of("preset", "paper-sg", "train.initial_weights", "sleep_target")));
        assertTrue(sg.getMessage().contains("train.initial_weights") && sg.getMessage().contains("stdp"), sg.getMessage());
    }
}
