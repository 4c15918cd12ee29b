package io.somnus.kernel;

/**
 * e^x in float for the membrane's exponential-Euler factor, written so that the scalar and the SIMD
 * kernels compute it with the same IEEE operations in the same order and therefore agree bit for bit.
 * Cody–Waite reduction x = n·ln2 + r (n = round(x/ln2), |r| ≤ ln2/2), a degree-7 Taylor polynomial of e^r (truncation
 * &lt; 10⁻⁸), and 2ⁿ built from the exponent bits. Relative error ≤ 3·10⁻⁷ against {@link Math#exp} for x in
 * [−87, 0]; x below −87 is taken as −87 (e^−87 ≈ 1.6·10⁻³⁸, so that 2ⁿ stays a normal float).
 */
final class FastExp {
    static final float LOG2E = 1.44269504f;
    /** ln 2 split so that n·LN2_HI is exact for |n| ≤ 2¹². */
    static final float LN2_HI = 0.693359375f;
    static final float LN2_LO = -2.12194440e-4f;
    static final float MIN_ARG = -87f;
    /**
     * 1.5·2²³: adding it to |t| &lt; 2²² leaves t rounded to an integer in the low mantissa bits. Used instead
     * of a float→int conversion, which C2 on Java 17 does not compile to SIMD.
     */
    static final float ROUNDING_SHIFT = 12582912f;
    static final int ROUNDING_SHIFT_BITS = 0x4B400000;
    static final float C2 = 1f / 2;
    static final float C3 = 1f / 6;
    static final float C4 = 1f / 24;
    static final float C5 = 1f / 120;
    static final float C6 = 1f / 720;
    static final float C7 = 1f / 5040;

    private FastExp() { }

    /** e^x for x ≤ 0 (see the class comment for the range). */
    static float expNonPositive(float x) {
        float xc = x < MIN_ARG ? MIN_ARG : x;
        float shifted = xc * LOG2E + ROUNDING_SHIFT; // rounds x·log₂e to the nearest integer n
        int n = Float.floatToRawIntBits(shifted) - ROUNDING_SHIFT_BITS;
        float nf = shifted - ROUNDING_SHIFT;
        float r = (xc - nf * LN2_HI) - nf * LN2_LO;
        float p = C7;
        p = p * r + C6;
        p = p * r + C5;
        p = p * r + C4;
        p = p * r + C3;
        p = p * r + C2;
        p = p * r + 1f;
        p = p * r + 1f;
        return p * Float.intBitsToFloat((n + 127) << 23);
    }
}
