package io.somnus.experiment.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.config.RunConfig;
import io.somnus.experiment.config.Validation;
import java.util.List;
import java.util.Map;

/** The standard {@link RunConfigResolver}: bundled presets (or YAML files) plus dotted overrides, validated. */
public final class StandardResolver implements RunConfigResolver {
    /**
     * {@link Configs#resolveTree}, then every value checked (types and ranges, the model's own rules) as a run would.
     *
     * @return the resolved tree, for {@link StandardRunExecutor#run(ObjectNode)} or {@code Configs.bind}
     * @throws io.somnus.experiment.config.ConfigException naming the field, the value and what is allowed
     */
    @Override
    public ObjectNode resolve(Map<String, Object> settings) {
        return check(settings).tree();
    }

    /**
     * {@link #resolve}, with what the check built for the run: a run given it
     * ({@link StandardRunExecutor#execute(CheckedConfig, java.nio.file.Path, io.somnus.experiment.model.RunProgress)})
     * constructs each neuron class of one's own once.
     *
     * @throws io.somnus.experiment.config.ConfigException naming the field, the value and what is allowed
     */
    public CheckedConfig check(Map<String, Object> settings) {
        ObjectNode tree = Configs.resolveTree(settings);
        RunConfig cfg = Configs.bind(tree);
        Validation.check(cfg);
        return new CheckedConfig(tree, ModelRunners.check(cfg));
    }

    @Override
    public List<String> warnings(ObjectNode config) {
        return ConfigWarnings.of(config);
    }
}
