package io.somnus.experiment.compare;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.experiment.io.SummaryJson;
import io.somnus.experiment.io.TreeDifferences;
import java.util.List;
import java.util.Set;

/**
 * One value in which two runs' {@code summary.json} differ, with B − A where both are numbers.
 *
 * @param field the dotted name, e.g. {@code test_accuracy} or {@code weights.input_e.mean}
 * @param a     A's value; {@code null} where A has none
 * @param b     B's value; {@code null} where B has none
 * @param delta B − A where both are numbers, else NaN
 */
public record SummaryDifference(String field, JsonNode a, JsonNode b, double delta) {

    /**
     * The values in which {@code b} differs from {@code a}, in A's order. Numbers are compared as numbers ({@code 1}
     * and {@code 1.0} are the same), and an undefined number is one value however written ({@code null}, or "NaN" in
     * a summary written before 7 Dec 2026: {@link SummaryJson#number}).
     */
    static List<SummaryDifference> of(JsonNode a, JsonNode b) {
        return TreeDifferences.of(a, b, Set.of(), SummaryDifference::same).stream()
                .map(d -> new SummaryDifference(d.field(), d.a(), d.b(), delta(d.a(), d.b()))).toList();
    }

    private static boolean same(JsonNode x, JsonNode y) {
        if (x.equals(y)) {
            return true;
        }
        if (!numeric(x) || !numeric(y)) {
            return false;
        }
        double u = SummaryJson.number(x);
        double v = SummaryJson.number(y);
        return u == v || (Double.isNaN(u) && Double.isNaN(v));
    }

    /** A number, or an undefined one as summary.json writes it. */
    private static boolean numeric(JsonNode v) {
        return v.isNumber() || v.isNull() || (v.isTextual() && v.asText().equals("NaN"));
    }

    private static double delta(JsonNode x, JsonNode y) {
        return x != null && y != null && x.isNumber() && y.isNumber() ? y.asDouble() - x.asDouble() : Double.NaN;
    }
}
