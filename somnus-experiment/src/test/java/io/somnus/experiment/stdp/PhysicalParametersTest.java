package io.somnus.experiment.stdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.config.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Physically odd values (docs/configuration.md, "Physically odd values"): each refusal names its field first, with the
 * value and a number worked out here by hand; each warning likewise, and only that warning.
 */
class PhysicalParametersTest {
    /** {@code preset} with {@code settings} refused when resolved; the message starts with {@code culprit}. */
    private static void assertRefused(String preset, String culprit, String detail, Object... settings) {
        ConfigException e = assertThrows(ConfigException.class, () -> PresetConfigs.of(preset, settings));
        assertTrue(e.getMessage().startsWith(culprit), "'" + culprit + "' does not start: " + e.getMessage());
        assertTrue(e.getMessage().contains(detail), "'" + detail + "' not in: " + e.getMessage());
    }

    /** {@code preset} with {@code settings} resolves, with one warning, which starts with {@code culprit}. */
    private static void assertWarned(String preset, String culprit, String detail, Object... settings) {
        List<String> w = PhysicalParameters.warnings(PresetConfigs.of(preset, settings));
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).startsWith(culprit), "'" + culprit + "' does not start: " + w.get(0));
        assertTrue(w.get(0).contains(detail), "'" + detail + "' not in: " + w.get(0));
    }

    private static void assertQuiet(String preset, Object... settings) {
        assertEquals(List.of(), PhysicalParameters.warnings(PresetConfigs.of(preset, settings)));
    }

    /**
     * Forward Euler keeps 1 − dt/τ per step: negative for τ < dt. paper-code integrates the current LIF by Euler
     * (dt = 1 ms); the conductance LIF's conductances always decay by Euler (diehl-cook's τ_e = 1 ms, its default,
     * against dt = 10 ms). τ = dt keeps 0 and is allowed; exact integration (paper) takes any τ.
     */
    @Test
    void anEulerTimeConstantShorterThanTheStepIsRefused() {
        assertRefused("paper-code", "populations.e.params.tau_membrane_ms = 0.5: shorter than simulation.dt_ms = 1",
                "allowed: a time constant >= simulation.dt_ms", "populations.e.params.tau_membrane_ms", 0.5);
        assertRefused("paper-code", "populations.i.params.tau_synapse_ms = 1.5", "simulation.dt_ms = 2",
                "simulation.dt_ms", 2.0, "populations.i.params.tau_synapse_ms", 1.5);
        assertRefused("diehl-cook", "populations.e.params.tau_excitatory_ms = 1 (the diehl_cook_e default)",
                "simulation.dt_ms = 10", "simulation.dt_ms", 10.0, "simulation.steps_per_image", 35);
        PresetConfigs.of("paper-code", "populations.e.params.tau_membrane_ms", 1.0);
        PresetConfigs.of("paper", "populations.e.params.tau_membrane_ms", 0.5);
    }

    /**
     * V is clipped to v_max before the spike test, so v_max below the threshold (−55 mV) silences the population; the
     * authors' test (paper-code) needs V strictly above the threshold, so there v_max = −55 is refused as well, while
     * at_or_above (paper) fires at V = −55.
     */
    @Test
    void aMembraneClippedBelowTheThresholdIsRefused() {
        assertRefused("paper", "populations.e.params.v_max_mv = -60", "v_threshold_mv = -55 mV), so population e "
                + "could never spike", "populations.e.params.v_max_mv", -60.0);
        assertRefused("paper-code", "populations.i.params.v_max_mv = -55", "not above",
                "populations.i.params.v_max_mv", -55.0);
        PresetConfigs.of("paper", "populations.e.params.v_max_mv", -55.0);
    }

    /**
     * The same clip lifts V from a reset below v_min (paper: −100 mV) to v_min the step after: the reset asked for is
     * not made. Refused whether v_reset_mv is set below the default v_min or v_min raised above the default reset
     * (−80 mV); a reset at the clip is allowed.
     */
    @Test
    void aResetBelowTheMembranesClipIsRefused() {
        assertRefused("paper", "populations.e.params.v_reset_mv = -110: below v_min_mv = -100 (the paper default)",
                "allowed: v_reset_mv >= v_min_mv", "populations.e.params.v_reset_mv", -110.0);
        assertRefused("paper", "populations.i.params.v_reset_mv = -80 (the paper default): below v_min_mv = -75",
                "population i back to v_min_mv", "populations.i.params.v_min_mv", -75.0);
        PresetConfigs.of("paper", "populations.e.params.v_reset_mv", -100.0);
    }

    /**
     * The linear sleep law decays exactly by exp(−K·dt/τ_sleep) every K = decay_every_steps steps (paper: dt = 1 ms,
     * K = 10): τ_sleep = 5 ms keeps e^−2 ≈ 14% per decay step, and with K = 1 so does τ_sleep = 0.5 ms. τ_sleep equal
     * to the interval, and any τ_sleep under the log law (which does not read it), are quiet.
     */
    @Test
    void aSleepDecayShorterThanItsStepIsWarned() {
        assertWarned("paper", "sleep.tau_sleep_ms = 5 is shorter than the 10 ms between decay steps "
                + "(sleep.decay_every_steps = 10 × simulation.dt_ms = 1)", "keeps only 14% of its distance",
                "sleep.law", "linear", "sleep.tau_sleep_ms", 5.0);
        assertWarned("paper", "sleep.tau_sleep_ms = 0.5 is shorter than simulation.dt_ms = 1", "14%",
                "sleep.law", "linear", "sleep.tau_sleep_ms", 0.5, "sleep.decay_every_steps", 1);
        assertQuiet("paper", "sleep.law", "linear", "sleep.tau_sleep_ms", 10.0);
        assertQuiet("paper", "sleep.tau_sleep_ms", 0.5);
    }

    /**
     * Weights of the sign the post-synaptic neuron cannot take: a negative conductance (diehl-cook), a negative
     * excitatory or positive inhibitory current (paper), with the bound that would have caught them removed.
     */
    @Test
    void aWeightOfTheWrongSignIsRefused() {
        assertRefused("paper", "projections.e_e.weight = -0.2: negative", "excitatory onto current-based population e",
                "projections.e_e.w_min", null, "projections.e_e.weight", -0.2);
        assertRefused("paper", "projections.i_e.weight = 0.5: positive", "inhibitory onto current-based population e",
                "projections.i_e.w_max", null, "projections.i_e.weight", 0.5);
        assertRefused("diehl-cook", "projections.i_e.weight = -5: negative", "population e is conductance_lif",
                "projections.i_e.w_min", null, "projections.i_e.weight", -5.0);
        assertRefused("diehl-cook", "projections.input_e.weight_low, weight = U(-0.1, 0.3)", "conductance_lif",
                "projections.input_e.w_min", null, "projections.input_e.weight_low", -0.1);
        // zero is of either sign
        PresetConfigs.of("paper", "projections.e_e.w_min", null, "projections.e_e.weight", 0.0);
    }

    /**
     * A spike probability per step above 1 is clipped by the encoders. paper: Bernoulli, images normalised to sum 22.5
     * over 15 × 15 = 225 pixels, mean 0.1, so intensity 20 gives 2.0 (intensity 10 gives exactly 1, allowed);
     * raw pixels (normalise_sum 0) reach 1, so intensity 2 gives 2.0. diehl-cook: Poisson, raw pixels, intensity
     * 1 + 9 × 0.5 = 5.5 at the tenth presentation, 5000 Hz × 5.5 × 0.5 ms = 13.75. Sleep input at 5000 Hz × 1 ms = 5.
     */
    @Test
    void aSpikeProbabilityAboveOneIsRefused() {
        assertRefused("paper", "encoding.intensity = 20: ", "22.5 / 225 = 0.1", "encoding.intensity", 20.0);
        assertRefused("paper", "encoding.intensity = 20: ", "probability 2 per step", "encoding.intensity", 20.0);
        PresetConfigs.of("paper", "encoding.intensity", 10.0);
        // shown again up to 3 times, each 2.0 brighter: the last at 6 + 2 × 2 = 10 passes, at 7 + 4 = 11 not, and the
        // base intensity allowed is 1 / 0.1 − 4 = 6
        PresetConfigs.of("paper", "encoding.intensity", 6.0, "encoding.min_spikes", 5, "encoding.intensity_step", 2.0,
                "encoding.max_presentations", 3);
        assertRefused("paper", "encoding.intensity = 7: ", "(here intensity <= 6)", "encoding.intensity", 7.0,
                "encoding.min_spikes", 5, "encoding.intensity_step", 2.0, "encoding.max_presentations", 3);
        assertRefused("paper", "encoding.intensity = 2: a pixel of 1", "probability 2 per step",
                "dataset.normalise_sum", 0, "encoding.intensity", 2.0);
        assertRefused("diehl-cook", "encoding.max_rate_hz = 5000: ", "probability 13.75 per step",
                "encoding.max_rate_hz", 5000.0);
        assertRefused("diehl-cook", "encoding.max_rate_hz = 5000: ", "= 5.5", "encoding.max_rate_hz", 5000.0);
        assertRefused("paper", "sleep.input_rate_hz = 5000: ", "probability 5 per step", "sleep.input_rate_hz",
                5000.0);
        PresetConfigs.of("paper", "sleep.input_rate_hz", 1000.0);
    }

    /** Reset at or above the threshold (paper: −55 mV; diehl-cook's I: −40 − 0 + 0 mV). */
    @Test
    void aResetAboveTheThresholdIsWarned() {
        assertWarned("paper", "populations.e.params.v_reset_mv = -50 is at or above the threshold",
                "v_threshold_mv = -55", "populations.e.params.v_reset_mv", -50.0);
        assertWarned("diehl-cook", "populations.i.params.v_reset_mv = -30 is at or above the threshold",
                "= -40 mV", "populations.i.params.v_reset_mv", -30.0);
    }

    /**
     * A threshold at or below rest (paper: rest −70 mV). diehl-cook's E has V_th − offset = −72 mV below its rest of
     * −65, but starts with θ = 20 mV: −52 mV, above rest, and is not warned.
     */
    @Test
    void aThresholdBelowRestIsWarned() {
        assertWarned("paper", "population e's threshold (v_threshold_mv = -75 mV) is at or below", "v_rest_mv = -70",
                "populations.e.params.v_threshold_mv", -75.0);
        List<String> noTheta = PhysicalParameters.warnings(PresetConfigs.of("diehl-cook",
                "populations.e.params.theta_initial_mv", 0.0)); // −72 mV, below rest and below the reset of −65 mV
        assertTrue(noTheta.stream().anyMatch(w -> w.startsWith("population e's threshold (v_threshold_mv − "
                + "threshold_offset_mv + theta_initial_mv = -72 mV) is at or below")), noTheta.toString());
        assertQuiet("diehl-cook");
    }

    /** Reversal potentials on the wrong side of rest (diehl-cook's E: rest −65 mV). */
    @Test
    void aReversalPotentialOnTheWrongSideOfRestIsWarned() {
        assertWarned("diehl-cook", "populations.e.params.e_excitatory_mv = -80 is at or below the resting potential",
                "v_rest_mv = -65", "populations.e.params.e_excitatory_mv", -80.0);
        assertWarned("diehl-cook", "populations.e.params.e_inhibitory_mv = -50 is at or above the resting potential",
                "depolarises", "populations.e.params.e_inhibitory_mv", -50.0);
    }

    /**
     * A time constant under the step where it decays exactly: exp(−1/0.5) = 13.5 % kept per step (paper, τ_m = 0.5 ms,
     * dt = 1 ms); an STDP trace of 0.1 ms keeps exp(−10) = 0.0045 %.
     */
    @Test
    void anExactTimeConstantShorterThanTheStepIsWarned() {
        assertWarned("paper", "populations.e.params.tau_membrane_ms = 0.5 is shorter than simulation.dt_ms = 1",
                "keeps only 14% of itself", "populations.e.params.tau_membrane_ms", 0.5);
        assertWarned("paper", "projections.e_e.plasticity.tau_plus_ms = 0.1 is shorter than simulation.dt_ms = 1",
                "0.0045%", "projections.e_e.plasticity.tau_plus_ms", 0.1);
    }

    /**
     * A refractory period that is not a whole number of steps runs as round(r/dt) steps, at least one: 0.4 ms at
     * dt = 1 ms is 1 step (1.0 ms); diehl-cook's 5.2 ms at 0.5 ms is 10.4, 10 steps (5.0 ms). 0 (the paper's) is none.
     */
    @Test
    void aRefractoryPeriodOffTheStepIsWarned() {
        assertWarned("paper", "populations.e.params.refractory_ms = 0.4 is not a whole number of steps",
                "refractory for 1 step (1 ms)", "populations.e.params.refractory_ms", 0.4);
        assertWarned("diehl-cook", "populations.e.params.refractory_ms = 5.2 is not a whole number of steps",
                "refractory for 10 steps (5 ms)", "populations.e.params.refractory_ms", 5.2);
        assertQuiet("paper", "populations.e.params.refractory_ms", 2.0);
    }

    /** Threshold adaptation of the wrong sign: each spike lowers the threshold. */
    @Test
    void aNegativeThresholdAdaptationIsWarned() {
        assertWarned("paper", "populations.e.params.adaptation_mv = -3 is negative", "lowers",
                "populations.e.params.adaptation_mv", -3.0);
        assertWarned("diehl-cook", "populations.e.params.theta_plus_mv = -0.05 is negative", "lowers",
                "populations.e.params.theta_plus_mv", -0.05);
    }
}
