package io.somnus.sleep;

import java.util.random.RandomGenerator;

/**
 * The homeostatic pull of one synaptic weight toward its target during one sleep step.
 * Implementations are stateless; the target comes from a {@link DecayTarget}.
 */
public interface WeightDecayLaw {
    /**
     * @param w      the weight now
     * @param target its homeostatic target (same sign convention as the weight)
     * @param dtMs   the sleep step in ms
     * @param rng    the run's sleep stream (for stochastic laws)
     * @return the weight after one sleep step
     */
    float step(float w, float target, double dtMs, RandomGenerator rng);
}
