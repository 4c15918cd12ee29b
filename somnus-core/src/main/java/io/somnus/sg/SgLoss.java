package io.somnus.sg;

/**
 * How the output layer is read out into class scores (logits) for the cross-entropy loss and for prediction.
 */
public enum SgLoss {
    /**
     * Output neurons are LIF neurons like the hidden ones; the logits are the output spike counts
     * {@code c_k = Σ_t S_k[t]}, loss {@code −log softmax(c)_y} (snnTorch {@code ce_count_loss}). Prediction is the
     * class with the most spikes, ties going to the lower class index.
     */
    SPIKE_COUNT,
    /**
     * Output neurons are non-spiking leaky integrators {@code U[t] = β·U[t−1] + W·s[t] + b} (no threshold, no
     * reset; Zenke &amp; Vogels 2021); the logits are the membrane averaged over the presentation,
     * {@code (1/T)·Σ_t U_k[t]}. The output layer then never spikes, also not during sleep.
     */
    MEMBRANE,
    /**
     * Output neurons are LIF neurons as for {@link #SPIKE_COUNT}, but the loss is the cross-entropy of every step's
     * output spikes taken as logits, summed over the steps: {@code Σ_t −log softmax(S[t])_y} (averaged over the
     * minibatch at each step). This is what the code behind the authors' recorded SG-SNN numbers computes,
     * {@code loss_val += loss(spk_rec[step], targets)} for every step (docs/fidelity.md, "Loss"); its value is about
     * T times that of a per-image loss. Prediction is by spike count, as for {@link #SPIKE_COUNT}.
     */
    PER_STEP_SPIKES;

    /** Whether the output layer spikes (and so takes part in sleep): all but {@link #MEMBRANE}. */
    public boolean spikingOutput() {
        return this != MEMBRANE;
    }
}
