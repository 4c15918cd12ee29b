package io.somnus.neuron;

/**
 * How {@link CurrentLifPopulation} takes a step. Somnus's scheme ({@link #SOMNUS}) decays V, I and a exactly
 * (exp(−dt/τ)) and fires when V ≥ θ + a, with a already decayed this step. The authors' code
 * (GitHub AndrlmMass/SpikingNeuralNetwork, {@code src/train.py @40b7d33}) integrates by forward Euler and fires
 * on the threshold its previous step left, strictly and clipped; each of those is one flag here.
 *
 * @param forwardEuler     V, I and a decay by (1 − dt/τ) instead of exp(−dt/τ): {@code I += (−I + W·s)·dt/τ_syn},
 *                         {@code V += (−(V − V_rest) + R·I)·dt/τ_m} ({@code train.py:199-206}),
 *                         {@code a += −a·dt/τ_a} ({@code train.py:246}); the same update, rounded in float32
 * @param authorsSpikeTest fire when V &gt; θ_prev (strict), θ_prev = clip(θ + a of the previous step,
 *                         {@link AuthorsSpikeTest#THRESHOLD_MIN_MV}, {@link AuthorsSpikeTest#THRESHOLD_MAX_MV})
 *                         ({@code train.py:231-232, 244-250}: the threshold is recomputed after the test and
 *                         used at the next step)
 */
public record CurrentLifScheme(boolean forwardEuler, boolean authorsSpikeTest) {
    /** Exponential decays, V ≥ θ + a (the described model). */
    public static final CurrentLifScheme SOMNUS = new CurrentLifScheme(false, false);
    /** Forward Euler and the authors' spike test: their code's neuron, as the paper-code preset runs it. */
    public static final CurrentLifScheme AUTHORS = new CurrentLifScheme(true, true);
}
