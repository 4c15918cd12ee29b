package io.somnus.kernel;

import io.somnus.core.NumberText;

/**
 * The constants of one conductance-LIF step (see {@link io.somnus.neuron.ConductanceLifPopulation}), fixed
 * for a given dt and θ mode so that a population builds them once, not every step.
 *
 * @param dtOverTau       dt/τ_m
 * @param keepExcitatory  1 − dt/τ_e, the per-step factor of g_e
 * @param keepInhibitory  1 − dt/τ_i
 * @param keepTheta       1 − dt/τ_θ (1 when θ is frozen)
 * @param thetaPlusMv     θ increase per spike (0 when frozen)
 * @param restMv          V_rest
 * @param excitatoryReversalMv E_exc
 * @param inhibitoryReversalMv E_inh
 * @param thresholdMv     V_th − offset (θ is added)
 * @param resetMv         V_reset
 * @param refractorySteps steps a neuron stays refractory after a spike (≥ 1)
 * @param forwardEuler    forward Euler for V (Brian2's {@code euler}); exponential Euler otherwise
 * @param restingVInfMv   V∞ at g_e = g_i = +0, by the exponential update's own operations
 * @param restingDecay    e^(−dt/τ_m) at g_e = g_i = +0, likewise ({@link FastExp}, as the kernels)
 */
public record ConductanceLifStep(float dtOverTau, float keepExcitatory, float keepInhibitory, double keepTheta,
                                 double thetaPlusMv, float restMv, float excitatoryReversalMv,
                                 float inhibitoryReversalMv, float thresholdMv, float resetMv, int refractorySteps,
                                 boolean forwardEuler, float restingVInfMv, float restingDecay) {

    /**
     * Refuses ({@link IllegalArgumentException}) resting constants other than those computed from the other components,
     * bit for bit (the twelve-argument constructor computes them).
     */
    public ConductanceLifStep {
        float vInf = restingVInf(restMv, excitatoryReversalMv, inhibitoryReversalMv);
        float decay = restingDecay(dtOverTau);
        if (Float.floatToRawIntBits(restingVInfMv) != Float.floatToRawIntBits(vInf)
                || Float.floatToRawIntBits(restingDecay) != Float.floatToRawIntBits(decay)) {
            throw new IllegalArgumentException("restingVInfMv and restingDecay must be " + NumberText.of(vInf) + " and " + NumberText.of(decay)
                    + " (derived from the other constants), not " + NumberText.of(restingVInfMv) + " and " + NumberText.of(restingDecay));
        }
    }

    /** The constants of a step, with the resting update's two derived from them (once, not every step). */
    public ConductanceLifStep(float dtOverTau, float keepExcitatory, float keepInhibitory, double keepTheta,
                              double thetaPlusMv, float restMv, float excitatoryReversalMv,
                              float inhibitoryReversalMv, float thresholdMv, float resetMv, int refractorySteps,
                              boolean forwardEuler) {
        this(dtOverTau, keepExcitatory, keepInhibitory, keepTheta, thetaPlusMv, restMv, excitatoryReversalMv,
                inhibitoryReversalMv, thresholdMv, resetMv, refractorySteps, forwardEuler,
                restingVInf(restMv, excitatoryReversalMv, inhibitoryReversalMv), restingDecay(dtOverTau));
    }

    private static float restingVInf(float restMv, float excitatoryReversalMv, float inhibitoryReversalMv) {
        return ((restMv + 0f * excitatoryReversalMv) + 0f * inhibitoryReversalMv) / ((1f + 0f) + 0f);
    }

    private static float restingDecay(float dtOverTau) {
        return FastExp.expNonPositive(-dtOverTau * ((1f + 0f) + 0f));
    }

    /**
     * V after one update of an active neuron with g_e = g_i = +0 and no input or noise, by the same IEEE
     * operations as the kernels' update (so that {@code restingNext(v) == v} bit for bit says the update would
     * leave V where it is).
     */
    public float restingNext(float v) {
        if (forwardEuler) {
            return v + dtOverTau * (((restMv - v) + 0f * (excitatoryReversalMv - v)) + 0f * (inhibitoryReversalMv - v));
        }
        return restingVInfMv + (v - restingVInfMv) * restingDecay;
    }
}
