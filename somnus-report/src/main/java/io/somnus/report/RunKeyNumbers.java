package io.somnus.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.io.SummaryJson;
import io.somnus.experiment.stats.RunRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A single run's own numbers, for the top of its page: test accuracy per readout, validation accuracy over training,
 * sleep asked for and got, firing rates, diversity, time (summary.json, timing.json, config.yaml of the run). A row
 * is left out where its fields were not recorded (an SG-SNN has no firing rates or φ).
 */
final class RunKeyNumbers {
    private RunKeyNumbers() {}

    /** Rows of [what, value]: the run's key numbers in reading order. */
    static List<List<String>> rows(RunRecord run) throws IOException {
        JsonNode s = run.summary();
        JsonNode config = run.config().orElse(null);
        List<List<String>> t = new ArrayList<>();
        boolean frozen = config != null && !config.path("train").path("plasticity").asBoolean(true);
        if (frozen) {
            t.add(List.of("plasticity", "off: an untrained control (its weights stay as initialised)"));
        }
        if (config != null && "continual".equals(config.path("protocol").asText())) {
            t.add(List.of("protocol", "continual (" + config.path("continual").path("tasks").asText("?")
                    + " tasks, one after another)"));
        }
        String main = config == null ? "" : config.path("readout").path("main").asText("");
        JsonNode byReadout = s.path("test_accuracy_by_readout");
        if (main.isEmpty() && byReadout.size() == 1) {
            main = byReadout.fieldNames().next();   // an SG-SNN's one readout
        }
        // readout.source: training (paper-code): test_accuracy is the training stream's readout, the frozen
        // network's is beside it under its own name (docs/run-directory.md)
        boolean stream = "training".equals(s.path("readout_source").asText());
        String of = stream ? ", readout of the training stream" : "";
        t.add(List.of("test accuracy" + (main.isEmpty() ? (stream ? " (readout of the training stream)" : "")
                        : " (" + main + ", the main readout" + of + ")"), Formats.accuracy(run.metric("test_accuracy"))));
        for (Iterator<Map.Entry<String, JsonNode>> it = byReadout.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> r = it.next();
            if (!r.getKey().equals(main)) {
                t.add(List.of("test accuracy (" + r.getKey() + of + ")", Formats.accuracy(number(r.getValue()))));
            }
        }
        if (s.has("test_accuracy_frozen")) {
            List<String> frozenBy = new ArrayList<>();
            s.path("test_accuracy_frozen_by_readout").fields().forEachRemaining(e -> frozenBy.add(e.getKey() + " "
                    + Formats.accuracy(number(e.getValue()))));
            t.add(List.of("test accuracy of the frozen network", Formats.accuracy(run.metric("test_accuracy_frozen"))
                    + (frozenBy.isEmpty() ? "" : " (" + String.join(", ", frozenBy) + ")")));
        }
        if (run.endsRestored()) {
            List<String> accs = new ArrayList<>();
            s.path("early_stopping_accuracies").forEach(a -> accs.add(Formats.accuracy(number(a))));
            t.add(List.of("early stopping", "stopped early, the best epoch's weights restored"
                    + (accs.isEmpty() ? "" : " (validation accuracy per epoch: " + String.join(", ", accs) + ")")));
        }
        if (s.path("readout_fit").has("converged") && !s.path("readout_fit").path("converged").asBoolean()) {
            t.add(List.of("readout fit", "did not converge (" + s.path("readout_fit").path("iterations").asText()
                    + " iterations): its accuracy may be understated"));
        }
        if (s.has("best_validation_epoch")) {
            t.add(List.of("best validation epoch", s.path("best_validation_epoch").asText() + " (validation accuracy "
                    + Formats.accuracy(run.metric("best_validation_accuracy")) + "; test accuracy of that epoch's network "
                    + Formats.accuracy(run.metric("test_accuracy_at_best_validation_epoch")) + ")"));
        }
        if (s.has("stability")) {
            t.add(List.of("validation accuracy over training", "final " + Formats.accuracy(run.metric("stability.final"))
                    + ", peak " + Formats.accuracy(run.metric("stability.peak")) + ", largest fall from a peak "
                    + Formats.accuracy(run.metric("stability.max_drawdown")) + ", std of the last quarter "
                    + Formats.significant(Formats.shown(run.metric("stability.last_quarter_std"), Formats.NOISE))));
        }
        JsonNode continual = s.path("continual");
        if (continual.isObject()) {
            t.add(List.of("continual learning", "average accuracy " + Formats.accuracy(number(continual.path("average_accuracy")))
                    + " (over every task, after the last), average forgetting "
                    + Formats.accuracy(number(continual.path("average_forgetting")))));
        }
        // an untrained control never sleeps (StdpTraining: no plasticity, no sleep schedule), whatever its fraction
        t.add(List.of("sleep", frozen ? "asked " + Formats.fraction(run.sleepFraction()) + "; none: an untrained control does not sleep"
                : sleep(run)));
        String awake = rates(s.path("rates_wake_hz"));
        if (!awake.isEmpty()) {
            t.add(List.of("firing rates awake (Hz)", awake));
        }
        String asleep = rates(s.path("rates_sleep_hz"));
        if (!asleep.isEmpty()) {
            t.add(List.of("firing rates asleep (Hz)", asleep));
        }
        String theta = thetas(s.path("theta_mv"));
        if (!theta.isEmpty()) {
            t.add(List.of("adaptive threshold θ at the end of training (mV)", theta));
        }
        double saturated = InputWeights.saturated(run);
        if (!Double.isNaN(saturated)) {
            t.add(List.of("input weights saturated (fraction" + InputWeights.of(run).map(n -> ", " + n).orElse("") + ")",
                    Formats.significant(saturated)));   // plain: an SG-SNN's 0.000267, not 2.67e-04
        }
        if (s.has("diversity")) {
            double density = SparseInputCosine.density(run); // NaN: no sparse input projection
            t.add(List.of("diversity", "winner fraction " + Formats.significant(run.metric("diversity.winner_fraction"))
                    + ", assignment entropy " + Formats.significant(run.metric("diversity.assignment_entropy"))
                    + " (of 1), receptive-field cosine " + Formats.significant(run.metric(SparseInputCosine.METRIC))
                    + (Double.isNaN(density) ? "" : " (" + SparseInputCosine.clause(density) + ")")
                    + (Double.isNaN(run.metric("phi")) ? "" : ", φ " + Formats.significant(run.metric("phi")))
                    + (Double.isNaN(run.metric("phi_authors")) ? ""
                            : " (the authors' φ " + Formats.significant(run.metric("phi_authors")) + ")")));
        }
        String time = time(RunDirectory.of(run.dir()).timing());
        if (!time.isEmpty()) {
            t.add(List.of("time", time));
        }
        return t;
    }

    /**
     * A continual run's accuracy on each task (columns) after each task was learnt (rows), summary.json's
     * continual.task_accuracy with "–" for a task not yet seen; empty for any other run.
     */
    static List<List<String>> taskAccuracy(RunRecord run) {
        JsonNode m = run.summary().path("continual").path("task_accuracy");
        if (!m.isArray() || m.isEmpty()) {
            return List.of();
        }
        List<List<String>> t = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("after task"));
        for (int task = 1; task <= m.get(0).size(); task++) {
            head.add("task " + task);
        }
        t.add(head);
        for (int k = 0; k < m.size(); k++) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(k + 1)));
            m.get(k).forEach(v -> row.add(Formats.accuracy(number(v))));
            t.add(row);
        }
        return t;
    }

    /** "asked 0.20; achieved 0.198 in 10 episodes"; "asked 0.20; achieved 0: the run never slept". */
    private static String sleep(RunRecord run) {
        String asked = "asked " + Formats.fraction(run.sleepFraction());
        if (run.sleepFraction() == 0) {
            return asked + " (no sleep)";
        }
        double episodes = run.metric(SleepDose.EPISODES);
        String achieved = SleepDose.of(List.of(run)).words();
        return asked + "; achieved " + achieved + (episodes > 0 ? " in " + (long) episodes
                + (episodes == 1 ? " episode" : " episodes") : "");
    }

    /** "e 0.154, i 0" from a population → Hz object; "" when empty. */
    private static String rates(JsonNode rates) {
        List<String> out = new ArrayList<>();
        rates.fields().forEachRemaining(e -> out.add(e.getKey() + " " + Formats.significant(number(e.getValue()))));
        return String.join(", ", out);
    }

    /** "e: mean 18.2, std 3.41, min 9.87, max 30.1" per population of summary.json's theta_mv; "" without it. */
    private static String thetas(JsonNode theta) {
        List<String> out = new ArrayList<>();
        theta.fields().forEachRemaining(e -> {
            Function<String, String> mv = name -> Formats.significant(number(e.getValue().path(name)));
            out.add(e.getKey() + ": mean " + mv.apply("mean") + ", std " + mv.apply("std") + ", min " + mv.apply("min")
                    + ", max " + mv.apply("max"));
        });
        return String.join("; ", out);
    }

    /** "wall 6.11 s: training 1.67 s (119 images/s), sleep 0 s, evaluation 4.27 s"; "" without timing.json. */
    private static String time(Path timing) {
        if (!Files.isRegularFile(timing)) {
            return "";
        }
        JsonNode t;
        try {
            t = Mappers.JSON.readTree(timing.toFile());
        } catch (IOException e) {
            return "";
        }
        if (!t.has("wall_seconds")) {
            return "";
        }
        // the STDP-SNN times its presentations, the SG-SNN its epochs
        double train = t.has("presentation_seconds") ? number(t.path("presentation_seconds")) : number(t.path("train_seconds"));
        List<String> parts = new ArrayList<>();
        if (!Double.isNaN(train)) {
            parts.add("training " + Formats.significant(train) + " s ("
                    + Formats.significant(number(t.path("train_images_per_second"))) + " images/s)");
        }
        if (t.has("sleep_seconds")) {
            parts.add("sleep " + Formats.significant(number(t.path("sleep_seconds"))) + " s");
        }
        if (t.has("evaluation_seconds")) {
            parts.add("evaluation " + Formats.significant(number(t.path("evaluation_seconds"))) + " s");
        }
        return "wall " + Formats.significant(number(t.path("wall_seconds"))) + " s"
                + (parts.isEmpty() ? "" : ": " + String.join(", ", parts));
    }

    /** A JSON number, or NaN (null, and the "NaN" string of summaries written before: {@link SummaryJson}). */
    private static double number(JsonNode n) {
        return SummaryJson.number(n);
    }
}
