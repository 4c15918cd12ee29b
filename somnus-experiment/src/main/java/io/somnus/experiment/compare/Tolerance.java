package io.somnus.experiment.compare;

import java.math.BigInteger;

/**
 * How far apart two numbers of two runs may be and still count as the same, as numpy's {@code isclose(a, b)} says:
 * {@code |a − b| ≤ atol + rtol·|b|}, A's number as {@code a}, B's as {@code b} (B's magnitude scales the relative
 * part). Equal numbers are always the same (infinities of one sign included), and two undefined numbers (NaN) are the
 * same, as without a tolerance; NaN and a number never are. {@link #EXACT} (both 0) asks for equal numbers.
 *
 * @param atol the absolute tolerance, finite and ≥ 0
 * @param rtol the relative tolerance, finite and ≥ 0
 */
public record Tolerance(double atol, double rtol) {
    /** No tolerance: only equal numbers (or two NaN) are the same. */
    public static final Tolerance EXACT = new Tolerance(0, 0);

    /**
     * @throws IllegalArgumentException naming {@code atol} or {@code rtol} when it is negative, NaN or infinite
     */
    public Tolerance {
        check("atol", atol);
        check("rtol", rtol);
    }

    private static void check(String name, double value) {
        if (!allowed(value)) {
            throw new IllegalArgumentException(name + " " + value + ": give a finite number ≥ 0");
        }
    }

    /** Whether {@code value} may be a tolerance: finite and ≥ 0 (not NaN). */
    public static boolean allowed(double value) {
        return value >= 0 && value < Double.POSITIVE_INFINITY;
    }

    /** Whether this tolerance asks for equal numbers (both tolerances 0). */
    public boolean exact() {
        return atol == 0 && rtol == 0;
    }

    /** Whether A's {@code a} and B's {@code b} count as the same: equal, both NaN, or within the tolerance. */
    public boolean same(double a, double b) {
        return a == b || (Double.isNaN(a) && Double.isNaN(b)) || Math.abs(a - b) <= atol + rtol * Math.abs(b);
    }

    /**
     * Whether A's integer {@code a} and B's {@code b} count as the same: equal as integers (not as the nearest
     * doubles, which are one number for 2<sup>53</sup> and 2<sup>53</sup> + 1), or within the tolerance.
     */
    public boolean same(long a, long b) {
        return a == b || (!exact() && absDelta(a, b) <= atol + rtol * Math.abs((double) b));
    }

    /** The larger of {@code largest} and {@code absDelta}, a NaN counting as none (both NaN: NaN). */
    static double larger(double largest, double absDelta) {
        return Double.isNaN(absDelta) || absDelta <= largest ? largest : absDelta;
    }

    /** |b − a| of two integers, exact as a long can hold it, then rounded to the nearest double. */
    static double absDelta(long a, long b) {
        long d = b - a;
        // the subtraction overflowed when a and b have other signs and d has not b's
        return ((a ^ b) & (d ^ b)) < 0 ? BigInteger.valueOf(b).subtract(BigInteger.valueOf(a)).abs().doubleValue()
                : Math.abs((double) d);
    }
}
