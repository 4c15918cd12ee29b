package io.somnus.experiment.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.model.RunProgress;
import io.somnus.experiment.run.RunExecutor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A stand-in for the real executor: sleeps a while, then writes summary.json and metrics.csv with numbers
 * that are a deterministic function of the configuration; appends a line per execution start to a log.
 */
public final class FakeExecutor implements RunExecutor {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path log;
    private final int minMillis;
    private final int maxMillis;
    private final Set<String> failingKeys;

    /**
     * @param log         file to append "key" lines to (one per execution start), or null
     * @param failingKeys run keys ({@link #key}) that throw
     */
    public FakeExecutor(Path log, int minMillis, int maxMillis, Set<String> failingKeys) {
        this.log = log;
        this.minMillis = minMillis;
        this.maxMillis = maxMillis;
        this.failingKeys = failingKeys;
    }

    /** preset|dataset|fraction|seed|images: identifies a run's configuration in the log. */
    public static String key(ObjectNode config) {
        return config.get("preset").asText() + "|" + config.get("dataset").get("name").asText() + "|"
                + config.get("sleep").get("fraction").asDouble() + "|" + config.get("seed").asLong() + "|"
                + config.get("train").get("images").asLong();
    }

    @Override
    public void execute(ObjectNode config, Path runDir, RunProgress progress) throws IOException, InterruptedException {
        String key = key(config);
        if (log != null) {
            synchronized (FakeExecutor.class) {
                Files.writeString(log, key + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND, StandardOpenOption.SYNC);
            }
        }
        SplittableRandom rng = new SplittableRandom(key.hashCode());
        int millis = minMillis + (maxMillis > minMillis ? rng.nextInt(maxMillis - minMillis) : 0);
        for (int step = 0; step < 4; step++) {
            progress.update("train", step, 4);
            Thread.sleep(millis / 4);
        }
        if (failingKeys.contains(key)) {
            throw new IllegalStateException("simulated failure of " + key);
        }
        Files.writeString(runDir.resolve(RunDirectory.CONFIG), config.toString() + "\n"); // whole, as Somnus writes it
        double f = config.get("sleep").get("fraction").asDouble();
        long seed = config.get("seed").asLong();
        double acc = accuracy(f, seed);
        ObjectNode s = JSON.createObjectNode();
        s.put("model", config.get("model").asText());
        s.put("preset", config.get("preset").asText());
        s.put("dataset", config.get("dataset").get("name").asText());
        s.put("seed", seed);
        s.put("sleep_fraction", f);
        s.put("achieved_sleep_fraction", seed == 1 ? 0.0 : f); // seed 1 draws no episode, as an SG-SNN may
        s.put("test_accuracy", acc);
        s.putObject("stability").put("max_drawdown", 0.1 - 0.1 * f).put("last_quarter_std", 0.02 + seed * 0.001);
        s.putObject("weights").putObject("input_e").put("total_abs", 100 * (1 - f)).put("frac_saturated", 0.5 - f / 2);
        s.put("phi", 0.3 + 0.01 * seed);
        s.putArray("input_shape").add(2).add(2);
        Files.writeString(runDir.resolve(RunDirectory.SUMMARY), s.toString());
        StringBuilder csv = new StringBuilder("images_seen,wake_steps,sleep_steps,achieved_sleep_fraction,val_accuracy\n");
        for (int i = 1; i <= 4; i++) {
            csv.append(String.format(Locale.ROOT, "%d,%d,%d,%s,%s%n", i * 100, i * 10, (int) (i * 10 * f), f, acc * i / 4));
        }
        Files.writeString(runDir.resolve(RunDirectory.METRICS), csv);
        progress.update("eval", 1, 1);
    }

    /** The fake's test accuracy: rises with sleep, varies with seed. */
    public static double accuracy(double fraction, long seed) {
        return 0.5 + 0.2 * fraction + 0.01 * (seed % 5);
    }
}
