package io.somnus.experiment.config;

/** {@code populations.*.model}: the neuron model of a population. */
public enum NeuronModel {
    /** current-based LIF ({@link io.somnus.neuron.CurrentLifPopulation}) */
    CURRENT_LIF,
    /** conductance-based LIF with adaptive threshold ({@link io.somnus.neuron.ConductanceLifPopulation}) */
    CONDUCTANCE_LIF,
    /**
     * a researcher's own {@link io.somnus.neuron.Population} subclass, loaded from the class path
     * ({@code populations.*.class_name}, {@code stdp/ClassNeurons})
     */
    CLASS
}
