package io.somnus.core;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Standard normal draws bit for bit the draws of {@code rng.nextGaussian()} on the same generator, and leaving it in
 * the same state, about four times faster on a {@link SplittableRandom}: the membrane noise of the SG-SNN's sleep
 * (10⁸–10⁹ draws an episode) and of the STDP-SNN's populations (every neuron at every noisy step).
 * <p>
 * The JDK (17 and later) draws {@code nextGaussian()} with a modified ziggurat (McFarland 2016): one
 * {@code nextLong()} {@code u}; when its low byte {@code i = u & 0xFF} names one of the layers that lie wholly under
 * the density (&gt; 98 % of draws) the result is {@code X[i]·u}, with {@code X} a table of the JDK's; otherwise a
 * slower path that may take further longs. Here the fast path runs inline on the concrete generator, and every other
 * draw is handed to the JDK's own method through a generator that first replays {@code u} and then continues the
 * stream — so the draws and the generator's state afterwards are the JDK's.
 * <p>
 * The table is not copied from the JDK: it is read from the running JDK once, by calling {@code nextGaussian()} on a
 * generator that returns {@code 2⁶²+i} first ({@code (double) (2⁶²+i) = 2⁶²}, so the draw is {@code X[i]·2⁶²}) and
 * counting its calls (one call: layer {@code i} is a fast one). Then 200 000 draws from a seeded generator are
 * compared bit for bit with {@code nextGaussian()}; if any differs (another JDK's algorithm), every draw is a
 * {@code nextGaussian()} call. Either way the numbers are the JDK's. {@code -Dsomnus.fast_gaussian=false} (or the
 * older {@code -Dsomnus.sg.fast_noise=false}) asks for a call per draw, to time both.
 */
public final class GaussianDraws {
    /** Turns the fast path off when {@code false} (true by default); {@link #OLD_PROPERTY} is read too. */
    static final String PROPERTY = "somnus.fast_gaussian";
    static final String OLD_PROPERTY = "somnus.sg.fast_noise";

    /** X[i] of a fast layer, NaN for a slow one; null when the fast path is off (see the class comment). */
    private static final double[] LAYER_X = fastPathWanted(System.getProperty(PROPERTY), System.getProperty(OLD_PROPERTY))
            ? readTable() : null;

    private final RandomGenerator rng;
    /** {@link #rng} where the fast path applies to it, else null. */
    private final SplittableRandom splittable;
    private final Replay slow;

    private GaussianDraws(RandomGenerator rng) {
        this.rng = rng;
        this.splittable = LAYER_X != null && rng instanceof SplittableRandom s ? s : null;
        this.slow = splittable != null ? new Replay(0L, splittable) : null;
    }

    /** Draws on {@code rng}: keep the object for as long as {@code rng} is drawn from (it holds a little scratch). */
    public static GaussianDraws on(RandomGenerator rng) {
        return new GaussianDraws(rng);
    }

    /** The generator these draws come from. */
    public RandomGenerator generator() {
        return rng;
    }

    /** {@code rng.nextGaussian()}. */
    public double next() {
        return splittable != null ? next(LAYER_X, splittable, slow) : rng.nextGaussian();
    }

    /** Whether draws on a {@link SplittableRandom} take the fast path (diagnostics and tests). */
    public static boolean fast() {
        return LAYER_X != null;
    }

    /**
     * {@code out[from..to)} = {@code (float) noise.nextGaussian()}, drawn in index order.
     */
    public static void fill(RandomGenerator noise, float[] out, int from, int to) {
        if (LAYER_X != null && noise instanceof SplittableRandom s) {
            fill(LAYER_X, s, out, from, to);
        } else {
            for (int i = from; i < to; i++) {
                out[i] = (float) noise.nextGaussian();
            }
        }
    }

    private static void fill(double[] x, SplittableRandom s, float[] out, int from, int to) {
        Replay slow = new Replay(0L, s); // one per call, reused by every slow-path draw of the fill
        for (int i = from; i < to; i++) {
            out[i] = (float) next(x, s, slow);
        }
    }

    /**
     * One draw: the fast path inline, any other through the JDK's method with {@code u} replayed by {@code slow}
     * (a {@link Replay} continuing {@code s}).
     */
    private static double next(double[] x, SplittableRandom s, Replay slow) {
        long u = s.nextLong();
        double layer = x[(int) u & 0xFF];
        return layer == layer ? layer * u : slow.replaying(u).nextGaussian();
    }

    /** A generator whose first long is {@code first}, then the longs of {@code rest}. */
    private static final class Replay implements RandomGenerator {
        private final RandomGenerator rest;
        private long first;
        private boolean replayed;

        Replay(long first, RandomGenerator rest) {
            this.first = first;
            this.rest = rest;
        }

        /** Starts again: the next long is {@code u}, then the longs of the rest. */
        Replay replaying(long u) {
            first = u;
            replayed = false;
            return this;
        }

        @Override
        public long nextLong() {
            if (!replayed) {
                replayed = true;
                return first;
            }
            return rest.nextLong();
        }
    }

    /**
     * Whether the two properties' values leave the fast path on: each absent, {@code true} or {@code false} (any case);
     * anything else is refused with the property's name.
     */
    static boolean fastPathWanted(String value, String oldValue) {
        return flag(PROPERTY, value) && flag(OLD_PROPERTY, oldValue);
    }

    private static boolean flag(String property, String value) {
        if (value == null) {
            return true;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("-D" + property + "=" + value.trim() + ": must be true or false");
        };
    }

    private static double[] readTable() {
        double[] x = new double[256];
        SplittableRandom continuation = new SplittableRandom(0x5EEDL);
        for (int i = 0; i < 256; i++) {
            Replay probe = new Replay((1L << 62) | i, continuation);
            int[] calls = {0};
            RandomGenerator counting = () -> {
                calls[0]++;
                return probe.nextLong();
            };
            double g = counting.nextGaussian();
            x[i] = calls[0] == 1 ? g / 0x1p62 : Double.NaN;
        }
        return reproduces(x) ? x : null;
    }

    /** Whether the fast path with table {@code x} gives the bits of {@code nextGaussian()} on a seeded stream. */
    private static boolean reproduces(double[] x) {
        SplittableRandom a = new SplittableRandom(20_261_129L);
        SplittableRandom b = new SplittableRandom(20_261_129L);
        Replay slow = new Replay(0L, a);
        for (int i = 0; i < 200_000; i++) {
            if (Double.doubleToRawLongBits(next(x, a, slow)) != Double.doubleToRawLongBits(b.nextGaussian())) {
                return false;
            }
        }
        return a.nextLong() == b.nextLong();
    }
}
