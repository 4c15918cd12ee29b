package io.somnus.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.stream.DoubleStream;

/**
 * How one table column writes its numbers, one rule for all of them, a mean and its interval's ends alike: as many
 * decimals as give the column's largest value {@link #DIGITS} significant digits (0.390 [0.298, 0.485], 0.005
 * [0.000, 0.018] beside them), trailing zeros kept; or, where that would write one of its values as 0 (a saturated
 * fraction of 5e-5 beside 0.91), {@link #DIGITS} significant digits for every number. Always in plain decimal: a
 * column of 0.00156 and 7.81e-04 read as two kinds of number.
 *
 * @param decimals    the decimals of every number, where not {@code significant}
 * @param significant whether each number gets {@link #DIGITS} significant digits instead
 */
record NumberColumn(int decimals, boolean significant) {
    /** Significant digits of the column's largest value (or of each value). */
    static final int DIGITS = 3;
    /** At most this many decimals in the fixed form; beyond it, significant digits. */
    static final int MAX_DECIMALS = 6;

    /**
     * The rule for a column of {@code values} (the values the column is read by: the means, not their intervals'
     * ends, which follow them); NaN and ±∞ ignored, as are values below {@code floor}, shown as 0 ({@link Formats#shown}).
     */
    static NumberColumn of(DoubleStream values, double floor) {
        double[] v = values.filter(Double::isFinite).map(x -> Formats.shown(x, floor)).toArray();
        double largest = DoubleStream.of(v).map(Math::abs).max().orElse(0);
        if (largest == 0) {
            return new NumberColumn(DIGITS - 1, false);
        }
        int decimals = Math.max(0, DIGITS - 1 - (int) Math.floor(Math.log10(largest)));
        // a value that would round to 0 at these decimals: the column's digits say too little of it
        double smallest = 0.5 * Math.pow(10, -decimals);
        boolean lost = DoubleStream.of(v).anyMatch(x -> x != 0 && Math.abs(x) < smallest);
        return lost || decimals > MAX_DECIMALS ? new NumberColumn(0, true) : new NumberColumn(decimals, false);
    }

    /** {@code v} by the column's rule: "–" for NaN, "∞" and "−∞", no "-0". */
    String format(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "−∞";
        }
        return significant ? significant(v) : fixed(v, decimals);
    }

    /** {@code v} to {@code decimals} decimals, a value that rounds to zero without its sign ("0.000", not "-0.000"). */
    static String fixed(double v, int decimals) {
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        return s.startsWith("-") && s.chars().noneMatch(c -> c >= '1' && c <= '9') ? s.substring(1) : s;
    }

    /** {@code v} to {@link #DIGITS} significant digits in plain decimal, trailing zeros kept (0.200, 0.000781); 0 as "0". */
    static String significant(double v) {
        if (v == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(DIGITS));
        // 1 → 1.00, 0.5 → 0.500: an exact double has as few digits as it needs
        return (d.precision() < DIGITS ? d.setScale(d.scale() + DIGITS - d.precision()) : d).toPlainString();
    }
}
