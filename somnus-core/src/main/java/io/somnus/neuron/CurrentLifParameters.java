package io.somnus.neuron;

import io.somnus.core.NumberText;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parameters of the current-based leaky integrate-and-fire neuron with spike-triggered threshold
 * adaptation (the paper's neuron; Massey et al. 2026). Defaults: {@link #PAPER}.
 *
 * @param tauMembraneMs     membrane time constant τ_m (ms)
 * @param tauSynapseMs      synaptic current time constant τ_syn (ms)
 * @param resistance        membrane resistance R (mV per unit current)
 * @param vRestMv           resting potential (mV)
 * @param vResetMv          potential after a spike (mV)
 * @param vThresholdMv      base firing threshold (mV)
 * @param vMinMv            lower clip of the membrane (mV)
 * @param vMaxMv            upper clip of the membrane (mV)
 * @param adaptationMv      threshold increase per spike (mV)
 * @param tauAdaptationMs   decay time constant of the threshold increase (ms)
 * @param refractoryMs      absolute refractory period (ms); 0 for none
 * @param synapticGain      a presynaptic spike of weight w adds gain·w to I. The paper's code integrates
 *                          {@code I += (−I + W·s)·dt/τ_syn}, so a spike adds w·dt/τ_syn: gain 1/30 at its
 *                          dt = 1 ms and τ_syn = 30 ms (a unit-area kernel; PSP peak gain·w·R/e mV when τ_m = τ_syn,
 *                          w/e mV at the paper's values: a neuron 15 mV below threshold needs w ≈ 40 from one spike)
 */
public record CurrentLifParameters(double tauMembraneMs, double tauSynapseMs, double resistance, double vRestMv,
                                   double vResetMv, double vThresholdMv, double vMinMv, double vMaxMv,
                                   double adaptationMv, double tauAdaptationMs, double refractoryMs,
                                   double synapticGain) {
    /**
     * The paper's values: τ_m = τ_syn = R = 30, V_rest −70, V_reset −80, threshold −55, clip [−100, 40],
     * +3 mV / 100 ms, and a spike adds w·dt/τ_syn = w/30 to I (dt = 1 ms), as the authors' code does.
     */
    public static final CurrentLifParameters PAPER =
            new CurrentLifParameters(30, 30, 30, -70, -80, -55, -100, 40, 3, 100, 0, 1.0 / 30);

    /**
     * The time constants forward Euler integrates under the authors' scheme ({@code forwardEuler}), by field name: V,
     * I and a each keep 1 − dt/τ per step, so each must be at least dt; none under exact decays (any dt).
     */
    public Map<String, Double> forwardEulerTimeConstantsMs(boolean forwardEuler) {
        Map<String, Double> taus = new LinkedHashMap<>(); // in this order, the first one named
        if (forwardEuler) {
            taus.put("tau_membrane_ms", tauMembraneMs);
            taus.put("tau_synapse_ms", tauSynapseMs);
            taus.put("tau_adaptation_ms", tauAdaptationMs);
        }
        return taus;
    }

    /**
     * Checks the values, naming the configuration field in an {@link IllegalArgumentException}: time constants and
     * resistance > 0, {@code vMinMv < vMaxMv}, refractory period ≥ 0, potentials, gain and adaptation finite.
     */
    public CurrentLifParameters {
        positive("tau_membrane_ms", tauMembraneMs);
        positive("tau_synapse_ms", tauSynapseMs);
        positive("tau_adaptation_ms", tauAdaptationMs);
        positive("resistance", resistance);
        if (!(vMinMv < vMaxMv)) {
            throw new IllegalArgumentException("v_min_mv (" + NumberText.of(vMinMv) + ") must be below v_max_mv (" + NumberText.of(vMaxMv) + ")");
        }
        if (!(refractoryMs >= 0)) {
            throw new IllegalArgumentException("refractory_ms must be >= 0, got " + NumberText.of(refractoryMs));
        }
        finite("v_rest_mv", vRestMv);
        finite("v_reset_mv", vResetMv);
        finite("v_threshold_mv", vThresholdMv);
        finite("adaptation_mv", adaptationMv);
        finite("refractory_ms", refractoryMs);
        finite("synaptic_gain", synapticGain);
        finite("resistance", resistance);
    }

    static void positive(String field, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(field + " must be > 0, got " + NumberText.of(value));
        }
    }

    /**
     * A potential, gain or period that is NaN or infinite makes the state NaN (or the neuron never or always spike)
     * with no error; time constants (∞: no decay) and the clip bounds of V (∞: no clip) may be infinite, not NaN.
     */
    static void finite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number, got " + NumberText.of(value));
        }
    }

    /**
     * A builder holding these values, to change a few by name, as positional doubles are easy to swap without a
     * word: {@code CurrentLifParameters.PAPER.toBuilder().vThresholdMv(-50).refractoryMs(2).build()}.
     * Its {@link Builder#build()} checks the values as the constructor does.
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** See {@link #toBuilder()}; each setter names its record component. */
    public static final class Builder {
        private double tauMembraneMs;
        private double tauSynapseMs;
        private double resistance;
        private double vRestMv;
        private double vResetMv;
        private double vThresholdMv;
        private double vMinMv;
        private double vMaxMv;
        private double adaptationMv;
        private double tauAdaptationMs;
        private double refractoryMs;
        private double synapticGain;

        private Builder(CurrentLifParameters from) {
            tauMembraneMs = from.tauMembraneMs;
            tauSynapseMs = from.tauSynapseMs;
            resistance = from.resistance;
            vRestMv = from.vRestMv;
            vResetMv = from.vResetMv;
            vThresholdMv = from.vThresholdMv;
            vMinMv = from.vMinMv;
            vMaxMv = from.vMaxMv;
            adaptationMv = from.adaptationMv;
            tauAdaptationMs = from.tauAdaptationMs;
            refractoryMs = from.refractoryMs;
            synapticGain = from.synapticGain;
        }

        /** Sets {@code tauMembraneMs}; see the record's {@code @param}. */
        public Builder tauMembraneMs(double v) {
            tauMembraneMs = v;
            return this;
        }

        /** Sets {@code tauSynapseMs}; see the record's {@code @param}. */
        public Builder tauSynapseMs(double v) {
            tauSynapseMs = v;
            return this;
        }

        /** Sets {@code resistance}; see the record's {@code @param}. */
        public Builder resistance(double v) {
            resistance = v;
            return this;
        }

        /** Sets {@code vRestMv}; see the record's {@code @param}. */
        public Builder vRestMv(double v) {
            vRestMv = v;
            return this;
        }

        /** Sets {@code vResetMv}; see the record's {@code @param}. */
        public Builder vResetMv(double v) {
            vResetMv = v;
            return this;
        }

        /** Sets {@code vThresholdMv}; see the record's {@code @param}. */
        public Builder vThresholdMv(double v) {
            vThresholdMv = v;
            return this;
        }

        /** Sets {@code vMinMv}; see the record's {@code @param}. */
        public Builder vMinMv(double v) {
            vMinMv = v;
            return this;
        }

        /** Sets {@code vMaxMv}; see the record's {@code @param}. */
        public Builder vMaxMv(double v) {
            vMaxMv = v;
            return this;
        }

        /** Sets {@code adaptationMv}; see the record's {@code @param}. */
        public Builder adaptationMv(double v) {
            adaptationMv = v;
            return this;
        }

        /** Sets {@code tauAdaptationMs}; see the record's {@code @param}. */
        public Builder tauAdaptationMs(double v) {
            tauAdaptationMs = v;
            return this;
        }

        /** Sets {@code refractoryMs}; see the record's {@code @param}. */
        public Builder refractoryMs(double v) {
            refractoryMs = v;
            return this;
        }

        /** Sets {@code synapticGain}; see the record's {@code @param}. */
        public Builder synapticGain(double v) {
            synapticGain = v;
            return this;
        }

        /** The parameters, checked as by the canonical constructor. */
        public CurrentLifParameters build() {
            return new CurrentLifParameters(tauMembraneMs, tauSynapseMs, resistance, vRestMv, vResetMv, vThresholdMv, vMinMv, vMaxMv, adaptationMv, tauAdaptationMs, refractoryMs, synapticGain);
        }
    }
}
