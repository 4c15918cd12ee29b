package io.somnus.experiment.config;

import java.util.Map;

/**
 * @param name   population name ({@code input} is the spike source and is implicit)
 * @param model  {@code current_lif} or {@code conductance_lif}
 * @param size   number of neurons, or 0 with {@code size_of}
 * @param sizeOf name of a population whose size this one copies (Diehl &amp; Cook: I has as many as E)
 * @param params neuron parameters by field name (see the model's parameter record); missing fields take
 *               the model's defaults (current_lif: the paper's; conductance_lif: Diehl &amp; Cook's E or I,
 *               by {@code defaults})
 * @param defaults which default set the params start from: {@code paper}, {@code diehl_cook_e},
 *               {@code diehl_cook_i}
 */
public record PopulationConfig(String name, String model, int size, String sizeOf, String defaults,
                               Map<String, Double> params) { }
