package io.somnus.experiment.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * @param name      population name ({@code input} is the spike source and is implicit)
 * @param model     the neuron model
 * @param size      number of neurons, or 0 with {@code size_of}
 * @param sizeOf    name of a population whose size this one copies (Diehl &amp; Cook: I has as many as E)
 * @param defaults  which default set the params of a conductance_lif population start from (null:
 *                  {@code diehl_cook_e}); current_lif always starts from {@code paper}; null for model class
 * @param className model class: the neuron class's binary name, e.g. {@code io.somnus.examples.IzhikevichPopulation}
 *                  (docs/configuration.md, "Your own neuron"); null for the built-in models
 * @param params    neuron parameters by field name: for a built-in model (see its parameter record) numbers, each a
 *                  {@code Double}, missing fields taking the model's defaults (current_lif: the paper's;
 *                  conductance_lif: Diehl &amp; Cook's E or I, by {@code defaults}); for model class the class's own
 *                  parameters as written ({@code {}} for none), which the class checks
 */
public record PopulationConfig(String name, NeuronModel model, int size, String sizeOf, NeuronDefaults defaults,
                               String className, Map<String, Object> params) {
    /** Copies the parameters in their order; a built-in model's numbers as {@code Double}, as its record takes them. */
    public PopulationConfig {
        if (params != null) {
            Map<String, Object> copy = new LinkedHashMap<>();
            boolean builtIn = model != NeuronModel.CLASS;
            params.forEach((k, v) -> copy.put(k, builtIn && v instanceof Number n ? (Object) n.doubleValue() : v));
            params = Collections.unmodifiableMap(copy);
        }
    }
}
