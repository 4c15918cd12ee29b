package io.somnus.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.io.NpyArray;
import io.somnus.experiment.io.Npz;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.model.RunProgress;
import io.somnus.experiment.run.RunConfigResolver;
import io.somnus.experiment.run.RunExecutor;
import io.somnus.experiment.sweep.SweepCommandSupport;
import io.somnus.experiment.sweep.SweepListener;
import io.somnus.experiment.sweep.SweepResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a synthetic sweep directory through the real sweep machinery, with an executor that fills each
 * run directory as docs/run-directory.md describes: an STDP model whose weights grow and whose accuracy sags without
 * sleep, and an SG model that sleep does not affect. Numbers are made up; only their shapes matter.
 */
final class SyntheticStudy {
    static final int SIDE = 10;
    static final int INPUTS = SIDE * SIDE;
    static final int NEURONS = 64;
    static final int CHECKPOINTS = 12;

    private SyntheticStudy() {}

    static SweepResult sweep(Path dir, String yaml) throws Exception {
        return sweep(dir, yaml, "input_e");
    }

    /** As {@link #sweep(Path, String)}, the STDP model's input projection named {@code input} (a composed network's). */
    static SweepResult sweep(Path dir, String yaml, String input) throws Exception {
        Path file = dir.resolveSibling(dir.getFileName() + ".yaml");
        Files.writeString(file, yaml);
        return new SweepCommandSupport(new Resolver(), new Executor(input)).run(file, dir, 2, false, SweepListener.NONE);
    }

    static final class Resolver implements RunConfigResolver {
        @Override
        public ObjectNode resolve(Map<String, Object> settings) {
            String preset = (String) settings.get("preset");
            if (!preset.equals("paper") && !preset.equals("paper-sg")) {
                throw new ConfigException("preset = '" + preset + "': unknown");
            }
            ObjectNode c = JsonNodeFactory.instance.objectNode();
            c.put("model", preset.equals("paper") ? "stdp" : "sg");
            c.put("preset", preset);
            c.put("seed", ((Number) settings.get("seed")).longValue());
            c.putObject("dataset").put("name", (String) settings.get("dataset.name")).putNull("dir");
            c.putObject("train").put("images", 6000).put("validation_images", 500).put("test_images", 1000)
                    .put("checkpoints", CHECKPOINTS);
            c.putObject("sleep").put("fraction", ((Number) settings.get("sleep.fraction")).doubleValue()).put("wake_steps", 350);
            c.put("protocol", "standard");
            return c;
        }
    }

    static final class Executor implements RunExecutor {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final String input;

        Executor(String input) {
            this.input = input;
        }

        @Override
        public void execute(ObjectNode config, Path dir, RunProgress progress) throws IOException {
            boolean stdp = config.get("model").asText().equals("stdp");
            double f = config.get("sleep").get("fraction").asDouble();
            long seed = config.get("seed").asLong();
            String dataset = config.get("dataset").get("name").asText();
            SplittableRandom rng = new SplittableRandom(seed * 31 + dataset.hashCode() + (stdp ? 7 : 11) + (long) (f * 1000));
            Files.writeString(dir.resolve(RunDirectory.CONFIG), new YAMLMapper().writeValueAsString(config));

            // accuracy curve: rises; STDP sags later unless it sleeps
            double[] acc = new double[CHECKPOINTS];
            double peak = 0;
            double drawdown = 0;
            StringBuilder metrics = new StringBuilder("images_seen,wake_steps,sleep_steps,achieved_sleep_fraction,val_accuracy,"
                    + "w_input_e_total_abs,w_input_e_frac_saturated,phi\n");
            for (int k = 0; k < CHECKPOINTS; k++) {
                double t = (k + 1) / (double) CHECKPOINTS;
                double base = (stdp ? 0.72 : 0.84) * (1 - Math.exp(-5 * t));
                double sag = stdp ? 0.25 * Math.max(0, t - 0.5) * (1 - Math.min(1, 4 * f)) : 0;
                acc[k] = base - sag + 0.015 * rng.nextGaussian();
                peak = Math.max(peak, acc[k]);
                drawdown = Math.max(drawdown, peak - acc[k]);
                metrics.append(String.format(Locale.ROOT, "%d,%d,%d,%s,%s,%s,%s,%s%n", (k + 1) * 500, (k + 1) * 350 * 500,
                        (long) ((k + 1) * 350 * 500 * f / (1 - f)), f, acc[k], 300 * (1 + 2 * t * (1 - f)),
                        stdp ? 0.3 * t * (1 - f) : "", stdp ? 0.2 + 0.1 * f : ""));
                progress.update("train", k, CHECKPOINTS);
            }
            Files.writeString(dir.resolve(RunDirectory.METRICS), metrics);
            double test = acc[CHECKPOINTS - 1] + 0.005 * rng.nextGaussian();

            ObjectNode s = JSON.createObjectNode();
            s.put("model", stdp ? "stdp" : "sg");
            s.put("preset", config.get("preset").asText());
            s.put("dataset", dataset);
            s.put("seed", seed);
            s.put("sleep_fraction", f);
            s.put("achieved_sleep_fraction", f * (1 + 0.01 * rng.nextGaussian()));
            s.put("test_accuracy", test);
            s.putObject("test_accuracy_by_readout").put("pca-logistic", test).put("vote", test - 0.1);
            s.put("train_images_per_second", 1000 + 100 * rng.nextDouble());
            s.put("wall_seconds", 12.5);
            double lastQuarterStd = stdp ? 0.03 * (1 - f) + 0.005 * rng.nextDouble() : 0.01;
            s.putObject("stability").put("final", acc[CHECKPOINTS - 1]).put("peak", peak).put("last_quarter_mean", test)
                    .put("last_quarter_std", lastQuarterStd).put("max_drawdown", drawdown);
            ObjectNode weights = s.putObject("weights");
            for (String p : stdp ? new String[] {input, "e_e", "e_i", "i_e"} : new String[] {"in_h", "h_h", "h_out"}) {
                weights.putObject(p).put("mean", 0.2).put("std", 0.1).put("min", 0).put("max", 1)
                        .put("total_abs", (p.equals(input) ? 3000 : 80) * (stdp ? 1 + 2 * (1 - f) : 1) * (1 + 0.05 * rng.nextGaussian()))
                        .put("frac_saturated", stdp ? Math.max(0, 0.35 * (1 - 3 * f) + 0.02 * rng.nextGaussian()) : 0.01)
                        .put("frac_near_zero", 0.1).put("entropy", 3.2);
            }
            s.putObject("diversity").put("winner_fraction", stdp ? 0.4 + 0.8 * f + 0.03 * rng.nextGaussian() : 0.9)
                    .put("assignment_entropy", 3.0 + f).put("rf_cosine", 0.6 - 0.5 * f);
            s.put("phi", 0.2 + 0.1 * f + 0.01 * rng.nextGaussian());
            ArrayNode shape = s.putArray("input_shape");
            shape.add(SIDE).add(SIDE);
            if (stdp && !input.equals("input_e")) {
                s.put("input_weights", input);
            }
            Files.writeString(dir.resolve(RunDirectory.SUMMARY), s.toString());

            ObjectNode prov = JSON.createObjectNode();
            prov.put("somnus_version", "0.1.0-SNAPSHOT");
            prov.put("java_version", "17.0.15");
            prov.put("seed", seed);
            prov.putArray("datasets").addObject().put("file", dataset + "-train.idx")
                    .put("sha256", Integer.toHexString(dataset.hashCode()).repeat(8));
            prov.put("start_time", "2026-01-01T10:00:00Z");
            prov.put("end_time", "2026-01-01T10:05:00Z");
            Files.writeString(dir.resolve(RunDirectory.PROVENANCE), prov.toString());

            // receptive fields: a blob per neuron; saturated (blown out) without sleep
            float[] w = new float[INPUTS * NEURONS];
            for (int j = 0; j < NEURONS; j++) {
                double cx = rng.nextDouble(SIDE);
                double cy = rng.nextDouble(SIDE);
                for (int y = 0; y < SIDE; y++) {
                    for (int x = 0; x < SIDE; x++) {
                        double d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                        double v = Math.exp(-d2 / (4 + 20 * (1 - f))) + 0.1 * rng.nextDouble();
                        w[(y * SIDE + x) * NEURONS + j] = (float) Math.min(1, v * (1 + (1 - f)));
                    }
                }
            }
            Map<String, NpyArray> arrays = new LinkedHashMap<>();
            arrays.put(stdp ? input : "in_h", NpyArray.of(w, INPUTS, NEURONS));
            arrays.put(stdp ? "e_i" : "h_out", NpyArray.of(new float[NEURONS * 10], NEURONS, 10));
            Npz.write(dir.resolve(RunDirectory.WEIGHTS), arrays);

            // sleep traces: wake growth, sleep decay; episodes every 1000 steps
            StringBuilder traces = new StringBuilder("step,phase,episode,projection,total_abs,mean\n");
            double[] total = {3000, 80};
            String[] projections = stdp ? new String[] {input, "e_e"} : new String[] {"in_h", "h_h"};
            int sleepLen = (int) Math.round(1000 * f / (1 - f));
            int step = 0;
            for (int episode = 0; episode < 6; episode++) {
                for (int k = 0; k < 10; k++) {
                    step += 100;
                    for (int p = 0; p < 2; p++) {
                        total[p] *= stdp ? 1.03 : 1.002;
                        traces.append(String.format(Locale.ROOT, "%d,wake,%d,%s,%s,%s%n", step, episode, projections[p], total[p], total[p] / 1e4));
                    }
                }
                if (sleepLen > 0) {
                    for (int k = 0; k < 5; k++) {
                        step += Math.max(1, sleepLen / 5);
                        for (int p = 0; p < 2; p++) {
                            total[p] *= stdp ? 0.94 : 0.999;
                            traces.append(String.format(Locale.ROOT, "%d,sleep,%d,%s,%s,%s%n", step, episode, projections[p], total[p], total[p] / 1e4));
                        }
                    }
                }
            }
            Files.writeString(dir.resolve(RunDirectory.SLEEP_TRACES), traces);

            StringBuilder hist = new StringBuilder("episode,when,projection,bin_lo,bin_hi,count\n");
            for (int episode = 0; episode < (f > 0 ? 6 : 0); episode++) {
                for (String when : new String[] {"before", "after"}) {
                    double centre = when.equals("before") ? 0.6 : 0.35;
                    for (int b = 0; b < 20; b++) {
                        double lo = b / 20.0;
                        double x = lo + 0.025;
                        long count = Math.round(1000 * Math.exp(-(x - centre) * (x - centre) / 0.02));
                        hist.append(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%d%n", episode, when, projections[0], lo, lo + 0.05, count));
                    }
                }
            }
            Files.writeString(dir.resolve(RunDirectory.WEIGHT_HISTOGRAMS), hist);
            progress.update("eval", 1, 1);
        }
    }
}
