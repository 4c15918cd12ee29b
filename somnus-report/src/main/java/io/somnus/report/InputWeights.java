package io.somnus.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.experiment.stats.RunRecord;
import java.util.Optional;

/**
 * Which of a run's projections holds its receptive fields: summary.json's {@code input_weights}, the first projection
 * from the input onto the read-out population that the run measured them on (a composed network's {@code in_e1});
 * absent, as in runs written before it was recorded and in SG-SNN runs, the presets' names ({@code input_e} of the
 * STDP-SNN, {@code in_h} of the SG-SNN, {@code in_h1} where it has more than one hidden layer).
 */
final class InputWeights {
    private InputWeights() {}

    /** The projection's name; empty where no projection from the input reaches the read-out population. */
    static Optional<String> of(RunRecord run) {
        JsonNode recorded = run.summary().get("input_weights");
        if (recorded != null) {
            return recorded.isTextual() ? Optional.of(recorded.asText()) : Optional.empty();
        }
        if (!"sg".equals(run.model())) {
            return Optional.of("input_e");
        }
        return Optional.of(run.summary().path("weights").has("in_h1") ? "in_h1" : "in_h");
    }

    /** The metric of the input weights' saturated fraction ({@code weights.NAME.frac_saturated}), NaN where none. */
    static double saturated(RunRecord run) {
        return of(run).map(name -> run.metric("weights." + name + ".frac_saturated")).orElse(Double.NaN);
    }
}
