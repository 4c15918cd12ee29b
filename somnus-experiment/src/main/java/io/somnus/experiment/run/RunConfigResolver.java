package io.somnus.experiment.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.config.ConfigException;
import java.util.List;
import java.util.Map;

/**
 * Turns a preset plus dotted-key overrides into a fully resolved, validated run configuration.
 * Settings use the configuration's dotted keys, e.g. {@code preset}, {@code dataset.name},
 * {@code seed}, {@code sleep.fraction}, {@code train.images}; values are strings, numbers or booleans.
 */
public interface RunConfigResolver {
    /** @throws ConfigException naming the field, the value and what is allowed, for any bad setting */
    ObjectNode resolve(Map<String, Object> settings);

    /**
     * The legal but unusual values of a configuration {@link #resolve} returned (one sentence each; none by default):
     * said once when a sweep starts ({@link ConfigWarnings#ofAll}).
     */
    default List<String> warnings(ObjectNode config) {
        return List.of();
    }
}
