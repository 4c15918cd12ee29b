package io.somnus.experiment.compare;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.experiment.io.SummaryJson;
import io.somnus.experiment.io.TreeDifferences;
import java.util.List;
import java.util.Set;

/**
 * One value in which two runs' {@code summary.json} differ, with B − A where both are numbers.
 *
 * @param field           the dotted name, e.g. {@code test_accuracy} or {@code weights.input_e.mean}
 * @param a               A's value; {@code null} where A has none
 * @param b               B's value; {@code null} where B has none
 * @param delta           B − A where both are numbers, else NaN
 * @param withinTolerance whether the two are numbers within the comparison's {@link Tolerance} (never without one):
 *                        listed, but not a difference
 */
public record SummaryDifference(String field, JsonNode a, JsonNode b, double delta, boolean withinTolerance) {

    /**
     * The values in which {@code b} differs from {@code a}, in A's order. Numbers are compared as numbers ({@code 1}
     * and {@code 1.0} are the same), and an undefined number is one value however written ({@code null}, or "NaN" in
     * a summary written before 7 Dec 2026: {@link SummaryJson#number}); two integers are compared as integers, exactly.
     * Two numbers within {@code tolerance} are listed with {@link #withinTolerance}.
     */
    static List<SummaryDifference> of(JsonNode a, JsonNode b, Tolerance tolerance) {
        return TreeDifferences.of(a, b, Set.of(), SummaryDifference::same).stream()
                .map(d -> new SummaryDifference(d.field(), d.a(), d.b(), delta(d.a(), d.b()),
                        within(d.a(), d.b(), tolerance))).toList();
    }

    private static boolean same(JsonNode x, JsonNode y) {
        if (x.equals(y)) {
            return true;
        }
        if (x.isIntegralNumber() && y.isIntegralNumber()) { // exactly: 2^53 + 1 and 2^53 are one double
            return x.bigIntegerValue().equals(y.bigIntegerValue());
        }
        if (!numeric(x) || !numeric(y)) {
            return false;
        }
        double u = SummaryJson.number(x);
        double v = SummaryJson.number(y);
        return u == v || (Double.isNaN(u) && Double.isNaN(v));
    }

    /** Two JSON numbers (not an undefined one) within {@code tolerance}; two integers compared as integers. */
    private static boolean within(JsonNode x, JsonNode y, Tolerance tolerance) {
        if (tolerance.exact() || x == null || y == null || !x.isNumber() || !y.isNumber()) {
            return false;
        }
        return x.canConvertToLong() && y.canConvertToLong() && x.isIntegralNumber() && y.isIntegralNumber()
                ? tolerance.same(x.longValue(), y.longValue()) : tolerance.same(x.asDouble(), y.asDouble());
    }

    /** A number, or an undefined one as summary.json writes it. */
    private static boolean numeric(JsonNode v) {
        return v.isNumber() || v.isNull() || (v.isTextual() && v.asText().equals("NaN"));
    }

    private static double delta(JsonNode x, JsonNode y) {
        if (x == null || y == null || !x.isNumber() || !y.isNumber()) {
            return Double.NaN;
        }
        return x.isIntegralNumber() && y.isIntegralNumber()
                ? y.bigIntegerValue().subtract(x.bigIntegerValue()).doubleValue() : y.asDouble() - x.asDouble();
    }
}
