package io.somnus.experiment.sweep;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.run.RunConfigResolver;
import java.util.List;
import java.util.Map;

/** A stand-in for the real resolver: a few presets, datasets and fields, with the same error style. */
public final class FakeResolver implements RunConfigResolver {
    static final List<String> PRESETS = List.of("paper", "paper-sg", "diehl-cook");
    static final List<String> DATASETS = List.of("fashion-mnist", "geomfig", "mnist");
    static final List<String> FIELDS = List.of("preset", "dataset.name", "sleep.fraction", "seed", "train.images",
            "train.test_images", "sleep.noise_sigma");

    @Override
    public ObjectNode resolve(Map<String, Object> settings) {
        for (String key : settings.keySet()) {
            if (!FIELDS.contains(key)) {
                throw new ConfigException("unknown field '" + key + "'; known fields: " + String.join(", ", FIELDS));
            }
        }
        String preset = (String) settings.get("preset");
        if (!PRESETS.contains(preset)) {
            throw new ConfigException("preset = '" + preset + "': unknown preset; allowed: " + String.join(", ", PRESETS));
        }
        String dataset = (String) settings.get("dataset.name");
        if (!DATASETS.contains(dataset)) {
            throw new ConfigException("dataset.name = '" + dataset + "': unknown dataset; allowed: " + String.join(", ", DATASETS));
        }
        Object images = settings.getOrDefault("train.images", 1000L);
        if (!(images instanceof Number n) || n.longValue() <= 0) {
            throw new ConfigException("train.images = '" + images + "': expected a positive integer");
        }
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("model", preset.endsWith("-sg") ? "sg" : "stdp");
        c.put("preset", preset);
        c.put("seed", ((Number) settings.get("seed")).longValue());
        c.putObject("dataset").put("name", dataset).putNull("dir");
        ObjectNode train = c.putObject("train");
        train.put("images", ((Number) images).longValue());
        train.put("test_images", ((Number) settings.getOrDefault("train.test_images", 200L)).longValue());
        ObjectNode sleep = c.putObject("sleep");
        sleep.put("fraction", ((Number) settings.get("sleep.fraction")).doubleValue());
        sleep.put("noise_sigma", ((Number) settings.getOrDefault("sleep.noise_sigma", 3.0)).doubleValue());
        c.put("protocol", "standard");
        return c;
    }
}
