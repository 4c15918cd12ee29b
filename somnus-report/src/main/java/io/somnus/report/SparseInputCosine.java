package io.somnus.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.experiment.config.StudyControl;
import io.somnus.experiment.stats.AggregateRow;
import io.somnus.experiment.stats.RunRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the receptive-field cosine ({@code diversity.rf_cosine}) reads where the input projection is sparse: two random
 * connection masks of density p overlap by about p, so the masks hold it near p, trained or not (0.0984 in every
 * {@code paper} run), which read as "no learning" (docs/run-directory.md); the untrained control's is its yardstick.
 */
final class SparseInputCosine {
    /** The metric it explains. */
    static final String METRIC = "diversity.rf_cosine";

    private SparseInputCosine() {}

    /**
     * The connection probability p of the run's input projection ({@link InputWeights#of}) where it is sparse (connector
     * fixed_probability, p below 1); NaN where it is not, or where the run's configuration does not say.
     */
    static double density(RunRecord run) {
        Optional<String> name = InputWeights.of(run);
        JsonNode config;
        try {
            config = run.config().orElse(null);
        } catch (IOException | RuntimeException unreadable) { // a damaged config.yaml: its own check names it
            return Double.NaN;
        }
        if (name.isEmpty() || config == null) {
            return Double.NaN;
        }
        for (JsonNode projection : config.path("projections")) {
            if (projection.path("name").asText().equals(name.get())) {
                double p = projection.path("p").asDouble(Double.NaN);
                return "fixed_probability".equalsIgnoreCase(projection.path("connector").asText()) && p < 1 ? p
                        : Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** Beside the number on a run's page: why it sits near p. */
    static String clause(double p) {
        return "the sparse input projection's connection masks hold it near p = " + Formats.significant(p)
                + ", trained or not (two random masks of density p overlap by about p)";
    }

    /**
     * Under a study's panel: the same, with the untrained control's mean beside it ({@code control}; NaN where the
     * study has none to give).
     */
    static String sentence(double p, double control) {
        return "Receptive-field cosine: " + clause(p) + (Double.isNaN(control) ? ""
                : "; read it against the untrained control's " + Formats.significant(control) + ", not against 0")
                + ".";
    }

    /**
     * Under a study's panel of {@code runs} (one group): {@link #sentence} where every run's input projection has one
     * density p; where the runs mix densities, or sparse with dense ones (a grid or {@code --set} on the projection),
     * which runs have which p, by sleep fraction and seed; empty where none is sparse.
     *
     * @param control the untrained control's mean ({@link #untrained}), NaN where there is none
     */
    static Optional<String> note(List<RunRecord> runs, double control) {
        Map<Double, List<RunRecord>> byDensity = new TreeMap<>(); // NaN, the dense runs, last
        for (RunRecord r : runs) {
            byDensity.computeIfAbsent(density(r), p -> new ArrayList<>()).add(r);
        }
        if (byDensity.keySet().stream().allMatch(p -> p.isNaN())) {
            return Optional.empty();
        }
        if (byDensity.size() == 1) {
            return Optional.of(sentence(byDensity.keySet().iterator().next(), control));
        }
        List<String> which = new ArrayList<>();
        byDensity.forEach((p, of) -> which.add((p.isNaN() ? "dense (no mask)" : "p = " + Formats.significant(p))
                + " in " + of.size() + " of " + runs.size() + " runs (" + runsInWords(of) + ")"));
        return Optional.of("Receptive-field cosine: where the input projection is sparse, its connection masks hold it "
                + "near p, trained or not (two random masks of density p overlap by about p); the runs here mix "
                + "densities: " + String.join("; ", which) + (Double.isNaN(control) ? ""
                : "; read the sparse runs' against the untrained control's " + Formats.significant(control)
                + ", not against 0") + ".");
    }

    /** The runs by sleep fraction and seed: "f = 0 (seeds 1, 2), f = 0.2 (seed 1)". */
    private static String runsInWords(List<RunRecord> runs) {
        Map<Double, List<Long>> seeds = new TreeMap<>();
        runs.forEach(r -> seeds.computeIfAbsent(r.sleepFraction(), f -> new ArrayList<>()).add(r.seed()));
        List<String> out = new ArrayList<>();
        seeds.forEach((f, of) -> out.add("f = " + Formats.significant(f) + " (seed" + (of.size() == 1 ? " " : "s ")
                + String.join(", ", of.stream().sorted().map(String::valueOf).toList()) + ")"));
        return String.join(", ", out);
    }

    /**
     * The study's mean of the metric over the untrained controls beside a group of trained runs (the same preset,
     * dataset and variant); NaN for a control's own group, or where the study has no such control.
     */
    static double untrained(List<AggregateRow> rows, Group group) {
        if (!StudyControl.labelIn(group.variant()).isEmpty()) {
            return Double.NaN;
        }
        return rows.stream().filter(r -> r.metric().equals(METRIC) && r.cell().preset().equals(group.preset())
                        && r.cell().dataset().equals(group.dataset())
                        && StudyControl.labelIn(r.cell().variant()).equals(StudyControl.UNTRAINED.label())
                        && StudyControl.gridPartOf(r.cell().variant()).equals(group.variant()))
                .mapToDouble(r -> r.stats().mean()).findFirst().orElse(Double.NaN);
    }
}
