package io.somnus.experiment.config;

/** {@code simulation.stream_start}: the state a training stream starts from after the first (every reset_every_images). */
public enum StreamStart {
    /** every neuron at rest, spike times forgotten, the stream clock at 0 */
    REST,
    /**
     * the authors' batch start: synaptic current, threshold adaptation, spike times and the stream clock carried
     * over, every membrane at 0 mV ({@code mp_train = np.zeros}, {@code src/big_comb.py:1962, 1997-2015 @40b7d33})
     */
    CARRIED_V_ZERO
}
