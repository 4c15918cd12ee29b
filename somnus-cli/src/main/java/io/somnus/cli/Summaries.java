package io.somnus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** One-paragraph text of a run's summary.json for the terminal. */
final class Summaries {
    private Summaries() { }

    static String describe(JsonNode s) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s on %s, seed %d, sleep fraction %.2f (achieved %.4f)%n",
                s.path("preset").asText(), s.path("dataset").asText(), s.path("seed").asLong(),
                s.path("sleep_fraction").asDouble(), s.path("achieved_sleep_fraction").asDouble()));
        b.append(String.format(Locale.ROOT, "test accuracy %.4f", s.path("test_accuracy").asDouble()));
        JsonNode by = s.path("test_accuracy_by_readout");
        if (by.isObject() && by.size() > 0) {
            b.append(" (");
            var it = by.fields();
            boolean first = true;
            while (it.hasNext()) {
                var e = it.next();
                b.append(first ? "" : ", ").append(e.getKey()).append(' ')
                        .append(String.format(Locale.ROOT, "%.4f", e.getValue().asDouble()));
                first = false;
            }
            b.append(')');
        }
        b.append(String.format(Locale.ROOT, "%ntraining %.1f images/s, wall %.1f s",
                s.path("train_images_per_second").asDouble(), s.path("wall_seconds").asDouble()));
        return b.toString();
    }
}
