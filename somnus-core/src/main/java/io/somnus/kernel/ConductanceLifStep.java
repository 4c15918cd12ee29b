package io.somnus.kernel;

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
 */
public record ConductanceLifStep(float dtOverTau, float keepExcitatory, float keepInhibitory, double keepTheta,
                                 double thetaPlusMv, float restMv, float excitatoryReversalMv,
                                 float inhibitoryReversalMv, float thresholdMv, float resetMv, int refractorySteps,
                                 boolean forwardEuler) { }
