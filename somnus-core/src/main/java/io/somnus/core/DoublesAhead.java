package io.somnus.core;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The doubles a {@link SplittableRandom} is about to give, taken ahead in blocks, and the generator then advanced
 * past only those used: the same numbers, and the same state afterwards, as one {@code nextDouble()} per use. A loop
 * whose draws feed a slow function (the input encoders' logarithms) can then work on a block of independent draws
 * instead of one dependent chain per draw. Between {@link #open} and {@link #close} nothing else may draw on the
 * generator.
 * <p>
 * {@code nextDouble()} is {@code (nextLong() >>> 11) · 2⁻⁵³} and {@code nextLong()} is {@link SplittableState#mix64}
 * of the seed advanced by γ (JDK 17 to 25; checked once on a probe generator). Where {@link SplittableState} is not
 * available or the check fails, {@link #open} returns null and callers draw on the generator.
 */
public final class DoublesAhead {
    private static final boolean AVAILABLE = SplittableState.available() && nextDoubleIsMix64();

    private final SplittableRandom rng;
    private final long gamma;
    /** The seed after the draws handed out so far. */
    private long seed;
    /** The seed when opened. */
    private final long start;

    private DoublesAhead(SplittableRandom rng) {
        this.rng = rng;
        this.gamma = SplittableState.gamma(rng);
        this.start = SplittableState.seed(rng);
        this.seed = start;
    }

    /** Draws ahead on {@code rng}, or null where that is not possible (see the class comment). */
    public static DoublesAhead open(RandomGenerator rng) {
        return AVAILABLE && rng instanceof SplittableRandom s ? new DoublesAhead(s) : null;
    }

    /** Writes {@code 1 − nextDouble()} (exact: in (0, 1]) of the next {@code n} draws into {@code out[0, n)}. */
    public void fillComplements(double[] out, int n) {
        long s = seed;
        for (int i = 0; i < n; i++) {
            s += gamma;
            out[i] = 1.0 - (SplittableState.mix64(s) >>> 11) * 0x1.0p-53;
        }
        seed = s;
    }

    /** Leaves the generator as if {@code nextDouble()} had been called {@code used} times since {@link #open}. */
    public void close(long used) {
        SplittableState.setSeed(rng, start + used * gamma);
    }

    private static boolean nextDoubleIsMix64() {
        SplittableRandom probe = new SplittableRandom(20_261_201);
        long s = SplittableState.seed(probe);
        long g = SplittableState.gamma(probe);
        for (int i = 1; i <= 4; i++) {
            if (probe.nextDouble() != (SplittableState.mix64(s + i * g) >>> 11) * 0x1.0p-53) {
                return false;
            }
        }
        return true;
    }
}
