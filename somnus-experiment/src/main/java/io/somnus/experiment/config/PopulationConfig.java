package io.somnus.experiment.config;

import java.util.Map;

/**
 * @param name   population name ({@code input} is the spike source and is implicit)
 * @param model  the neuron model
 * @param size   number of neurons, or 0 with {@code size_of}
 * @param sizeOf name of a population whose size this one copies (Diehl &amp; Cook: I has as many as E)
 * @param params neuron parameters by field name (see the model's parameter record); missing fields take
 *               the model's defaults (current_lif: the paper's; conductance_lif: Diehl &amp; Cook's E or I,
 *               by {@code defaults})
 * @param defaults which default set the params of a conductance_lif population start from (null:
 *               {@code diehl_cook_e}); current_lif always starts from {@code paper}
 */
public record PopulationConfig(String name, NeuronModel model, int size, String sizeOf, NeuronDefaults defaults,
                               Map<String, Double> params) { }
