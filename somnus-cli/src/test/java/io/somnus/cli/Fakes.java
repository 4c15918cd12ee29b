package io.somnus.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.run.RunConfigResolver;
import io.somnus.experiment.run.RunExecutor;
import java.nio.file.Files;
import java.util.Locale;

/** A resolver and executor standing in for the real ones. */
final class Fakes {
    private Fakes() {}

    static RunConfigResolver resolver() {
        return settings -> {
            for (String k : settings.keySet()) {
                if (!k.equals("preset") && !k.equals("dataset.name") && !k.equals("seed") && !k.equals("sleep.fraction")) {
                    throw new ConfigException("unknown field '" + k + "'");
                }
            }
            ObjectNode c = JsonNodeFactory.instance.objectNode();
            c.put("preset", (String) settings.get("preset"));
            c.put("model", "stdp");
            c.put("seed", ((Number) settings.get("seed")).longValue());
            c.putObject("dataset").put("name", (String) settings.get("dataset.name"));
            c.putObject("sleep").put("fraction", ((Number) settings.get("sleep.fraction")).doubleValue());
            return c;
        };
    }

    /** Writes summary.json and metrics.csv; fails for seed 13. */
    static RunExecutor executor() {
        return (config, dir, progress) -> {
            progress.update("train", 1, 2);
            long seed = config.get("seed").asLong();
            if (seed == 13) {
                throw new IllegalStateException("unlucky seed");
            }
            double f = config.get("sleep").get("fraction").asDouble();
            double acc = 0.5 + 0.1 * f + 0.01 * seed;
            Files.writeString(dir.resolve(RunDirectory.SUMMARY), String.format(Locale.ROOT,
                    "{\"model\":\"stdp\",\"preset\":\"%s\",\"dataset\":\"%s\",\"seed\":%d,\"sleep_fraction\":%s,"
                            + "\"test_accuracy\":%s}", config.get("preset").asText(), config.get("dataset").get("name").asText(),
                    seed, f, acc));
            Files.writeString(dir.resolve(RunDirectory.METRICS), "images_seen,val_accuracy\n100," + acc + "\n");
            progress.update("eval", 2, 2);
        };
    }
}
