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
    MEMBRANE
}
