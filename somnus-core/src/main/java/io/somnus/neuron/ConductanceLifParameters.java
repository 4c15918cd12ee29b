package io.somnus.neuron;

import io.somnus.core.NumberText;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parameters of the conductance-based LIF neuron with adaptive threshold θ of Diehl &amp; Cook (2015),
 * values from their published code. Conductances are dimensionless (in units of the leak conductance).
 *
 * @param tauMembraneMs    membrane time constant (ms): 100 for E, 10 for I
 * @param vRestMv          resting potential (mV): −65 E, −60 I
 * @param vResetMv         reset potential (mV): −65 E, −45 I
 * @param vThresholdMv     threshold (mV): −52 E, −40 I
 * @param thresholdOffsetMv subtracted from the threshold (mV): 20 for E (θ starts at 20), 0 for I
 * @param eExcitatoryMv    excitatory reversal potential (mV): 0
 * @param eInhibitoryMv    inhibitory reversal potential (mV): −100 E, −85 I
 * @param tauExcitatoryMs  excitatory conductance decay (ms): 1
 * @param tauInhibitoryMs  inhibitory conductance decay (ms): 2
 * @param refractoryMs     refractory period (ms): 5 E, 2 I
 * @param thetaPlusMv      θ increase per spike (mV): 0.05 E, 0 I (no adaptation)
 * @param tauThetaMs       θ decay time constant (ms): 10⁷
 * @param thetaInitialMv   θ at creation (mV): 20 E, 0 I
 */
public record ConductanceLifParameters(double tauMembraneMs, double vRestMv, double vResetMv, double vThresholdMv,
                                       double thresholdOffsetMv, double eExcitatoryMv, double eInhibitoryMv,
                                       double tauExcitatoryMs, double tauInhibitoryMs, double refractoryMs,
                                       double thetaPlusMv, double tauThetaMs, double thetaInitialMv) {
    /** Diehl &amp; Cook's excitatory neuron. */
    public static final ConductanceLifParameters DIEHL_COOK_EXCITATORY =
            new ConductanceLifParameters(100, -65, -65, -52, 20, 0, -100, 1, 2, 5, 0.05, 1e7, 20);
    /** Diehl &amp; Cook's inhibitory neuron. */
    public static final ConductanceLifParameters DIEHL_COOK_INHIBITORY =
            new ConductanceLifParameters(10, -60, -45, -40, 0, 0, -85, 1, 2, 2, 0, 1e7, 0);

    /**
     * The time constants forward Euler integrates, by field name: the conductances and θ always (each keeps 1 − dt/τ
     * per step, so each must be at least dt), V too under forward Euler ({@code forwardEulerMembrane}).
     */
    public Map<String, Double> forwardEulerTimeConstantsMs(boolean forwardEulerMembrane) {
        Map<String, Double> taus = new LinkedHashMap<>();
        taus.put("tau_excitatory_ms", tauExcitatoryMs);
        taus.put("tau_inhibitory_ms", tauInhibitoryMs);
        taus.put("tau_theta_ms", tauThetaMs);
        if (forwardEulerMembrane) {
            taus.put("tau_membrane_ms", tauMembraneMs);
        }
        return taus;
    }

    /**
     * Checks the values, naming the configuration field in an {@link IllegalArgumentException}: time constants > 0
     * (infinite allowed: no decay), refractory period ≥ 0, potentials and θ values finite.
     */
    public ConductanceLifParameters {
        CurrentLifParameters.positive("tau_membrane_ms", tauMembraneMs);
        CurrentLifParameters.positive("tau_excitatory_ms", tauExcitatoryMs);
        CurrentLifParameters.positive("tau_inhibitory_ms", tauInhibitoryMs);
        CurrentLifParameters.positive("tau_theta_ms", tauThetaMs);
        if (!(refractoryMs >= 0)) {
            throw new IllegalArgumentException("refractory_ms must be >= 0, got " + NumberText.of(refractoryMs));
        }
        CurrentLifParameters.finite("v_rest_mv", vRestMv);
        CurrentLifParameters.finite("v_reset_mv", vResetMv);
        CurrentLifParameters.finite("v_threshold_mv", vThresholdMv);
        CurrentLifParameters.finite("threshold_offset_mv", thresholdOffsetMv);
        CurrentLifParameters.finite("e_excitatory_mv", eExcitatoryMv);
        CurrentLifParameters.finite("e_inhibitory_mv", eInhibitoryMv);
        CurrentLifParameters.finite("refractory_ms", refractoryMs);
        CurrentLifParameters.finite("theta_plus_mv", thetaPlusMv);
        CurrentLifParameters.finite("theta_initial_mv", thetaInitialMv);
    }

    /**
     * A builder holding these values, to change a few by name, as positional doubles are easy to swap without a
     * word: {@code ConductanceLifParameters.DIEHL_COOK_EXCITATORY.toBuilder().thetaPlusMv(0.1).build()}.
     * Its {@link Builder#build()} checks the values as the constructor does.
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** See {@link #toBuilder()}; each setter names its record component. */
    public static final class Builder {
        private double tauMembraneMs;
        private double vRestMv;
        private double vResetMv;
        private double vThresholdMv;
        private double thresholdOffsetMv;
        private double eExcitatoryMv;
        private double eInhibitoryMv;
        private double tauExcitatoryMs;
        private double tauInhibitoryMs;
        private double refractoryMs;
        private double thetaPlusMv;
        private double tauThetaMs;
        private double thetaInitialMv;

        private Builder(ConductanceLifParameters from) {
            tauMembraneMs = from.tauMembraneMs;
            vRestMv = from.vRestMv;
            vResetMv = from.vResetMv;
            vThresholdMv = from.vThresholdMv;
            thresholdOffsetMv = from.thresholdOffsetMv;
            eExcitatoryMv = from.eExcitatoryMv;
            eInhibitoryMv = from.eInhibitoryMv;
            tauExcitatoryMs = from.tauExcitatoryMs;
            tauInhibitoryMs = from.tauInhibitoryMs;
            refractoryMs = from.refractoryMs;
            thetaPlusMv = from.thetaPlusMv;
            tauThetaMs = from.tauThetaMs;
            thetaInitialMv = from.thetaInitialMv;
        }

        /** Sets {@code tauMembraneMs}; see the record's {@code @param}. */
        public Builder tauMembraneMs(double v) {
            tauMembraneMs = v;
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

        /** Sets {@code thresholdOffsetMv}; see the record's {@code @param}. */
        public Builder thresholdOffsetMv(double v) {
            thresholdOffsetMv = v;
            return this;
        }

        /** Sets {@code eExcitatoryMv}; see the record's {@code @param}. */
        public Builder eExcitatoryMv(double v) {
            eExcitatoryMv = v;
            return this;
        }

        /** Sets {@code eInhibitoryMv}; see the record's {@code @param}. */
        public Builder eInhibitoryMv(double v) {
            eInhibitoryMv = v;
            return this;
        }

        /** Sets {@code tauExcitatoryMs}; see the record's {@code @param}. */
        public Builder tauExcitatoryMs(double v) {
            tauExcitatoryMs = v;
            return this;
        }

        /** Sets {@code tauInhibitoryMs}; see the record's {@code @param}. */
        public Builder tauInhibitoryMs(double v) {
            tauInhibitoryMs = v;
            return this;
        }

        /** Sets {@code refractoryMs}; see the record's {@code @param}. */
        public Builder refractoryMs(double v) {
            refractoryMs = v;
            return this;
        }

        /** Sets {@code thetaPlusMv}; see the record's {@code @param}. */
        public Builder thetaPlusMv(double v) {
            thetaPlusMv = v;
            return this;
        }

        /** Sets {@code tauThetaMs}; see the record's {@code @param}. */
        public Builder tauThetaMs(double v) {
            tauThetaMs = v;
            return this;
        }

        /** Sets {@code thetaInitialMv}; see the record's {@code @param}. */
        public Builder thetaInitialMv(double v) {
            thetaInitialMv = v;
            return this;
        }

        /** The parameters, checked as by the canonical constructor. */
        public ConductanceLifParameters build() {
            return new ConductanceLifParameters(tauMembraneMs, vRestMv, vResetMv, vThresholdMv, thresholdOffsetMv, eExcitatoryMv, eInhibitoryMv, tauExcitatoryMs, tauInhibitoryMs, refractoryMs, thetaPlusMv, tauThetaMs, thetaInitialMv);
        }
    }
}
