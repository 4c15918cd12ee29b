package io.somnus.kernel;

/**
 * ln v for v in [2⁻⁵³, 1] (the complements of uniform doubles), in plain Java arithmetic that C2 keeps in registers
 * over a block of independent arguments, where {@link Math#log} is a call per draw. The algorithm of fdlibm's
 * {@code __ieee754_log} (Sun Microsystems, 1993): v = 2ᵏ·m with m in [√2/2, √2), f = m − 1, s = f / (2 + f),
 * ln m = 2·atanh s = f − f²/2 + s·(f²/2 + R(s²)) with R a degree-14 polynomial, and k·ln 2 in two parts; its error is
 * below one ulp. Only a guess with a known bound is needed: the input encoders ({@code io.somnus.encoding}) decide
 * each gap from it where the bound cannot change the integer, and from {@link Math#log} otherwise. They take a block
 * at a time ({@link Kernels#unitLogs}), which the SIMD kernel computes by these operations lane by lane: the same bits.
 */
final class UnitLog {
    static final double LN2_HI = 6.93147180369123816490e-01;
    static final double LN2_LO = 1.90821492927058770002e-10;
    static final double LG1 = 6.666666666666735130e-01;
    static final double LG2 = 3.999999999940941908e-01;
    static final double LG3 = 2.857142874366239149e-01;
    static final double LG4 = 2.222219843214978396e-01;
    static final double LG5 = 1.818357216161805012e-01;
    static final double LG6 = 1.531383769920937332e-01;
    static final double LG7 = 1.479819860511658591e-01;
    /** The bits of √2/2, below which m is doubled and k lowered. */
    static final long SQRT_HALF_BITS = 0x3fe6a09e667f3bcdL;
    /** 1.5·2⁵²: its bits plus a small integer k are the double 1.5·2⁵² + k (k as a double without a conversion). */
    static final long MAGIC_BITS = 0x4338000000000000L;
    static final double MAGIC = 0x1.8p52;

    private UnitLog() {
    }

    /** ln v for a normal v in (0, 1] (see the class comment). */
    static double of(double v) {
        long bits = Double.doubleToRawLongBits(v);
        long k = (bits - SQRT_HALF_BITS) >> 52;
        double m = Double.longBitsToDouble(bits - (k << 52));
        double f = m - 1.0;
        double s = f / (2.0 + f);
        double z = s * s;
        double w = z * z;
        double r = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7))) + w * (LG2 + w * (LG4 + w * LG6));
        double hfsq = 0.5 * f * f;
        double dk = Double.longBitsToDouble(MAGIC_BITS + k) - MAGIC;
        return dk * LN2_HI - ((hfsq - (s * (hfsq + r) + dk * LN2_LO)) - f);
    }
}
