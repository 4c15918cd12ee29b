package io.somnus.experiment.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * How a run's {@code summary.json} writes and reads a number that is undefined: {@code last_quarter_std} of a curve
 * of 4 or fewer checkpoints or epochs (its last quarter one point), {@code rf_cosine} without an input projection, a
 * continual task not yet seen. JSON has no NaN: Jackson wrote the string {@code "NaN"}, which Python's {@code json} and pandas read as a string in
 * a column of numbers; it is written {@code null} (JSON's "no value", Python's {@code None}, as {@code verdict.json}
 * writes its undefined numbers). Somnus reads any value that is not a JSON number as NaN, so summaries written before
 * 7 Dec 2026 (with {@code "NaN"}) read as they did.
 */
public final class SummaryJson {
    private SummaryJson() { }

    /**
     * {@code summary} as summary.json holds it: pretty-printed by {@link Mappers#JSON}, every NaN or infinite number
     * written {@code null}; every other number as the mapper writes it.
     */
    public static String text(Map<String, ?> summary) throws JsonProcessingException {
        return Mappers.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(
                undefinedAsNull(Mappers.JSON.valueToTree(summary)));
    }

    /** A summary's number: the JSON number, or NaN where there is none ({@code null}, absent, an older "NaN"). */
    public static double number(JsonNode value) {
        return value != null && value.isNumber() ? value.asDouble() : Double.NaN;
    }

    private static JsonNode undefinedAsNull(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.properties().forEach(e -> e.setValue(undefinedAsNull(e.getValue())));
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, undefinedAsNull(a.get(i)));
            }
        } else if (node.isFloatingPointNumber() && !Double.isFinite(node.asDouble())) {
            return NullNode.getInstance();
        }
        return node;
    }
}
