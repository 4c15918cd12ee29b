package io.somnus.experiment.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.config.Configs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The warnings of resolved configurations ({@link io.somnus.experiment.model.ModelRunner#warnings}): legal but
 * unusual values, said once when a run or a sweep starts; each run records its own in provenance.json.
 */
public final class ConfigWarnings {
    private ConfigWarnings() { }

    /** The warnings of one resolved configuration (as {@link StandardResolver#resolve} returns it). */
    public static List<String> of(ObjectNode config) {
        return ModelRunners.forConfig(Configs.bind(config)).warnings();
    }

    /**
     * The warnings of many runs, each said once: with "(in N of M runs)" after it where it does not concern them all,
     * so that a sweep of 40 runs of one odd value prints one line, not 40.
     */
    public static List<String> ofAll(RunConfigResolver resolver, List<ObjectNode> configs) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (ObjectNode c : configs) {
            for (String w : resolver.warnings(c)) {
                counts.merge(w, 1, Integer::sum);
            }
        }
        List<String> out = new ArrayList<>();
        counts.forEach((w, n) -> out.add(n == configs.size() ? w : w + " (in " + n + " of " + configs.size() + " runs)"));
        return out;
    }
}
