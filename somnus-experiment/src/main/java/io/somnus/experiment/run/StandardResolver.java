package io.somnus.experiment.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.config.RunConfig;
import io.somnus.experiment.config.Validation;
import java.util.Map;

/** The standard {@link RunConfigResolver}: bundled presets (or YAML files) plus dotted overrides, validated. */
public final class StandardResolver implements RunConfigResolver {
    @Override
    public ObjectNode resolve(Map<String, Object> settings) {
        ObjectNode tree = Configs.resolveTree(settings);
        RunConfig cfg = Configs.bind(tree);
        Validation.check(cfg);
        ModelRunners.forConfig(cfg).validate();
        return tree;
    }

    @Override
    public java.util.List<String> warnings(ObjectNode config) {
        return ConfigWarnings.of(config);
    }
}
