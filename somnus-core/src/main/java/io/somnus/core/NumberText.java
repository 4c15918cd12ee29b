package io.somnus.core;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.math.BigDecimal;

/**
 * How Somnus writes a configuration's number for people (a sweep's variant labels, error messages, the fields table):
 * the fewest significant digits that read back as the same double, in plain decimal for 1e-4 ≤ |x| &lt; 1e7
 * ({@code 0.0005}, {@code 0.002}, {@code -0.3}, {@code 1234567}) and as {@code 1e-5} or {@code 1.5e-10} outside;
 * an integer-valued number without ".0" ({@code 25}, as the CSV files write it); {@code NaN}, {@code Infinity},
 * {@code -Infinity} as Java reads them. {@code Double.parseDouble(of(x))} is {@code x} for every double.
 *
 * <p>Java's {@code Double.toString} ({@code 5.0E-4}) is not used: researchers write {@code 5e-4} or {@code 0.0005},
 * and on Java 17 it is not always the shortest ({@code 1.9999999999999998E23} for 2e23), so that a text made from it
 * would depend on the JDK. The digits come from Jackson's Schubfach ({@link NumberOutput#toString(double, boolean)}),
 * the same on every JDK.
 */
public final class NumberText {
    /** The smallest magnitude written in plain decimal. */
    static final double PLAIN_FROM = 1e-4;
    /** The smallest magnitude written with an exponent again. */
    static final double PLAIN_BELOW = 1e7;

    private NumberText() {
    }

    /** {@code x} as people read it (the class comment has the rule). */
    public static String of(double x) {
        if (!Double.isFinite(x)) {
            return Double.toString(x); // NaN, Infinity, -Infinity
        }
        if (x == 0) {
            return 1 / x < 0 ? "-0" : "0";
        }
        BigDecimal d = new BigDecimal(NumberOutput.toString(x, true)).stripTrailingZeros();
        double m = Math.abs(x);
        if (m >= PLAIN_FROM && m < PLAIN_BELOW) {
            return d.toPlainString();
        }
        String digits = d.unscaledValue().abs().toString();
        int exponent = d.precision() - d.scale() - 1;
        return (x < 0 ? "-" : "") + digits.charAt(0) + (digits.length() > 1 ? "." + digits.substring(1) : "") + "e"
                + exponent;
    }

    /** A configuration value as people read it: a floating-point number by {@link #of(double)}, the rest as Java writes it. */
    public static String of(Object value) {
        return value instanceof Double || value instanceof Float ? of(((Number) value).doubleValue())
                : String.valueOf(value);
    }
}
