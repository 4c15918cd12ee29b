package io.somnus.experiment.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A researcher's own learning rule ({@code rule: class}): a class implementing {@link io.somnus.synapse.Plasticity},
 * loaded from the class path and built by {@code stdp/ClassRules} (docs/configuration.md, "Your own rule").
 *
 * @param className the rule's binary class name, e.g. {@code io.somnus.examples.PfisterTripletStdp}
 * @param params    the rule's own parameters, bound to the first parameter of its constructor ({@code {}} for none);
 *                  Somnus checks only that they are a section, the class checks their values
 */
public record ClassRuleConfig(String className, Map<String, Object> params) implements PlasticityConfig {
    /** Copies the parameters (in their order: config.yaml writes them back as given). */
    public ClassRuleConfig {
        params = params == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    @Override
    public PlasticityRule rule() {
        return PlasticityRule.CLASS;
    }
}
