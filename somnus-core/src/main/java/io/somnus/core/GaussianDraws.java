package io.somnus.core;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Standard normal draws: on a {@link SplittableRandom} (every Somnus run's generators), the same numbers on every JDK
 * — the bits of JDK 17's {@code nextGaussian()} on the same generator, leaving it in the same state — about four times
 * faster than calling it; on any other generator, that generator's own {@code nextGaussian()}.
 * <p>
 * The JDK (17 and later) draws {@code nextGaussian()} with a modified ziggurat (McFarland 2016): one
 * {@code nextLong()} {@code u}; when its low byte {@code i = u & 0xFF} names one of the layers that lie wholly under
 * the density (&gt; 98 % of draws) the result is {@code X[i]·u}; otherwise a slower path that may take further longs.
 * Java 25 changed the slow path's arithmetic, so its draws (and a run's numbers) drift from Java 17's after a few
 * million draws. Here the fast path runs inline on the concrete generator and the slow path is
 * {@link ModifiedZiggurat}'s, in JDK 17's arithmetic, on the tables of the running JDK. Where those tables cannot be
 * read (a JVM without {@code --add-opens java.base/jdk.internal.util.random=ALL-UNNAMED}, which the launcher and the
 * builds pass) or with {@code -Dsomnus.fast_gaussian=false} (or the older {@code -Dsomnus.sg.fast_noise=false}), every
 * draw is the JDK's own {@code nextGaussian()} call; {@link #algorithm()} says which, for the run's provenance.
 * <p>
 * The membrane noise of the SG-SNN's sleep (10⁸–10⁹ draws an episode), of the STDP-SNN's populations (every neuron at
 * every noisy step), the sleep's weight noise and the GeomFig images draw here.
 */
public final class GaussianDraws {
    /** What {@code --add-opens} must grant for this class's own draws (the launcher and the builds pass it). */
    public static final String OPENS = "java.base/jdk.internal.util.random=ALL-UNNAMED";
    /** Turns the fast path off when {@code false} (true by default); {@link #OLD_PROPERTY} is read too. */
    static final String PROPERTY = "somnus.fast_gaussian";
    static final String OLD_PROPERTY = "somnus.sg.fast_noise";

    /** The JDK's ziggurat tables when draws on a {@link SplittableRandom} are ours, else null (see the class comment). */
    private static final ModifiedZiggurat.Tables TABLES =
            fastPathWanted(System.getProperty(PROPERTY), System.getProperty(OLD_PROPERTY)) ? ModifiedZiggurat.TABLES : null;

    /** X[i] of the fast layer i (the draw's low byte), NaN for the others: the fast path in one load and one compare. */
    private static final double[] LAYER_X = TABLES != null ? layerTable(TABLES) : null;

    /** One standard normal draw on {@code rng} (see the class comment). */
    public static double draw(RandomGenerator rng) {
        return TABLES != null && rng instanceof SplittableRandom s ? next(TABLES, s) : rng.nextGaussian();
    }

    /** Whether draws on a {@link SplittableRandom} are this class's own, the same on every JDK (tests, diagnostics). */
    public static boolean fast() {
        return TABLES != null;
    }

    /** How {@link #algorithm()} names the tables' draws. */
    private static final String ZIGGURAT = "modified ziggurat";

    /**
     * Which numbers draws on a {@link SplittableRandom} give, as a short stable key: {@code jdk17-ziggurat} for this
     * class's own draws and for the JDK's own on Java 17 (the same bits, {@code GaussianDrawsTest}), otherwise
     * {@code java-N-nextGaussian} (another JDK's own draws). A sweep's ledger compares it on resume.
     */
    public static String stream() {
        return streamOf(TABLES != null, Runtime.version().feature());
    }

    /**
     * The {@link #stream()} of draws made with the ziggurat's tables or not ({@code ziggurat}) on Java {@code feature}:
     * for a run recorded elsewhere, whose provenance gives its {@link #algorithm()} and its Java.
     */
    public static String streamOf(boolean ziggurat, int feature) {
        return ziggurat || feature == 17 ? "jdk17-ziggurat" : "java-" + feature + "-nextGaussian";
    }

    /** Whether an {@link #algorithm()} text (a run's provenance) names the ziggurat's tables. */
    public static boolean namesZiggurat(String algorithm) {
        return algorithm.startsWith(ZIGGURAT);
    }

    /** How draws on a {@link SplittableRandom} are made, for a run's provenance. */
    public static String algorithm() {
        if (TABLES != null) {
            return ZIGGURAT + " in JDK 17's arithmetic (the same on every JDK)";
        }
        return "this JDK's nextGaussian() (" + (ModifiedZiggurat.UNAVAILABLE != null ? ModifiedZiggurat.UNAVAILABLE
                : "-D" + PROPERTY + "=false") + ")";
    }

    /**
     * {@code out[from..to)} = {@code (float)} of {@code noise}'s next draws (as {@link #draw}), drawn in index order.
     */
    public static void fill(RandomGenerator noise, float[] out, int from, int to) {
        fill(noise, out, null, from, to);
    }

    /** {@code out[from..to)} = {@code noise}'s next draws (as {@link #draw}), drawn in index order. */
    public static void fill(RandomGenerator noise, double[] out, int from, int to) {
        fill(noise, null, out, from, to);
    }

    /** The draws into {@code f} (rounded to float) or else {@code d}: one loop for both (C2 unswitches the test). */
    private static void fill(RandomGenerator noise, float[] f, double[] d, int from, int to) {
        if (TABLES != null && noise instanceof SplittableRandom s) {
            if (SplittableState.available()) {
                fillFromState(TABLES, s, f, d, from, to);
                return;
            }
            for (int i = from; i < to; i++) {
                store(f, d, i, next(TABLES, s));
            }
        } else {
            for (int i = from; i < to; i++) {
                store(f, d, i, noise.nextGaussian());
            }
        }
    }

    /**
     * {@link #fill} with the generator's state in a local variable: its {@code nextLong()} (SplitMix64: {@code seed +=
     * γ}, then {@code mix64(seed)}, JDK 17 to 25) inline, so that the draws do not wait on the field's store and reload
     * (≈ 3.7 → 2.5 ns per draw here). The state goes back to the generator before a slow-path draw, which takes its
     * further longs from it, and at the end.
     */
    private static void fillFromState(ModifiedZiggurat.Tables t, SplittableRandom s, float[] f, double[] d, int from,
                                      int to) {
        double[] layers = LAYER_X;
        long seed = SplittableState.seed(s);
        long gamma = SplittableState.gamma(s);
        for (int i = from; i < to; i++) {
            long u = SplittableState.mix64(seed += gamma);
            double layer = layers[(int) u & 0xFF];
            if (layer == layer) {
                store(f, d, i, layer * u);
            } else {
                SplittableState.setSeed(s, seed);
                store(f, d, i, ModifiedZiggurat.normalSlow(t, u, s));
                seed = SplittableState.seed(s);
            }
        }
        SplittableState.setSeed(s, seed);
    }

    private static void store(float[] f, double[] d, int i, double x) {
        if (f != null) {
            f[i] = (float) x;
        } else {
            d[i] = x;
        }
    }

    /** Whether bulk draws keep the generator's state in a local variable (tests, diagnostics). */
    static boolean bulkFromState() {
        return TABLES != null && SplittableState.available();
    }

    /** One draw: the fast path inline (on the concrete generator, so that it compiles to a few instructions). */
    private static double next(ModifiedZiggurat.Tables t, SplittableRandom s) {
        long u = s.nextLong();
        double layer = LAYER_X[(int) u & 0xFF];
        return layer == layer ? layer * u : ModifiedZiggurat.normalSlow(t, u, s);
    }

    /** The layer table for a draw's low byte (the tables' layer mask is 0xFF: their SHA-256 was checked). */
    private static double[] layerTable(ModifiedZiggurat.Tables t) {
        double[] x = new double[256];
        for (int i = 0; i < x.length; i++) {
            x[i] = i < t.normalLayers() ? t.normalX()[i] : Double.NaN;
        }
        return x;
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
}
