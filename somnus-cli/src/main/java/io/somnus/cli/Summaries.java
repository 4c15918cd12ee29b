package io.somnus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.somnus.experiment.io.Csv;
import io.somnus.experiment.io.JsonFiles;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.io.StoppedEarly;
import io.somnus.experiment.io.SummaryJson;
import io.somnus.experiment.model.SummaryFields;
import io.somnus.experiment.run.UserClassProvenance;
import io.somnus.experiment.stats.PresentationStretches;
import io.somnus.experiment.stats.PresentationStretches.Stretch;
import io.somnus.experiment.sweep.PresentationRates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One-paragraph text of a run's summary.json (and timing.json) for the terminal; a number the summary leaves undefined
 * ({@code null}, or "NaN" in one written before 7 Dec 2026) reads NaN, not 0 ({@link SummaryJson#number}).
 */
final class Summaries {
    private Summaries() { }

    /**
     * @param timing    the run's timing.json, or a missing node (runs before it existed kept timings in the summary)
     * @param untrained whether the run's plasticity was off (an untrained control, which never sleeps)
     */
    static String describe(JsonNode s, JsonNode timing, boolean untrained) {
        JsonNode t = timing.isObject() ? timing : s;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s on %s, seed %d, sleep fraction %.2f (achieved %.4f)%n",
                s.path("preset").asText(), s.path("dataset").asText(), s.path("seed").asLong(),
                s.path("sleep_fraction").asDouble(), s.path(SummaryFields.ACHIEVED_SLEEP_FRACTION).asDouble()));
        if (s.path("sleep_fraction").asDouble() > 0 && s.has(SummaryFields.SLEEP_EPISODES)
                && s.path(SummaryFields.SLEEP_EPISODES).asLong() == 0) {
            // it ran as a no-sleep run: say so, or its label misleads (a short run, or an SG-SNN's unlucky draws)
            b.append(untrained ? String.format(Locale.ROOT, "no sleep episode: an untrained control (train.plasticity "
                    + "false) never sleeps; it compares as a run without sleep%n")
                    : String.format(Locale.ROOT, "no sleep episode in its %d wake steps: it compares as a run without "
                    + "sleep%n", s.path("wake_steps").asLong()));
        }
        JsonNode rates = s.path("rates_wake_hz");
        if (rates.isObject() && rates.size() > 0) {
            boolean silent = true;
            for (JsonNode r : rates) {
                silent &= r.isNumber() && r.asDouble() == 0;
            }
            if (silent) { // e.g. an encoding that sends no spike at these settings: the numbers below mean nothing
                b.append(String.format(Locale.ROOT, "no spike while awake (rates_wake_hz 0 in every population): the "
                        + "network never fired, so its readouts had nothing to read%n"));
            }
        }
        for (JsonNode w : s.path(SummaryFields.WARNINGS)) { // before the numbers it casts doubt on
            b.append("warning: ").append(w.asText()).append(System.lineSeparator());
        }
        b.append(String.format(Locale.ROOT, "test accuracy %.4f", SummaryJson.number(s.path("test_accuracy"))));
        JsonNode by = s.path("test_accuracy_by_readout");
        if (by.isObject() && by.size() > 0) {
            b.append(" (");
            var it = by.fields();
            boolean first = true;
            while (it.hasNext()) {
                var e = it.next();
                b.append(first ? "" : ", ").append(e.getKey()).append(' ')
                        .append(String.format(Locale.ROOT, "%.4f", SummaryJson.number(e.getValue())));
                first = false;
            }
            b.append(')');
        }
        if ("training".equals(s.path("readout_source").asText())) {
            // paper-code's readout: its accuracy is over runs of equal labels, not images, and its training may have
            // ended epochs early; a bar that stopped at 55 % and no word of it read as a run cut short
            JsonNode segments = s.path("readout_segments");
            b.append(String.format(Locale.ROOT, "%nread out from the training stream (readout.source: training): %d "
                    + "training and %d test features, one per run of equal labels; the frozen network's test accuracy "
                    + "%.4f", segments.path("training").asInt(), segments.path("test").asInt(),
                    SummaryJson.number(s.path("test_accuracy_frozen"))));
            JsonNode epochs = s.path("early_stopping_accuracies");
            if (StoppedEarly.in(s) && epochs.isArray() && epochs.size() > 0) {
                b.append(String.format(Locale.ROOT, "%nstopped early after epoch %d (%d training images): its "
                        + "validation accuracy no longer improved, and the best epoch's weights were restored "
                        + "(summary.json: stopped_early, early_stopping_accuracies)", epochs.size(),
                        s.path("train_images").asLong()));
            }
        }
        JsonNode continual = s.path("continual");
        if (continual.isObject()) {
            JsonNode rows = continual.path("task_accuracy");
            JsonNode last = rows.isArray() && rows.size() > 0 ? rows.get(rows.size() - 1) : null;
            List<String> tasks = new ArrayList<>();
            if (last != null) {
                last.forEach(a -> tasks.add(String.format(Locale.ROOT, "%.4f", SummaryJson.number(a))));
            }
            b.append(String.format(Locale.ROOT, "%ncontinual, %d tasks: average accuracy %.4f, average forgetting %.4f; "
                    + "after the last task, by task: %s", rows.size(), SummaryJson.number(continual.path("average_accuracy")),
                    SummaryJson.number(continual.path("average_forgetting")), String.join(" ", tasks)));
            JsonNode none = continual.path("classes_in_no_task");
            if (none.isArray() && none.size() > 0) {
                b.append(String.format(Locale.ROOT, "%nclasses %d-%d (%d) are in no task and were never trained on "
                        + "(continual.tasks × continual.classes_per_task cover %d of the dataset's classes)",
                        none.get(0).asInt(), none.get(none.size() - 1).asInt(), none.size(), none.get(0).asInt()));
            }
        }
        // Diehl & Cook's homeostasis: only a population with an adaptive threshold has the section
        s.path("theta_mv").fields().forEachRemaining(e -> b.append(String.format(Locale.ROOT, "%nadaptive threshold θ of "
                + "%s at the end of training: %s", e.getKey(), thetaStatistics(e.getValue()))));
        b.append(String.format(Locale.ROOT, "%ntraining %.1f images/s", t.path("train_images_per_second").asDouble()));
        if (t.has("presentations_per_image")) {
            // runs before timing.json split its phases have only the two figures
            b.append(String.format(Locale.ROOT, " (%.2f presentations/image, %.1f presentations/s; presentations only)",
                    t.path("presentations_per_image").asDouble(), t.path("train_presentations_per_second").asDouble()));
        }
        b.append(String.format(Locale.ROOT, ", wall %.1f s", t.path("wall_seconds").asDouble()));
        return b.toString();
    }

    /**
     * A population's θ statistics in mV, all four to the same decimals, those that give the largest of mean, min and max
     * four significant digits ("mean 24.05 mV, std 3.82, min 20.90, max 36.26"): each to four significant digits,
     * the std read 3.821 beside 24.05.
     */
    static String thetaStatistics(JsonNode theta) {
        double mean = SummaryJson.number(theta.path("mean"));
        double std = SummaryJson.number(theta.path("std"));
        double min = SummaryJson.number(theta.path("min"));
        double max = SummaryJson.number(theta.path("max"));
        double largest = Math.max(Math.abs(mean), Math.max(Math.abs(min), Math.abs(max)));
        int decimals = largest > 0 && Double.isFinite(largest) ? Math.max(0, 3 - (int) Math.floor(Math.log10(largest))) : 2;
        String f = "%." + decimals + "f";
        return String.format(Locale.ROOT, "mean " + f + " mV, std " + f + ", min " + f + ", max " + f, mean, std, min, max);
    }

    /** A run directory's summary.json and timing.json described. */
    static String describe(Path runDir) throws IOException {
        JsonNode summary = JsonFiles.readObject(runDir.resolve(RunDirectory.SUMMARY));
        Path timing = runDir.resolve(RunDirectory.TIMING);
        JsonNode t = Files.isRegularFile(timing)
                ? JsonFiles.readObject(timing)
                : MissingNode.getInstance();
        String loaded = loadedNetwork(runDir.resolve(RunDirectory.PROVENANCE));
        String text = describe(summary, t, loaded == null && untrained(runDir.resolve(RunDirectory.CONFIG)));
        return loaded == null ? text : text + String.format(Locale.ROOT, "%nstarted from the network in %s (--load-network; "
                + "provenance.json: network_loaded_from), not from config.yaml's initial weights", loaded);
    }

    /**
     * The legal but unusual values its configuration had (provenance.json's configuration_warnings), one sentence
     * each, as train or sweep said them when it started; empty where there were none or the file is unreadable
     * (inspect names a broken provenance.json itself).
     */
    static List<String> configurationWarnings(Path runDir) {
        Path provenance = runDir.resolve(RunDirectory.PROVENANCE);
        List<String> out = new ArrayList<>();
        try {
            if (Files.isRegularFile(provenance)) {
                JsonNode w = JsonFiles.readObject(provenance).path("configuration_warnings");
                w.forEach(item -> out.add(item.asText()));
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return out;
    }

    /**
     * One line per class of one's own the run loaded (provenance.json's {@code user_classes}): its name, where it came
     * from and its class files' short digests; none for a run that loaded none, as every preset, or whose
     * provenance.json cannot be read.
     */
    static List<String> userClasses(Path runDir) {
        Path provenance = runDir.resolve(RunDirectory.PROVENANCE);
        List<String> out = new ArrayList<>();
        try {
            if (Files.isRegularFile(provenance)) {
                for (UserClassProvenance c
                        : UserClassProvenance.read(JsonFiles.readObject(provenance))) {
                    out.add("class of one's own: " + c.className() + " from " + c.source() + " (class files: "
                            + UserClassProvenance.shortDigests(c.classFiles()) + ")");
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return out;
    }

    /**
     * The presentations per training image of the first and the last stretch between checkpoints (metrics.csv's
     * {@code presentations}), where the run's preset re-presents images: the rate climbs as θ rises, which the whole
     * run's average hides. Empty for a preset that shows each image once, or a run that recorded no counts or whose
     * files cannot be read (inspect names a broken file itself).
     */
    static List<String> presentationStretches(Path runDir) {
        Path metrics = runDir.resolve(RunDirectory.METRICS);
        Path config = runDir.resolve(RunDirectory.CONFIG);
        try {
            if (!Files.isRegularFile(metrics) || !Files.isRegularFile(config)
                    || !PresentationRates.represents(Mappers.YAML.readTree(config.toFile()))) {
                return List.of();
            }
            boolean endsRestored = StoppedEarly.in(JsonFiles.readObject(runDir.resolve(RunDirectory.SUMMARY)));
            List<Stretch> stretches = PresentationStretches.of(Csv.read(metrics), endsRestored);
            if (stretches.isEmpty()) {
                return List.of();
            }
            Stretch first = stretches.get(0);
            Stretch last = stretches.get(stretches.size() - 1);
            return List.of(String.format(Locale.ROOT, "presentations per training image: %.2f over images %d-%d%s",
                    first.perImage(), first.firstImage(), first.lastImage(), stretches.size() == 1
                            ? " (one checkpoint: the whole training)"
                            : String.format(Locale.ROOT, " (the first checkpoint's stretch), %.2f over images %d-%d (the "
                                    + "last)", last.perImage(), last.firstImage(), last.lastImage())));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** The file a run loaded its network from (provenance.json's network_loaded_from), or null. */
    private static String loadedNetwork(Path provenance) {
        try {
            JsonNode file = Files.isRegularFile(provenance)
                    ? JsonFiles.readObject(provenance).path("network_loaded_from").path("file") : null;
            return file == null || !file.isTextual() ? null : file.asText();
        } catch (IOException | RuntimeException e) {
            return null; // inspect names a broken provenance.json itself
        }
    }

    /** Whether the run's config.yaml turns plasticity off; false where it cannot tell (inspect names a broken file). */
    private static boolean untrained(Path config) {
        try {
            return Files.isRegularFile(config) && !Mappers.YAML
                    .readTree(config.toFile()).path("train").path("plasticity").asBoolean(true);
        } catch (IOException unreadable) {
            return false;
        }
    }
}
