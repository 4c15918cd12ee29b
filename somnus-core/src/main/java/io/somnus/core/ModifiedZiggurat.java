package io.somnus.core;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * The standard normal draw of McFarland's modified ziggurat (J. Stat. Comput. Simul. 86(7):1281–1294, 2016;
 * arXiv:1403.6870) with Walker's alias method for the overhangs and the tail — the algorithm of the JDK's
 * {@code nextGaussian()} since Java 17 — in the arithmetic that JDK 17 gives it, on any JDK.
 * <p>
 * Why: later JDKs changed the algorithm's arithmetic (Java 25 fuses the overhangs' multiply-adds and caps the
 * tail's exponential draws, so a rare draw differs and, taking fewer longs, shifts the whole stream after it; in a
 * stream of {@code SplittableRandom(42)} the first such draw is number 2 088 998). Every noisy Somnus run draws
 * through here, so a seed gives the same numbers on Java 17 and on Java 25 ({@link GaussianDraws}). The arithmetic
 * here: {@code a·b + c} as two roundings (Java never fuses them), the tail's exponentials summed layer by layer,
 * {@link StrictMath#exp} in the acceptance tests (the JDK's {@code Math.exp} may differ from it by an ulp, which
 * changes a comparison's outcome with probability ≈ 2⁻⁵², i.e. never in practice, and is not specified across CPUs).
 * <p>
 * The tables (layer edges, curve heights, alias thresholds and maps, margins) are not copied: they are read from the
 * running JDK ({@code jdk.internal.util.random.RandomSupport$DoubleZigguratTables}; needs {@code --add-opens
 * java.base/jdk.internal.util.random=ALL-UNNAMED}, which the launcher and the builds' test JVMs pass) and accepted
 * only if their SHA-256 is that of the tables of Java 17 to 25 (checked on both). Otherwise {@link #TABLES} is null
 * and {@link GaussianDraws} falls back to the JDK's own draws (recorded in each run's provenance).
 */
final class ModifiedZiggurat {
    /** SHA-256 of the tables as {@link Tables#digest()} serialises them, on OpenJDK 17.0.21 and Temurin 25.0.3. */
    static final String JDK17_TABLES_SHA256 = "824138b00206622b96de1af91f397cdb0ed5f399540e116cbe44be447c3d6419";

    /** Why the tables could not be used, or null when they are. */
    static final String UNAVAILABLE;
    /** The JDK's tables, or null (see {@link #UNAVAILABLE}). */
    static final Tables TABLES;

    static {
        Tables t = null;
        String why;
        try {
            t = Tables.read();
            String digest = t.digest();
            why = digest.equals(JDK17_TABLES_SHA256) ? null
                    : "this JDK's ziggurat tables (SHA-256 " + digest + ") are not those of Java 17 to 25";
        } catch (InaccessibleObjectException e) {
            why = "this JDK's ziggurat tables cannot be read: java.base does not open jdk.internal.util.random to "
                    + "Somnus; the launcher passes --add-opens " + GaussianDraws.OPENS;
        } catch (ReflectiveOperationException | RuntimeException e) {
            why = "this JDK's ziggurat tables cannot be read (" + e + "); the launcher passes --add-opens "
                    + GaussianDraws.OPENS;
        }
        UNAVAILABLE = why;
        TABLES = why == null ? t : null;
    }

    private ModifiedZiggurat() {
    }

    /**
     * The tables of the normal and the exponential ziggurats. Layer {@code i < layers} of a ziggurat lies wholly under
     * its curve and spans {@code [0, x[i]·2⁶³]}; {@code x[j-1]}, {@code x[j]}, {@code y[j-1]}, {@code y[j]} bound
     * overhang {@code j}; the alias tables pick overhang {@code j} (or the tail, {@code j = 0}) with its area's
     * probability from one long; a point farther from the overhang's chord than a margin (in units of 2⁻⁶³) is
     * accepted (convex) or rejected (concave) without the density.
     */
    record Tables(int normalLayers, int normalLayerMask, int normalAliasMask, int normalSignMask, int inflection,
                  long convexMargin, long concaveMargin, double normalX0, double[] normalX, double[] normalY,
                  long[] normalAliasThreshold, byte[] normalAliasMap,
                  int exponentialLayers, int exponentialLayerMask, int exponentialAliasMask, int exponentialSignMask,
                  long exponentialConvexMargin, double exponentialX0, double[] exponentialX, double[] exponentialY,
                  long[] exponentialAliasThreshold, byte[] exponentialAliasMap) {

        static Tables read() throws ReflectiveOperationException {
            Class<?> c = Class.forName("jdk.internal.util.random.RandomSupport$DoubleZigguratTables");
            return new Tables(
                    (int) get(c, "normalNumberOfLayers"), (int) get(c, "normalLayerMask"), (int) get(c, "normalAliasMask"),
                    (int) get(c, "normalSignCorrectionMask"), (int) get(c, "normalInflectionIndex"),
                    (long) get(c, "normalConvexMargin"), (long) get(c, "normalConcaveMargin"), (double) get(c, "normalX0"),
                    (double[]) get(c, "normalX"), (double[]) get(c, "normalY"),
                    (long[]) get(c, "normalAliasThreshold"), (byte[]) get(c, "normalAliasMap"),
                    (int) get(c, "exponentialNumberOfLayers"), (int) get(c, "exponentialLayerMask"),
                    (int) get(c, "exponentialAliasMask"), (int) get(c, "exponentialSignCorrectionMask"),
                    (long) get(c, "exponentialConvexMargin"), (double) get(c, "exponentialX0"),
                    (double[]) get(c, "exponentialX"), (double[]) get(c, "exponentialY"),
                    (long[]) get(c, "exponentialAliasThreshold"), (byte[]) get(c, "exponentialAliasMap"));
        }

        private static Object get(Class<?> c, String name) throws ReflectiveOperationException {
            Field f = c.getDeclaredField(name);
            f.setAccessible(true);
            Object v = f.get(null);
            // a copy: nothing here may write into the JDK's arrays
            return v.getClass().isArray() ? copy(v) : v;
        }

        private static Object copy(Object array) {
            int n = Array.getLength(array);
            Object out = Array.newInstance(array.getClass().getComponentType(), n);
            System.arraycopy(array, 0, out, 0, n);
            return out;
        }

        /** SHA-256 of every field, in declaration order, big-endian (arrays by their elements). */
        String digest() {
            try {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                for (var component : Tables.class.getRecordComponents()) {
                    Object v = component.getAccessor().invoke(this);
                    if (v.getClass().isArray()) {
                        for (int i = 0; i < Array.getLength(v); i++) {
                            md.update(bytes(Array.get(v, i)));
                        }
                    } else {
                        md.update(bytes(v));
                    }
                }
                return HexFormat.of().formatHex(md.digest());
            } catch (NoSuchAlgorithmException | ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        private static byte[] bytes(Object v) {
            ByteBuffer b = ByteBuffer.allocate(8);
            if (v instanceof Double d) {
                b.putLong(Double.doubleToRawLongBits(d));
            } else if (v instanceof Long l) {
                b.putLong(l);
            } else if (v instanceof Integer i) {
                b.putInt(i);
            } else {
                b.put((Byte) v);
            }
            return Arrays.copyOf(b.array(), b.position());
        }
    }

    /**
     * The rest of a draw whose first long {@code u} fell outside the fast layers: its sign is {@code u}'s sign bit,
     * its other 63 bits the first horizontal coordinate; further longs come from {@code g}.
     */
    static double normalSlow(Tables t, long u, RandomGenerator g) {
        double sign = u >= 0 ? 1.0 : -1.0;
        long u1 = (u << 1) >>> 1;
        int j = alias(g.nextLong(), t.normalAliasMask, t.normalAliasThreshold, t.normalAliasMap, t.normalSignMask);
        double x;
        if (j > t.inflection) {
            x = concaveOverhang(t, j, u1, g);
        } else if (j == 0) {
            x = tail(t, g);
        } else if (j < t.inflection) {
            x = convexOverhang(t.normalX, t.normalY, t.convexMargin, true, j, u1, g);
        } else {
            x = inflectionOverhang(t, j, u1, g);
        }
        return sign * x;
    }

    /** Walker's alias method: the column the long's low bits name, or its alias when the long is past its threshold. */
    private static int alias(long ua, int mask, long[] threshold, byte[] map, int signMask) {
        int j = (int) ua & mask;
        return ua >= threshold[j] ? map[j] & signMask : j;
    }

    /** x at fraction {@code u1}·2⁻⁶³ of overhang j's width, from its right edge. */
    private static double across(double[] x, int j, long u1) {
        return x[j] * 0x1.0p63 + (x[j - 1] - x[j]) * (double) u1;
    }

    /** The density's height at fraction {@code u2}·2⁻⁶³ of overhang j's height, from its top. */
    private static double up(double[] y, int j, long u2) {
        return y[j] * 0x1.0p63 + (y[j - 1] - y[j]) * (double) u2;
    }

    private static boolean underGaussian(double y, double x) {
        return y <= StrictMath.exp(-0.5 * x * x);
    }

    /** Above the inflection point: points under the chord are under the curve; far above it they are not. */
    private static double concaveOverhang(Tables t, int j, long u1, RandomGenerator g) {
        for (;; u1 = g.nextLong() >>> 1) {
            long u2 = g.nextLong() >>> 1;
            double x = across(t.normalX, j, u1);
            long below = u2 - u1;
            if (below >= 0) {
                return x;
            }
            if (below > -t.concaveMargin && underGaussian(up(t.normalY, j, u2), x)) {
                return x;
            }
        }
    }

    /**
     * A convex overhang (the normal's below its inflection point; every one of the exponential's): points above the
     * chord are reflected under it; points farther under it than {@code margin} are accepted without the density.
     */
    private static double convexOverhang(double[] xs, double[] ys, long margin, boolean normal, int j, long u1,
                                         RandomGenerator g) {
        for (;; u1 = g.nextLong() >>> 1) {
            long u2 = g.nextLong() >>> 1;
            long below = u2 - u1;
            if (below < 0) {
                below = -below;
                u2 = u1;
                u1 -= below;
            }
            double x = across(xs, j, u1);
            if (below >= margin || up(ys, j, u2) <= (normal ? StrictMath.exp(-0.5 * x * x) : StrictMath.exp(-x))) {
                return x;
            }
        }
    }

    /** The overhang that holds the inflection point: both margins apply, no reflection. */
    private static double inflectionOverhang(Tables t, int j, long u1, RandomGenerator g) {
        for (;; u1 = g.nextLong() >>> 1) {
            long u2 = g.nextLong() >>> 1;
            double x = across(t.normalX, j, u1);
            long below = u2 - u1;
            if (below >= t.convexMargin) {
                return x;
            }
            if (below > -t.concaveMargin && underGaussian(up(t.normalY, j, u2), x)) {
                return x;
            }
        }
    }

    /** Beyond x₀: Marsaglia's tail method on two exponential draws per try. */
    private static double tail(Tables t, RandomGenerator g) {
        double x;
        do {
            x = (1.0 / t.normalX0) * exponential(t, g);
        } while (exponential(t, g) < 0.5 * x * x);
        return x + t.normalX0;
    }

    /** A standard exponential draw (the ziggurat of e^−x; every overhang convex; the tail is x₀ plus a fresh draw). */
    static double exponential(Tables t, RandomGenerator g) {
        long u1 = g.nextLong();
        long layer = u1 & t.exponentialLayerMask;
        if (layer < t.exponentialLayers) {
            return t.exponentialX[(int) layer] * (u1 >>> 1);
        }
        for (double extra = 0.0; ; ) {
            int j = alias(g.nextLong(), t.exponentialAliasMask, t.exponentialAliasThreshold, t.exponentialAliasMap,
                    t.exponentialSignMask);
            if (j > 0) {
                return convexOverhang(t.exponentialX, t.exponentialY, t.exponentialConvexMargin, false, j, u1 >>> 1, g)
                        + extra;
            }
            extra += t.exponentialX0;
            u1 = g.nextLong();
            layer = u1 & t.exponentialLayerMask;
            if (layer < t.exponentialLayers) {
                return t.exponentialX[(int) layer] * (u1 >>> 1) + extra;
            }
        }
    }
}
