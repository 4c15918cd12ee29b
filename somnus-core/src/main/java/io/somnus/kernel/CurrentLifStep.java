package io.somnus.kernel;

/**
 * The constants of one current-LIF step (see {@link io.somnus.neuron.CurrentLifPopulation}), built once per dt.
 *
 * @param decayV          exp(−dt/τ_m)
 * @param decayI          exp(−dt/τ_syn)
 * @param decayA          exp(−dt/τ_a)
 * @param gain            synaptic gain (I += gain·w per spike)
 * @param restMv          V_rest
 * @param resistance      R
 * @param thresholdMv     V_th (the adaptation a is added)
 * @param resetMv         V_reset
 * @param vMinMv          lower clip of V
 * @param vMaxMv          upper clip of V
 * @param adaptationMv    increase of a per spike
 * @param refractorySteps steps a neuron stays refractory after a spike (≥ 1)
 */
public record CurrentLifStep(float decayV, float decayI, float decayA, float gain, float restMv, float resistance,
                             float thresholdMv, float resetMv, float vMinMv, float vMaxMv, float adaptationMv,
                             int refractorySteps) { }
