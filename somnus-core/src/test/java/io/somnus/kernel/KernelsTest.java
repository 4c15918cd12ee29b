package io.somnus.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.neuron.ConductanceLifParameters;
import io.somnus.neuron.ConductanceLifPopulation;
import io.somnus.neuron.Population;
import java.util.Arrays;
import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SIMD kernels against the scalar ones, bit for bit, on random states whose sizes are not multiples of
 * the vector length (so the scalar tail runs too), and both against independent computations.
 * This module's Surefire runs with {@code --add-modules jdk.incubator.vector}, so the SIMD kernels must load.
 */
class KernelsTest {
    private static final Kernels SCALAR = Kernels.scalar();
    private static Kernels vector;

    @BeforeAll
    static void vectorKernelsLoad() {
        vector = Kernels.vector();
        assertNotNull(vector, "the Vector API module is on in this module's tests; the SIMD kernels must load");
        assertTrue(vector.name().startsWith("vector-"));
    }

    /**
     * Both kernels find the first NaN or ±∞ (the definition: the first index where {@code Float.isFinite} fails)
     * at every position of lengths around the vector width, with a later bad value behind it, and pass the finite
     * extremes; n below the array's length reads nothing beyond n.
     */
    @Test
    void firstNonFiniteIsTheFirstIndexNotFinite() {
        float[] bad = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.intBitsToFloat(0x7f800001)};
        float[] finite = {Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -0f, 1e-40f};
        for (Kernels k : new Kernels[] {SCALAR, vector}) {
            for (int n = 0; n <= 70; n++) {
                float[] x = new float[n + 3];
                for (int i = 0; i < n; i++) {
                    x[i] = finite[i % finite.length];
                }
                x[n] = Float.NaN; // beyond n: not read
                assertEquals(-1, k.firstNonFinite(x, n), k.name() + " n=" + n);
                for (int at = 0; at < n; at++) {
                    float keep = x[at];
                    x[at] = bad[at % bad.length];
                    float later = at + 2 < n ? x[at + 2] : 0f;
                    if (at + 2 < n) {
                        x[at + 2] = Float.NaN;
                    }
                    assertEquals(at, k.firstNonFinite(x, n), k.name() + " n=" + n + " at=" + at);
                    if (at + 2 < n) {
                        x[at + 2] = later;
                    }
                    x[at] = keep;
                }
            }
        }
    }

    /**
     * Both kernels clamp as the written-out test does, bit for bit: below and above the bounds, at them, ±0 at a bound
     * of 0 (−0 stays −0), NaN (kept), ±∞, unbounded sides, bounds the wrong way round (the lower one wins), for lengths
     * around the vector width; nothing beyond n is written.
     */
    @Test
    void clampKeepsWhatTheBoundsAllowBitForBit() {
        float[] values = {-0.5f, 0f, -0f, 0.25f, 1f, 1.5f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
                Float.intBitsToFloat(0x7fc00123), 1e-40f, -1e-40f, Float.MIN_VALUE};
        float[][] bounds = {{0f, 1f}, {-0f, 1f}, {Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY},
                {Float.NEGATIVE_INFINITY, 0.25f}, {0.25f, 0.25f}, {1f, 0f}};
        for (Kernels k : new Kernels[] {SCALAR, vector}) {
            for (float[] b : bounds) {
                for (int n = 0; n <= 40; n++) {
                    float[] w = new float[n + 2];
                    for (int s = 0; s < w.length; s++) {
                        w[s] = values[(s * 7 + n) % values.length];
                    }
                    float[] expected = w.clone();
                    for (int s = 0; s < n; s++) {
                        float x = expected[s];
                        if (x < b[0]) {
                            expected[s] = b[0];
                        } else if (x > b[1]) {
                            expected[s] = b[1];
                        }
                    }
                    k.clamp(w, n, b[0], b[1]);
                    for (int s = 0; s < w.length; s++) {
                        assertEquals(Float.floatToRawIntBits(expected[s]), Float.floatToRawIntBits(w[s]),
                                k.name() + " bounds " + b[0] + ".." + b[1] + " n=" + n + " s=" + s);
                    }
                }
            }
        }
    }

    @Test
    void logSpacePullIsTheClosedFormOfThePaperLaw() {
        // |t|·(|w|/|t|)^e: 0.04 toward 0.01 with e = ½ is 0.01·√4 = 0.02, sign kept; 0 and a zero target keep w
        // tolerances: a few ulps of Math.log and Math.exp (each within 1 ulp on any JVM), not this machine's digits
        assertEquals(0.02, Kernels.logSpacePull(0.04, 0.01, 0.5), 1e-15);
        assertEquals(-0.02, Kernels.logSpacePull(-0.04, 0.01, 0.5), 1e-15);
        assertEquals(0.02, Kernels.logSpacePull(0.04, -0.01, 0.5), 1e-15);
        assertEquals(0.005, Kernels.logSpacePull(0.0025, 0.01, 0.5), 1e-15);
        assertEquals(0.3, Kernels.logSpacePull(0.3, 0.01, 1.0), 1e-14);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Kernels.logSpacePull(-0.0, 0.01, 0.5)));
        assertEquals(0.7, Kernels.logSpacePull(0.7, 0.0, 0.5));
        for (Kernels k : new Kernels[] {SCALAR, vector}) {
            float[] w = {0.04f, -0.04f, 0f, 0.0025f};
            k.logSpacePull(w, 4, 0.01, 0.5, new double[3]);
            assertArrayEquals(new float[] {0.02f, -0.02f, 0f, 0.005f}, w, 1e-9f, k.name());
            assertThrows(IllegalArgumentException.class, () -> k.logSpacePull(w, 4, 0.01, 0.99997, new double[0]));
        }
    }

    /**
     * The SIMD pull computes ln and exp by its own series and recomputes by the definition only the weights whose
     * result falls near a float rounding midpoint (or outside its range): it must still give the definition's floats
     * everywhere — the sleep's per-step λ and its powers, exponents beyond the fast path's range, targets from
     * subnormal to huge, weights 0, subnormal, non-finite, at and near the target; chunks of the scratch and the tail.
     */
    @Test
    void logSpacePullGivesTheDefinitionsFloatsOnBothKernels() {
        SplittableRandom rng = new SplittableRandom(41);
        double[] exponents = {0.99997, Math.pow(0.99997, 7), Math.pow(0.99997, 32), 1 - 0x1p-10, 1 + 0x1p-11, 1.0,
                1 - 0x1p-9, 0.999, 0.5};
        float[] targets = {0.01f, -0.01f, 0.2f, 3e-3f, 7.5f, Float.MIN_VALUE, 1e-40f, Float.MIN_NORMAL, 1e30f,
                Float.MAX_VALUE, 0f};
        int nearMidpoint = 0;
        int compared = 0;
        for (double e : exponents) {
            for (float t : targets) {
                int n = 4_099;
                float[] w = new float[n];
                for (int i = 0; i < n; i++) {
                    w[i] = switch (i % 7) {
                        case 0 -> Float.intBitsToFloat(rng.nextInt());                        // any float
                        case 1 -> (float) Math.exp(rng.nextDouble(-16, 2));                    // weights
                        case 2 -> -(float) Math.exp(rng.nextDouble(-16, 2));
                        case 3 -> (float) (t * (1 + rng.nextGaussian() * 1e-4));               // near the target
                        case 4 -> i % 3 == 0 ? 0f : i % 3 == 1 ? -0f : Float.intBitsToFloat(rng.nextInt(1, 1 << 23));
                        case 5 -> i % 4 == 0 ? Float.NaN : i % 4 == 1 ? Float.POSITIVE_INFINITY
                                : i % 4 == 2 ? Float.NEGATIVE_INFINITY : t;
                        default -> (float) rng.nextDouble(-1, 1);
                    };
                }
                float[] expected = new float[n];
                for (int i = 0; i < n; i++) {
                    double y = Kernels.logSpacePull(w[i], t, e);
                    expected[i] = (float) y;
                    long lost = Double.doubleToRawLongBits(y) & ((1L << 29) - 1);
                    if (Math.abs(lost - (1L << 28)) < (1L << 16) && Float.isFinite(expected[i])) {
                        nearMidpoint++;
                    }
                }
                for (Kernels k : new Kernels[] {SCALAR, vector}) {
                    for (int chunk : new int[] {1, 13, 2048}) {
                        float[] got = w.clone();
                        k.logSpacePull(got, n - 3, t, e, new double[chunk]);
                        for (int i = 0; i < n; i++) {
                            float want = i < n - 3 ? expected[i] : w[i];
                            float in = w[i];
                            // a NaN's payload is not kept by every JIT tier's float↔double conversion: any NaN will do
                            assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(got[i]),
                                    () -> k.name() + ": w " + in + " t " + t + " e " + e + " chunk " + chunk);
                        }
                        compared += n;
                    }
                }
            }
        }
        // the band the SIMD path hands back to the definition was exercised
        assertTrue(nearMidpoint >= 20, "weights near a rounding midpoint: " + nearMidpoint + " of " + compared);
    }

    /**
     * Weights whose exact pull lies just outside, at and inside the band around a float rounding midpoint the SIMD
     * path hands back to the definition (within 2²¹ double ulps of it; the band is 2¹⁶): there a small error of the
     * SIMD series would show as another float.
     */
    @Test
    void logSpacePullTowardATargetPerWeightGivesTheDefinitionsFloatsOnBothKernels() {
        SplittableRandom rng = new SplittableRandom(43);
        float[] special = {0.01f, -0.2f, 7.5f, Float.MIN_VALUE, 1e-40f, Float.MIN_NORMAL, Float.MAX_VALUE, 0f, -0f,
                Float.POSITIVE_INFINITY, Float.NaN};
        for (double e : new double[] {0.99997, Math.pow(0.99997, 10), 1 + 0x1p-11, 0.5}) {
            int n = 1_031;
            int from = 2;
            int t0 = 5;
            PullTargets targets = new PullTargets(n + t0);
            for (int j = 0; j < targets.size(); j++) {
                targets.set(j, j % 9 == 0 ? special[(j / 9) % special.length] : (float) Math.exp(rng.nextDouble(-8, 1)));
            }
            float[] w = new float[n + from + 1];
            for (int i = 0; i < w.length; i++) {
                float t = targets.get(Math.min(targets.size() - 1, t0 + Math.max(0, i - from)));
                w[i] = switch (i % 5) {
                    case 0 -> (float) (t * (1 + rng.nextGaussian() * 1e-4)); // near its own target
                    case 1 -> -(float) Math.exp(rng.nextDouble(-16, 2));
                    case 2 -> i % 3 == 0 ? 0f : i % 3 == 1 ? -0f : Float.intBitsToFloat(rng.nextInt(1, 1 << 23));
                    case 3 -> Float.intBitsToFloat(rng.nextInt());
                    default -> (float) Math.exp(rng.nextDouble(-16, 2));
                };
            }
            for (Kernels k : new Kernels[] {SCALAR, vector}) {
                for (int chunk : new int[] {1, 13, 2048}) {
                    float[] got = w.clone();
                    k.logSpacePull(got, from, n, targets, t0, e, new double[chunk]);
                    for (int i = 0; i < w.length; i++) {
                        boolean pulled = i >= from && i < from + n;
                        float want = pulled ? (float) Kernels.logSpacePull(w[i], targets.get(t0 + i - from), e) : w[i];
                        float in = w[i];
                        int at = i;
                        assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(got[i]),
                                () -> k.name() + ": w[" + at + "] " + in + " e " + e + " chunk " + chunk);
                    }
                }
            }
        }
    }

    @Test
    void logSpacePullIsExactNearFloatRoundingMidpoints() {
        SplittableRandom rng = new SplittableRandom(43);
        for (double e : new double[] {0.99997, 1 - 0x1p-10, 1 + 0x1p-11}) {
            for (float t : new float[] {0.01f, 0.2f}) {
                float[] w = new float[4_000];
                int kept = 0;
                for (int tries = 0; kept < w.length; tries++) {
                    assertTrue(tries < 10_000_000, "too few weights near a midpoint");
                    float x = (float) (t * Math.exp(rng.nextDouble(-8, 3)) * (rng.nextBoolean() ? 1 : -1));
                    long lost = Double.doubleToRawLongBits(Kernels.logSpacePull(x, t, e)) & ((1L << 29) - 1);
                    if (Math.abs(lost - (1L << 28)) < (1L << 21)) {
                        w[kept++] = x;
                    }
                }
                float[] got = w.clone();
                vector.logSpacePull(got, got.length, t, e, new double[512]);
                for (int i = 0; i < w.length; i++) {
                    float in = w[i];
                    assertEquals((float) Kernels.logSpacePull(in, t, e), got[i], () -> "w " + in + " t " + t + " e " + e);
                }
            }
        }
    }

    @Test
    void fastExpIsWithinThreeTenthsOfAMillionthOfMathExp() {
        double worst = 0;
        for (int k = 0; k <= 2_000_000; k++) {
            float x = (float) (-87.0 * k / 2_000_000);
            double exact = Math.exp(x);
            worst = Math.max(worst, Math.abs(FastExp.expNonPositive(x) - exact) / exact);
        }
        assertTrue(worst < 3e-7, "max relative error " + worst);
        assertEquals(1f, FastExp.expNonPositive(0f));
        assertEquals((float) Math.exp(-87), FastExp.expNonPositive(-1000f), 1e-44);
    }

    /**
     * The encoders' logarithms: on both kernels {@link UnitLog#of}'s bits, and within two ulps of {@link Math#log},
     * over (0, 1] (the draws' complements near 1 and near 2⁻⁵³, around √2/2 where the mantissa's range turns, and
     * powers of two down to the smallest normal), in blocks whose lengths are not multiples of the vector length.
     */
    @Test
    void unitLogsAreUnitLogOnBothKernelsAndWithinTwoUlpsOfMathLog() {
        SplittableRandom r = new SplittableRandom(5);
        double[] v = new double[4099];
        double[] scalar = new double[v.length];
        double[] simd = new double[v.length];
        int i = 0;
        for (int block = 0; block < 500; block++) {
            int n = v.length - block % 7;
            for (int j = 0; j < n; j++, i++) {
                double x = switch (i % 5) {
                    case 0 -> 1.0 - (r.nextLong() >>> 11) * 0x1.0p-53;
                    case 1 -> 1.0 - (i / 5) * 0x1.0p-53;
                    case 2 -> Math.scalb(1.0, -(i % 1023)) * (1 - r.nextDouble() * 1e-6);
                    case 3 -> Math.sqrt(0.5) + (r.nextDouble() - 0.5) * 1e-9;
                    default -> (1 + (i / 5)) * 0x1.0p-53;
                };
                v[j] = x >= Double.MIN_NORMAL && x <= 1 ? x : 1.0;
            }
            SCALAR.unitLogs(v, scalar, n);
            vector.unitLogs(v, simd, n);
            for (int j = 0; j < n; j++) {
                double x = v[j];
                double exact = Math.log(x);
                long want = Double.doubleToRawLongBits(UnitLog.of(x));
                assertEquals(want, Double.doubleToRawLongBits(scalar[j]), () -> "scalar ln " + x);
                assertEquals(want, Double.doubleToRawLongBits(simd[j]), () -> "SIMD ln " + x);
                assertTrue(Math.abs(scalar[j] - exact) <= 2 * Math.ulp(exact) || scalar[j] == exact,
                        () -> "ln " + x + " against " + exact);
            }
        }
        assertEquals(0.0, UnitLog.of(1.0));
        assertEquals(Math.log(Double.MIN_NORMAL), UnitLog.of(Double.MIN_NORMAL), Math.ulp(Math.log(Double.MIN_NORMAL)));
    }

    @Test
    void vectorExpMatchesScalarExpBitForBit() {
        float[] xs = new float[4099];
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (float) (-rng.nextDouble() * (i % 3 == 0 ? 100 : 2));
        }
        float[] viaVector = new float[xs.length];
        var species = FloatVector.SPECIES_PREFERRED;
        int bound = species.loopBound(xs.length);
        for (int i = 0; i < bound; i += species.length()) {
            VectorKernels.exp(FloatVector.fromArray(species, xs, i)).intoArray(viaVector, i);
        }
        for (int i = 0; i < bound; i++) {
            assertEquals(Float.floatToIntBits(FastExp.expNonPositive(xs[i])), Float.floatToIntBits(viaVector[i]), "x=" + xs[i]);
        }
    }

    /** The state of n conductance-LIF neurons, some refractory, with input and, optionally, noise. */
    private static final class ConductanceState {
        final float[] v;
        final float[] ge;
        final float[] gi;
        final double[] theta;
        final int[] refractoryUntil;
        final float[] exc;
        final float[] inh;
        final float[] noise;
        final int[] spiked;

        final int n;

        /** @param padded state arrays of {@link Kernels#paddedLength} (padding filled with spiking values) */
        ConductanceState(int n, long seed, boolean withNoise, boolean padded) {
            SplittableRandom r = new SplittableRandom(seed);
            this.n = n;
            int len = padded ? Kernels.paddedLength(n) : n;
            v = new float[len];
            ge = new float[len];
            gi = new float[len];
            theta = new double[n];
            refractoryUntil = new int[len];
            exc = new float[len];
            inh = new float[len];
            noise = withNoise ? new float[len] : null;
            spiked = new int[n];
            Arrays.fill(v, 0f); // above threshold: padding must never be reported as a spike
            for (int i = 0; i < n; i++) {
                v[i] = (float) (-70 + 25 * r.nextDouble());
                ge[i] = (float) (3 * r.nextDouble());
                gi[i] = (float) (r.nextDouble());
                theta[i] = 20 * r.nextDouble();
                refractoryUntil[i] = r.nextInt(8);
                exc[i] = r.nextInt(3) == 0 ? (float) r.nextDouble() : 0f;
                inh[i] = r.nextInt(5) == 0 ? (float) r.nextDouble() : 0f;
                if (withNoise) {
                    noise[i] = (float) r.nextGaussian();
                }
                if (i >= 16 && i < 64) { // whole vectors without conductance: the kernels' silent fast path
                    ge[i] = 0f;
                    gi[i] = 0f;
                    exc[i] = 0f;
                    inh[i] = 0f;
                }
            }
        }

        int step(Kernels k, ConductanceLifStep c, int step) {
            float[] floor = new float[Kernels.paddedLength(n)];
            Arrays.fill(floor, Float.POSITIVE_INFINITY);
            for (int i = 0; i < n; i++) {
                floor[i] = Kernels.thresholdFloor(c.thresholdMv(), theta[i], c.keepTheta());
            }
            return k.conductanceLif(c, step, n, v, ge, gi, theta, refractoryUntil, exc, inh, noise, floor, spiked);
        }
    }

    private static ConductanceLifStep diehlCookExcitatory(boolean forwardEuler) {
        // threshold −72 mV (−52 − 20 offset) with θ up to 20 mV: a few neurons of the random states spike
        return new ConductanceLifStep(0.5f / 100, 1 - 0.5f, 1 - 0.5f / 2, 1 - 0.5 / 1e7, 0.05, -65f, 0f, -100f,
                -72f, -65f, 10, forwardEuler);
    }

    @Test
    void conductanceLifVectorMatchesScalarBitForBit() {
        for (boolean euler : new boolean[] {false, true}) {
            for (boolean noise : new boolean[] {false, true}) {
                for (int n : new int[] {1, 37, 100, 403}) {
                    boolean padded = n % 2 == 1;
                    ConductanceState a = new ConductanceState(n, n, noise, padded);
                    ConductanceState b = new ConductanceState(n, n, noise, padded);
                    ConductanceLifStep c = diehlCookExcitatory(euler);
                    int spikes = 0;
                    for (int step = 0; step < 12; step++) {
                        int ca = a.step(SCALAR, c, step);
                        int cb = b.step(vector, c, step);
                        assertEquals(ca, cb, "spike count at step " + step);
                        assertArrayEquals(Arrays.copyOf(a.spiked, ca), Arrays.copyOf(b.spiked, cb));
                        spikes += ca;
                    }
                    assertArrayEquals(Arrays.copyOf(a.v, n), Arrays.copyOf(b.v, n));
                    assertArrayEquals(Arrays.copyOf(a.ge, n), Arrays.copyOf(b.ge, n));
                    assertArrayEquals(Arrays.copyOf(a.gi, n), Arrays.copyOf(b.gi, n));
                    assertArrayEquals(a.theta, b.theta);
                    assertArrayEquals(Arrays.copyOf(a.refractoryUntil, n),
                            Arrays.copyOf(b.refractoryUntil, n));
                    assertArrayEquals(Arrays.copyOf(a.exc, n), Arrays.copyOf(b.exc, n));
                    if (n >= 37) {
                        assertTrue(spikes > 0, "the comparison must include spikes (n=" + n + ")");
                    }
                }
            }
        }
    }

    /**
     * {@link ConductanceLifStep#restingNext} is the kernels' update of an active neuron with no conductance, input
     * or noise, bit for bit, under both integrations (V from −100 to +20 mV, and the fixed points near rest); the
     * record refuses resting constants that do not follow from the others.
     */
    @Test
    void theRestingUpdateIsTheKernelsUpdateWithoutConductance() {
        SplittableRandom r = new SplittableRandom(3);
        for (boolean euler : new boolean[] {false, true}) {
            ConductanceLifStep c = diehlCookExcitatory(euler);
            for (int k = 0; k < 2000; k++) {
                float v0 = k < 1000 ? (float) (-100 + 120 * r.nextDouble())
                        : Math.nextAfter(-65f, k % 2 == 0 ? 0 : -100) + (k % 7) * Math.ulp(65f);
                float[] v = {v0};
                SCALAR.conductanceLif(c, 0, 1, v, new float[1], new float[1], new double[] {1000}, new int[1],
                        new float[1], new float[1], null, new float[] {Float.POSITIVE_INFINITY}, new int[1]);
                assertEquals(Float.floatToRawIntBits(v[0]), Float.floatToRawIntBits(c.restingNext(v0)), "V " + v0);
            }
            assertThrows(IllegalArgumentException.class, () -> new ConductanceLifStep(c.dtOverTau(),
                    c.keepExcitatory(), c.keepInhibitory(), c.keepTheta(), c.thetaPlusMv(), c.restMv(),
                    c.excitatoryReversalMv(), c.inhibitoryReversalMv(), c.thresholdMv(), c.resetMv(),
                    c.refractorySteps(), euler, c.restingVInfMv(), Math.nextUp(c.restingDecay())));
        }
    }

    @Test
    void conductanceLifExponentialEulerMatchesAHandComputedStep() {
        // one neuron, not refractory: V∞ = (V_rest + g_e·E_exc + g_i·E_inh)/(1 + g_e + g_i),
        // V ← V∞ + (V − V∞)·exp(−dt(1 + g_e + g_i)/τ), computed here in double
        ConductanceLifStep c = diehlCookExcitatory(false);
        for (Kernels k : new Kernels[] {SCALAR, vector}) {
            float[] v = {-60f};
            float[] ge = {0.7f};
            float[] gi = {0.2f};
            double[] theta = {30};
            float[] exc = {0.1f};
            float[] inh = {0f};
            int count = k.conductanceLif(c, 0, 1, v, ge, gi, theta, new int[1], exc, inh, null, new float[] {-1000f},
                    new int[1]);
            double g = 0.8;
            double gTotal = 1 + g + 0.2;
            double vInf = (-65 + g * 0 + 0.2 * -100) / gTotal;
            double expected = vInf + (-60 - vInf) * Math.exp(-0.005 * gTotal);
            assertEquals(0, count);
            assertEquals(expected, v[0], 2e-5);
            assertEquals(0.8 * 0.5, ge[0], 1e-7);
            assertEquals(0.2 * 0.75, gi[0], 1e-7);
            assertEquals(30 * (1 - 0.5 / 1e7), theta[0], 1e-12);
            assertEquals(0f, exc[0]);
        }
    }

    /** One current-LIF kernel: {@link Kernels#currentLif} or the authors' test against the previous threshold. */
    private interface CurrentLifKernel {
        int step(Kernels k, CurrentLifStep c, int step, int n, float[] v, float[] i, float[] a, int[] refr, float[] exc,
                 float[] inh, float[] noise, int[] spiked);
    }

    @Test
    void currentLifVectorMatchesScalarBitForBit() {
        currentLifVectorMatchesScalar(Kernels::currentLif);
    }

    @Test
    void currentLifAgainstThePreviousThresholdVectorMatchesScalarBitForBit() {
        // bounds that clip: −56 (θ + a ranges over [−55, −52]) from below, −53 from above
        currentLifVectorMatchesScalar((k, c, step, n, v, i, a, refr, exc, inh, noise, spiked) ->
                k.currentLifPreviousThreshold(c, -56f, -53f, step, n, v, i, a, refr, exc, inh, noise, spiked));
        currentLifVectorMatchesScalar((k, c, step, n, v, i, a, refr, exc, inh, noise, spiked) ->
                k.currentLifPreviousThreshold(c, -90f, 0f, step, n, v, i, a, refr, exc, inh, noise, spiked));
    }

    /**
     * The authors' test by hand: V_rest −60, R = gain = 1, decay of V 0 (so V = V∞ = −60 + input), V_th −55, a decays
     * by ½ and rises by 3 per spike, θ_prev clipped to [−90, 0]. Input 6 puts V at −54: it fires against a_prev = 0.5
     * (θ_prev −54.5), not against a_prev = 1 (θ_prev −54, strict test) although a is 0.5 after the decay, not while
     * refractory; input 60 puts V at 0 against a_prev = 100 (θ_prev clipped to 0): no spike.
     */
    @Test
    void theAuthorsTestComparesWithThePreviousClippedThreshold() {
        CurrentLifStep c = new CurrentLifStep(0f, 1f, 0.5f, 1f, -60f, 1f, -55f, -70f, -100f, 40f, 3f, 2);
        for (Kernels k : new Kernels[] {SCALAR, vector}) {
            int n = 4;
            int padded = Kernels.paddedLength(n); // as a population's arrays: the SIMD loop covers the four
            float[] v = Arrays.copyOf(new float[] {-60f, -60f, -60f, -60f}, padded);
            float[] current = new float[padded];
            float[] a = Arrays.copyOf(new float[] {0.5f, 1f, 0f, 100f}, padded);
            int[] refr = Arrays.copyOf(new int[] {0, 0, 5, 0}, padded);
            float[] exc = Arrays.copyOf(new float[] {6f, 6f, 6f, 60f}, padded);
            int[] spiked = new int[padded];
            int count = k.currentLifPreviousThreshold(c, -90f, 0f, 3, n, v, current, a, refr, exc, new float[padded],
                    null, spiked);
            assertEquals(1, count, k.name());
            assertEquals(0, spiked[0], k.name());
            assertArrayEquals(new float[] {-70f, -54f, -60f, 0f}, Arrays.copyOf(v, n), k.name());
            assertArrayEquals(new float[] {0.25f + 3f, 0.5f, 0f, 50f}, Arrays.copyOf(a, n), k.name());
            assertArrayEquals(new int[] {5, 0, 5, 0}, Arrays.copyOf(refr, n), k.name());
            assertArrayEquals(new float[] {6f, 6f, 6f, 60f}, Arrays.copyOf(current, n), k.name());
        }
    }

    private void currentLifVectorMatchesScalar(CurrentLifKernel kernel) {
        CurrentLifStep c = new CurrentLifStep((float) Math.exp(-1 / 30.0), (float) Math.exp(-1 / 30.0),
                (float) Math.exp(-1 / 100.0), 1f, -70f, 30f, -55f, -80f, -100f, 40f, 3f, 2);
        for (boolean noise : new boolean[] {false, true}) {
            for (int n : new int[] {3, 50, 200, 257}) {
                int[][] refr = new int[2][];
                int total = 0;
                Kernels[] ks = {SCALAR, vector};
                float[][] vs = new float[2][];
                float[][] is = new float[2][];
                float[][] as = new float[2][];
                for (int k = 0; k < 2; k++) {
                    SplittableRandom r = new SplittableRandom(n);
                    vs[k] = new float[n];
                    is[k] = new float[n];
                    as[k] = new float[n];
                    refr[k] = new int[n];
                    for (int i = 0; i < n; i++) {
                        vs[k][i] = (float) (-80 + 30 * r.nextDouble());
                        is[k][i] = (float) (r.nextDouble() - 0.2);
                        as[k][i] = (float) (3 * r.nextDouble());
                        refr[k][i] = r.nextInt(4);
                    }
                }
                for (int step = 0; step < 20; step++) {
                    int[] counts = new int[2];
                    int[][] spiked = new int[2][n];
                    for (int k = 0; k < 2; k++) {
                        SplittableRandom r = new SplittableRandom(step * 1000L + n);
                        float[] exc = new float[n];
                        float[] inh = new float[n];
                        float[] nz = noise ? new float[n] : null;
                        for (int i = 0; i < n; i++) {
                            exc[i] = (float) r.nextDouble();
                            inh[i] = (float) -r.nextDouble() * 0.5f;
                            if (noise) {
                                nz[i] = (float) (2 * r.nextGaussian());
                            }
                        }
                        counts[k] = kernel.step(ks[k], c, step, n, vs[k], is[k], as[k], refr[k], exc, inh, nz, spiked[k]);
                    }
                    assertEquals(counts[0], counts[1]);
                    assertArrayEquals(Arrays.copyOf(spiked[0], counts[0]), Arrays.copyOf(spiked[1], counts[1]));
                    total += counts[0];
                }
                assertArrayEquals(vs[0], vs[1]);
                assertArrayEquals(is[0], is[1]);
                assertArrayEquals(as[0], as[1]);
                assertArrayEquals(refr[0], refr[1]);
                assertTrue(total > 0, "the comparison must include spikes (n=" + n + ")");
            }
        }
    }

    @Test
    void denseRowKernelsMatchTheirDefinitionsAndEachOther() {
        SplittableRandom r = new SplittableRandom(11);
        for (int n : new int[] {1, 17, 100, 784}) {
            int rows = 3;
            float[] w = new float[rows * n];
            float[] trace = new float[n];
            float[] scale = new float[n];
            for (int s = 0; s < w.length; s++) {
                w[s] = (float) r.nextDouble();
            }
            for (int j = 0; j < n; j++) {
                trace[j] = j % 3 == 0 ? 0f : (float) r.nextDouble();
                scale[j] = (float) (0.5 + r.nextDouble());
            }
            w[n - 1] = 1.5f; // above w_max: a zero trace must leave it unclipped
            trace[n - 1] = 0f;
            // addRow: target += row 1
            for (Kernels k : new Kernels[] {SCALAR, vector}) {
                float[] target = new float[n];
                target[0] = 2f;
                k.addRow(target, w, n, n);
                for (int j = 0; j < n; j++) {
                    assertEquals((j == 0 ? 2f : 0f) + w[n + j], target[j], "addRow j=" + j);
                }
            }
            // depressRows: clip(w − a·trace, 0, 1) where trace ≠ 0, on rows 2 and 0 (not in order); a run of zero
            // traces wider than any vector (posts that have not fired) leaves its weights as they are
            float[] depressTrace = trace.clone();
            Arrays.fill(depressTrace, Math.min(n, 16), Math.min(n, 80), 0f);
            float[] ws = w.clone();
            float[] wv = w.clone();
            int[] depressed = {2, 0};
            SCALAR.depressRows(ws, depressed, 2, depressTrace, n, 0.3f, 0f, 1f);
            vector.depressRows(wv, depressed, 2, depressTrace, n, 0.3f, 0f, 1f);
            assertArrayEquals(ws, wv);
            for (int row : new int[] {0, 1, 2}) {
                for (int j = 0; j < n; j++) {
                    float old = w[row * n + j];
                    float expected = row == 1 || depressTrace[j] == 0f ? old
                            : Math.min(1f, Math.max(0f, old - 0.3f * depressTrace[j]));
                    assertEquals(expected, ws[row * n + j], "depressRows row " + row + " j=" + j);
                }
            }
            // potentiateRows: clip(w + gain·rowTrace, 0, 1) where gain ≠ 0, on rows 0 and 2 with their traces; a run
            // of zero gains wider than any vector (posts that did not spike) leaves its weights as they are
            float[] gain = new float[n];
            for (int j = 0; j < n; j++) {
                gain[j] = j >= 16 && j < 80 || j % 5 == 1 ? 0f : (float) (0.5 * r.nextDouble());
            }
            gain[n - 1] = 0f; // (w = 1.5 above w_max there stays unclipped)
            int[] potentiated = {0, 2};
            float[] rowTrace = {0.75f, 0.25f};
            float[] ps = w.clone();
            float[] pv = w.clone();
            SCALAR.potentiateRows(ps, potentiated, rowTrace, 2, gain, n, 0f, 1f);
            vector.potentiateRows(pv, potentiated, rowTrace, 2, gain, n, 0f, 1f);
            assertArrayEquals(ps, pv);
            for (int row : new int[] {0, 1, 2}) {
                for (int j = 0; j < n; j++) {
                    float old = w[row * n + j];
                    float expected = row == 1 || gain[j] == 0f ? old
                            : Math.min(1f, Math.max(0f, old + gain[j] * rowTrace[row / 2]));
                    assertEquals(expected, ps[row * n + j], "potentiateRows row " + row + " j=" + j);
                }
            }
            // accumulate: column sums in double
            double[] ss = new double[n];
            double[] sv = new double[n];
            for (int i = 0; i < rows; i++) {
                SCALAR.accumulate(ss, 0, w, i * n, n);
                vector.accumulate(sv, 0, w, i * n, n);
            }
            assertArrayEquals(ss, sv);
            for (int j = 0; j < n; j++) {
                assertEquals((double) w[j] + w[n + j] + w[2 * n + j], ss[j], 1e-12);
            }
            // scaleRow
            float[] xs = w.clone();
            float[] xv = w.clone();
            SCALAR.scaleRow(xs, n, scale, n);
            vector.scaleRow(xv, n, scale, n);
            assertArrayEquals(xs, xv);
            assertEquals(w[n + n / 2] * scale[n / 2], xs[n + n / 2]);
        }
    }

    @Test
    void sgLeakyStepMatchesItsDefinitionOnBothKernels() {
        // hand-worked: beta 0.5, theta 1; u = m + 2·noise, reset by theta where u > theta
        float[] m = {0.4f, 0.9f, 0.2f};
        float[] noise = {0.1f, 0.1f, 0.5f};
        float[] current = {0.9f, 0.3f, 0f};
        // u: 0.6, 1.1, 1.2 → reset 0, 1, 1 → 0.3 + 0.9 = 1.2 (spike), 0.55 + 0.3 − 1, 0.6 − 1
        float[] expectedMem = {0.5f * (0.4f + 2f * 0.1f) + 0.9f, 0.5f * (0.9f + 2f * 0.1f) + 0.3f - 1f,
                0.5f * (0.2f + 2f * 0.5f) - 1f};
        for (Kernels k : new Kernels[] {SCALAR, vector}) {
            float[] mem = m.clone();
            float[] spikes = {0f, 1f, 1f};
            assertEquals(1, k.sgLeakyStep(mem, spikes, current, noise, 2f, 0.5f, 1f, 3), k.name());
            assertArrayEquals(expectedMem, mem, k.name());
            assertArrayEquals(new float[] {1f, 0f, 0f}, spikes, k.name());
        }
        SplittableRandom r = new SplittableRandom(29);
        for (int n : new int[] {1, 7, 16, 33, 3200}) {
            float[] mem = new float[n];
            float[] in = new float[n];
            float[] xi = new float[n];
            for (int i = 0; i < n; i++) {
                mem[i] = i % 11 == 0 ? 1f : (float) (2 * r.nextDouble() - 0.5); // some exactly at theta
                in[i] = (float) (0.3 * r.nextGaussian());
                xi[i] = i % 13 == 0 ? Float.NaN : (float) r.nextGaussian(); // NaN: must not be read when sigma = 0
            }
            for (float sigma : new float[] {0f, 0.35f}) {
                float[] ms = mem.clone();
                float[] mv = mem.clone();
                float[] ss = new float[n];
                float[] sv = new float[n];
                if (sigma != 0f) {
                    for (int i = 0; i < n; i += 13) {
                        xi[i] = 0.25f;
                    }
                }
                int cs = SCALAR.sgLeakyStep(ms, ss, in, xi, sigma, 0.95f, 1f, n);
                int cv = vector.sgLeakyStep(mv, sv, in, xi, sigma, 0.95f, 1f, n);
                assertEquals(cs, cv, "n=" + n + " sigma=" + sigma);
                assertArrayEquals(ms, mv, "n=" + n + " sigma=" + sigma);
                assertArrayEquals(ss, sv, "n=" + n + " sigma=" + sigma);
                int spikes = 0;
                for (int i = 0; i < n; i++) {
                    assertTrue(Float.isFinite(ms[i]), "noise read with sigma 0 at " + i);
                    assertEquals(ms[i] > 1f ? 1f : 0f, ss[i]);
                    spikes += (int) ss[i];
                }
                assertEquals(spikes, cs);
            }
        }
    }

    @Test
    void sgTrainingKernelsMatchEachOtherBitForBitAndTheirDefinitions() {
        SplittableRandom r = new SplittableRandom(31);
        for (int n : new int[] {1, 9, 33, 200}) {
            // two rows of one array, the later one (o, off) after the earlier (p, next) as in BPTT's [t][b][h] layout
            float[] mem = new float[3 * n];
            float[] spikes = new float[3 * n];
            float[] add = new float[n + 5];
            float[] bias = new float[n + 3]; // read from offset 3
            float[] u = new float[3 * n];
            float[] g = new float[3 * n];
            for (int i = 0; i < 3 * n; i++) {
                mem[i] = (float) r.nextGaussian();
                spikes[i] = r.nextInt(3) == 0 ? 1f : 0f;
                u[i] = (float) (1 + 0.5 * r.nextGaussian());
                g[i] = i % 7 == 0 ? 3e-38f * (float) r.nextGaussian() : (float) r.nextGaussian(); // some turn subnormal
            }
            for (int h = 0; h < n + 3; h++) {
                bias[h] = (float) (0.1 * r.nextGaussian());
            }
            for (int i = 0; i < add.length; i++) {
                add[i] = (float) r.nextGaussian();
            }
            u[n] = 1f; // exactly at θ
            g[n + 1] = Float.NaN;
            int o = 2 * n;
            int p = n;
            for (int mode = 0; mode < 3; mode++) {
                boolean first = mode == 0;
                float[] spk = mode == 2 ? null : spikes;
                float[] ms = mem.clone();
                float[] mv = mem.clone();
                SCALAR.sgIntegrate(ms, o, p, add, 5, bias, 3, spk, first, 0.95f, 1f, n);
                vector.sgIntegrate(mv, o, p, add, 5, bias, 3, spk, first, 0.95f, 1f, n);
                assertArrayEquals(ms, mv, "sgIntegrate n=" + n + " mode=" + mode);
                int h = n - 1;
                float expected = first ? add[5 + h] + bias[3 + h]
                        : add[5 + h] + bias[3 + h] + 0.95f * mem[p + h] - (spk == null ? 0f : spikes[p + h]);
                assertEquals(expected, ms[o + h], "sgIntegrate by hand, mode " + mode);
                assertEquals(mem[0], ms[0], "other rows untouched");
            }
            float[] at = mem.clone();
            at[2 * n] = 1f; // U = θ: no spike
            at[2 * n + n / 2] = Float.intBitsToFloat(0x7fc00000); // a NaN membrane: θ − NaN keeps NaN's sign (+): none
            float[] ts = new float[3 * n];
            float[] tv = new float[3 * n];
            SCALAR.sgThreshold(at, ts, 2 * n, 1f, n);
            vector.sgThreshold(at, tv, 2 * n, 1f, n);
            assertArrayEquals(ts, tv, "sgThreshold n=" + n);
            for (int h = 0; h < n; h++) {
                assertEquals(at[2 * n + h] > 1f ? 1f : 0f, ts[2 * n + h], "sgThreshold h=" + h);
            }
            // bias gradient: floats added into double sums, at offsets, over several rows; the sums' definition is
            // one double addition per term in row order, which both kernels must give bit for bit
            double[] sums = new double[n + 4];
            for (int i = 0; i < sums.length; i++) {
                sums[i] = i % 5 == 0 ? 1e17 : r.nextGaussian(); // 1e17: a term below its ulp rounds away
            }
            sums[n + 3] = -7; // past the n entries: untouched
            double[] expected = sums.clone();
            double[] sumsV = sums.clone();
            for (int row = 0; row < 3; row++) {
                SCALAR.accumulate(sums, 2, g, row * n, n);
                vector.accumulate(sumsV, 2, g, row * n, n);
                for (int h = 0; h < n; h++) {
                    expected[2 + h] = expected[2 + h] + (double) g[row * n + h];
                }
            }
            for (int i = 0; i < sums.length; i++) {
                assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(sums[i]),
                        "accumulate, scalar, n=" + n + " entry " + i);
                assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(sumsV[i]),
                        "accumulate, " + vector.name() + ", n=" + n + " entry " + i);
            }
            for (int next : new int[] {-1, 0}) {
                for (float reset : new float[] {0f, 1f}) {
                    float[] gs = g.clone();
                    float[] gv = g.clone();
                    SCALAR.sgFastSigmoidDelta(gs, u, n, next, n, 1, 0, 1f, 25f, 0.95f, reset);
                    vector.sgFastSigmoidDelta(gv, u, n, next, n, 1, 0, 1f, 25f, 0.95f, reset);
                    assertArrayEquals(gs, gv, "fast sigmoid n=" + n + " next=" + next);
                    float[] as = g.clone();
                    float[] av = g.clone();
                    SCALAR.sgArctanDelta(as, u, n, next, n, 1, 0, 1f, 2f, 0.95f, reset);
                    vector.sgArctanDelta(av, u, n, next, n, 1, 0, 1f, 2f, 0.95f, reset);
                    assertArrayEquals(as, av, "arctan n=" + n + " next=" + next);
                    // two rows n apart in one call = one call per row, on both kernels
                    float[] four = new float[4 * n];
                    float[] uu = new float[4 * n];
                    for (int i = 0; i < 4 * n; i++) {
                        four[i] = g[i % (3 * n)];
                        uu[i] = u[(i + 7) % (3 * n)];
                    }
                    int nx = next < 0 ? -1 : 2 * n;
                    for (Kernels kern : new Kernels[] {SCALAR, vector}) {
                        float[] strided = four.clone();
                        float[] perRow = four.clone();
                        kern.sgArctanDelta(strided, uu, 0, nx, n, 2, n, 1f, 2f, 0.95f, reset);
                        kern.sgArctanDelta(perRow, uu, 0, nx, n, 1, 0, 1f, 2f, 0.95f, reset);
                        kern.sgArctanDelta(perRow, uu, n, nx < 0 ? -1 : nx + n, n, 1, 0, 1f, 2f, 0.95f, reset);
                        assertArrayEquals(perRow, strided, kern.name() + " arctan rows");
                        strided = four.clone();
                        perRow = four.clone();
                        kern.sgFastSigmoidDelta(strided, uu, 0, nx, n, 2, n, 1f, 25f, 0.95f, reset);
                        kern.sgFastSigmoidDelta(perRow, uu, 0, nx, n, 1, 0, 1f, 25f, 0.95f, reset);
                        kern.sgFastSigmoidDelta(perRow, uu, n, nx < 0 ? -1 : nx + n, n, 1, 0, 1f, 25f, 0.95f, reset);
                        assertArrayEquals(perRow, strided, kern.name() + " fast sigmoid rows");
                    }
                    for (int i = 0; i < n; i++) {
                        double gn = next < 0 ? 0 : g[next + i];
                        double x = u[n + i] - 1.0;
                        double fastTerm = (g[n + i] - reset * gn) / Math.pow(1 + 25 * Math.abs(x), 2);
                        double z = Math.PI / 2 * 2 * x;
                        double atanTerm = (g[n + i] - reset * gn) * 1.0 / (1 + z * z);
                        // float rounding is relative to the terms, which may cancel
                        checkDelta(fastTerm + 0.95 * gn, Math.abs(fastTerm) + Math.abs(0.95 * gn), gs[n + i],
                                "fast sigmoid i=" + i);
                        checkDelta(atanTerm + 0.95 * gn, Math.abs(atanTerm) + Math.abs(0.95 * gn), as[n + i],
                                "arctan i=" + i);
                    }
                }
            }
        }
    }

    /**
     * A float delta against its double definition: equal up to float rounding of terms of magnitude {@code scale}, 0
     * where it is subnormal.
     */
    private static void checkDelta(double expected, double scale, float actual, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Float.isNaN(actual), what);
        } else if (Math.abs(expected) < 0.999 * Float.MIN_NORMAL) {
            assertEquals(0f, actual, what + ": subnormal results flush to 0");
        } else if (Math.abs(expected) > 1.001 * Float.MIN_NORMAL) {
            assertEquals(expected, actual, 1e-5 * scale + 1e-30, what);
        }
    }

    /**
     * The rows' last columns past the last whole vector, on arrays padded as the network pads them: the vector
     * kernels update them as one vector per row whose lanes run into the next row (or the padding), which must come
     * back bit for bit as they were, NaN payloads and −0 included, also where that next row was changed earlier in
     * the same call; the matrix's last row has no such room. Against the scalar kernels and the definitions.
     */
    @Test
    void rowTailsMatchTheScalarKernelsAndLeaveTheNeighbouringLanesAsTheyWere() {
        SplittableRandom r = new SplittableRandom(13);
        float[] odd = {Float.intBitsToFloat(0x7fc01234), -0f, Float.MIN_VALUE, 1.5f};
        for (int n : new int[] {4, 17, 39, 100, 300}) {
            int rows = 5;
            float[] w = new float[rows * n];
            for (int s = 0; s < w.length; s++) {
                w[s] = s % n < 6 ? odd[s % odd.length] : (float) r.nextDouble(); // each row's head: odd bits
            }
            int padded = Kernels.paddedLength(n);
            float[] trace = new float[padded];
            float[] gain = new float[padded];
            for (int j = 0; j < padded; j++) { // the padding lanes too are non-zero: they must change nothing
                trace[j] = j % 4 == 3 && j < n ? 0f : (float) r.nextDouble();
                gain[j] = j % 5 == 2 && j < n ? 0f : (float) (0.5 * r.nextDouble());
            }
            int[] rowList = {1, 2, 0, rows - 1}; // row 1's tail runs into row 2, changed before it; the last row
            float[] rowTrace = {0.75f, 0.5f, 0.25f, 1f};
            int[] slot = new int[rows]; // each row's place in rowList, or −1
            Arrays.fill(slot, -1);
            for (int k = 0; k < rowList.length; k++) {
                slot[rowList[k]] = k;
            }
            float[] ds = w.clone();
            float[] dv = w.clone();
            SCALAR.depressRows(ds, rowList, rowList.length, trace, n, 0.3f, 0f, 1f);
            vector.depressRows(dv, rowList, rowList.length, trace, n, 0.3f, 0f, 1f);
            float[] ps = w.clone();
            float[] pv = w.clone();
            SCALAR.potentiateRows(ps, rowList, rowTrace, rowList.length, gain, n, 0f, 1f);
            vector.potentiateRows(pv, rowList, rowTrace, rowList.length, gain, n, 0f, 1f);
            for (int s = 0; s < w.length; s++) {
                int row = s / n;
                int j = s % n;
                int k = slot[row];
                float depressed = k < 0 || trace[j] == 0f ? w[s] : Math.min(Math.max(w[s] - 0.3f * trace[j], 0f), 1f);
                float potentiated = k < 0 || gain[j] == 0f ? w[s]
                        : Math.min(Math.max(w[s] + gain[j] * rowTrace[k], 0f), 1f);
                String at = " n=" + n + " row " + row + " j=" + j;
                assertEquals(Float.floatToRawIntBits(depressed), Float.floatToRawIntBits(ds[s]), "scalar depressRows" + at);
                assertEquals(Float.floatToRawIntBits(depressed), Float.floatToRawIntBits(dv[s]), "vector depressRows" + at);
                assertEquals(Float.floatToRawIntBits(potentiated), Float.floatToRawIntBits(ps[s]),
                        "scalar potentiateRows" + at);
                assertEquals(Float.floatToRawIntBits(potentiated), Float.floatToRawIntBits(pv[s]),
                        "vector potentiateRows" + at);
            }
            // addRows into a padded target: the padding lanes keep their bits; then with the last row among the rows
            int[][] froms = {{n, 0, 2 * n, n}, {3 * n, (rows - 1) * n, 0}};
            for (int[] from : froms) {
                float[] start = new float[padded];
                for (int j = 0; j < padded; j++) {
                    start[j] = j < n ? (float) r.nextDouble() : odd[j % odd.length];
                }
                float[] expected = start.clone();
                for (int f : from) {
                    for (int j = 0; j < n; j++) {
                        expected[j] = expected[j] + w[f + j];
                    }
                }
                for (Kernels kernels : new Kernels[] {SCALAR, vector}) {
                    float[] target = start.clone();
                    kernels.addRows(target, w, from, from.length, n);
                    for (int j = 0; j < padded; j++) {
                        assertEquals(Float.floatToRawIntBits(expected[j]), Float.floatToRawIntBits(target[j]),
                                kernels.name() + " addRows n=" + n + " from " + Arrays.toString(from) + " j=" + j);
                    }
                }
            }
        }
    }

    @Test
    void rowAdditionsOfAStepMatchOneAdditionPerRowInOrder() {
        SplittableRandom r = new SplittableRandom(12);
        for (int n : new int[] {1, 17, 39, 55, 100, 803}) {
            int rows = 6;
            float[] w = new float[rows * n + 5];
            for (int s = 0; s < w.length; s++) {
                w[s] = (float) (r.nextDouble() * Math.pow(10, r.nextInt(6) - 3)); // magnitudes that round differently
            }
            int[] from = {3 * n, 0, 5 * n + 5, n};
            float[] start = new float[n + 9];
            for (int j = 0; j < start.length; j++) {
                start[j] = (float) r.nextDouble();
            }
            // the definition: target[j] += w[from[k] + j], rows in order
            float[] expected = start.clone();
            for (int k = 0; k < from.length; k++) {
                for (int j = 0; j < n; j++) {
                    expected[j] = expected[j] + w[from[k] + j];
                }
            }
            for (Kernels k : new Kernels[] {SCALAR, vector}) {
                float[] target = start.clone();
                k.addRows(target, w, from, from.length, n);
                assertArrayEquals(expected, target, k.name() + " addRows n=" + n);
                float[] none = start.clone();
                k.addRows(none, w, from, 0, n);
                assertArrayEquals(start, none, "no rows, no change");
                float[] shifted = start.clone();
                k.addRow(shifted, 9, w, from[2], n);
                for (int j = 0; j < start.length; j++) {
                    float want = j >= 9 && j < 9 + n ? start[j] + w[from[2] + j - 9] : start[j];
                    assertEquals(want, shifted[j], k.name() + " addRow at offset 9, j=" + j);
                }
            }
        }
    }

    /**
     * Diehl &amp; Cook inhibitory neurons, most at rest without input (under exponential Euler the vector kernel
     * skips whole vectors of those; under forward Euler it updates them), some driven now and then by a strong excitatory input as from their partner: the same spikes and
     * state as the scalar kernel at every step, and a neuron never driven stays at V_rest exactly.
     */
    @ParameterizedTest(name = "forward Euler {0}")
    @ValueSource(booleans = {false, true})
    void restingNeuronsSkippedByTheVectorKernelMatchTheScalarKernel(boolean forwardEuler) {
        ConductanceLifPopulation[] pops = scalarAndVectorPopulations(100, ConductanceLifParameters.DIEHL_COOK_INHIBITORY);
        for (ConductanceLifPopulation pop : pops) {
            pop.useForwardEuler(forwardEuler);
        }
        SplittableRandom drive = new SplittableRandom(8);
        int spikes = 0;
        for (int step = 0; step < 3000; step++) {
            if (step % 700 == 0) {
                for (ConductanceLifPopulation pop : pops) {
                    pop.resetState();
                }
            }
            int driven = drive.nextInt(40) == 0 ? 3 * drive.nextInt(30) : -1; // neurons 0, 3, …, 87 only
            for (ConductanceLifPopulation pop : pops) {
                if (driven >= 0) {
                    pop.excitatoryInput()[driven] += 10.4f;
                }
                pop.integrate(step % 700, 0.5, 0.0, null);
            }
            assertEquals(pops[0].spikeCount(), pops[1].spikeCount(), "step " + step);
            for (int q = 0; q < pops[0].spikeCount(); q++) {
                assertEquals(pops[0].spiked()[q], pops[1].spiked()[q]);
            }
            spikes += pops[0].spikeCount();
            assertArrayEquals(Arrays.copyOf(pops[0].membrane(), 100),
                    Arrays.copyOf(pops[1].membrane(), 100), "V at step " + step);
            assertArrayEquals(Arrays.copyOf(pops[0].excitatoryConductance(), 100),
                    Arrays.copyOf(pops[1].excitatoryConductance(), 100), "g_e at step " + step);
        }
        assertTrue(spikes > 20, "driven neurons must spike, got " + spikes);
        float rest = (float) ConductanceLifParameters.DIEHL_COOK_INHIBITORY.vRestMv();
        assertEquals(rest, pops[1].membrane()[1], "never driven: V_rest is a fixed point");
        assertEquals(rest, pops[1].membrane()[98]);
    }

    @Test
    void sparseRowAndColumnKernelsMatchTheirDefinitionsAndEachOther() {
        SplittableRandom r = new SplittableRandom(17);
        int posts = 60;
        for (int len : new int[] {0, 3, 16, 21, 45}) {
            // a row of `len` distinct posts (shuffled) after 5 other synapses; post traces with zeros
            int[] postIndex = new int[len + 5];
            System.arraycopy(r.ints(0, posts).distinct().limit(len).toArray(), 0, postIndex, 5, len);
            float[] w = new float[len + 5];
            for (int s = 0; s < w.length; s++) {
                w[s] = (float) r.nextDouble();
            }
            float[] trace = new float[posts];
            for (int j = 0; j < posts; j++) {
                trace[j] = j % 4 == 0 ? 0f : (float) r.nextDouble();
            }
            float[] ws = w.clone();
            float[] wv = w.clone();
            SCALAR.depressSparseRow(ws, postIndex, 5, len + 5, trace, 0.4f, 0.1f, 0.9f);
            vector.depressSparseRow(wv, postIndex, 5, len + 5, trace, 0.4f, 0.1f, 0.9f);
            assertArrayEquals(ws, wv);
            for (int s = 0; s < w.length; s++) {
                float t = s < 5 ? 0f : trace[postIndex[s]];
                float expected = t == 0f ? w[s] : Math.min(0.9f, Math.max(0.1f, w[s] - 0.4f * t));
                assertEquals(expected, ws[s], "depress s=" + s);
            }
            // a column: `len` synapses of one post neuron scattered over w, with their pre neurons
            int[] colSynapse = r.ints(0, w.length).distinct().limit(len).toArray();
            int[] colPre = r.ints(colSynapse.length, 0, posts).toArray();
            float[] ps = w.clone();
            float[] pv = w.clone();
            SCALAR.potentiateColumn(ps, colSynapse, colPre, 0, colSynapse.length, trace, 0.3f, 0f, 1f);
            vector.potentiateColumn(pv, colSynapse, colPre, 0, colSynapse.length, trace, 0.3f, 0f, 1f);
            assertArrayEquals(ps, pv);
            float[] expected = w.clone();
            for (int c = 0; c < colSynapse.length; c++) {
                float t = trace[colPre[c]];
                if (t != 0f) {
                    expected[colSynapse[c]] = Math.min(1f, Math.max(0f, w[colSynapse[c]] + 0.3f * t));
                }
            }
            assertArrayEquals(expected, ps);
        }
    }

    /**
     * A dense row depressed through a list of distinct posts (vectors of them gathered and scattered, then a scalar
     * tail): the vector kernel gives the scalar kernel's bits, which are the definition's; weights outside
     * [lo, hi] beforehand are clipped, posts not listed are untouched, and the row's offset is honoured.
     */
    @Test
    void depressListedMatchesItsDefinitionOnBothKernels() {
        SplittableRandom r = new SplittableRandom(23);
        int n = 100;
        for (int count : new int[] {0, 5, 16, 17, 40, 100}) {
            float[] w = new float[3 * n];
            for (int s = 0; s < w.length; s++) {
                w[s] = (float) (1.4 * r.nextDouble() - 0.2); // some below lo = 0, some above hi = 1
            }
            int[] post = r.ints(0, n).distinct().limit(count).toArray();
            float[] trace = new float[count];
            for (int q = 0; q < count; q++) {
                trace[q] = (float) r.nextDouble();
            }
            int row = n; // the middle row
            float[] expected = w.clone();
            for (int q = 0; q < count; q++) {
                expected[row + post[q]] = Math.min(1f, Math.max(0f, w[row + post[q]] - 0.7f * trace[q]));
            }
            for (Kernels k : new Kernels[] {SCALAR, vector}) {
                float[] got = w.clone();
                k.depressListed(got, row, post, trace, count, 0.7f, 0f, 1f);
                assertArrayEquals(expected, got, k.name() + ", " + count + " posts");
            }
        }
    }

    @Test
    void tracesLookUpTheTableAtTheStepsSinceTheRightSpike() {
        float[] table = new float[41];
        for (int k = 0; k < 40; k++) {
            table[k] = (float) Math.exp(-k / 20.0);
        }
        SplittableRandom r = new SplittableRandom(8);
        for (int n : new int[] {5, 100, 113}) {
            int len = n % 2 == 0 ? Kernels.paddedLength(n) : n;
            int step = 500;
            int[] last = new int[len];
            int[] prev = new int[len];
            Arrays.fill(last, Population.NEVER);
            Arrays.fill(prev, Population.NEVER);
            for (int j = 0; j < n; j++) {
                int kind = r.nextInt(4); // never, long ago, recent, spiking now (then the previous spike counts)
                if (kind > 0) {
                    prev[j] = kind == 1 ? step - 200 : step - 30 - r.nextInt(10);
                    last[j] = kind == 3 ? step : prev[j] + r.nextInt(1 + step - prev[j]);
                }
            }
            for (boolean withPrevious : new boolean[] {false, true}) {
                float[] a = new float[len];
                float[] b = new float[len];
                boolean anyA = SCALAR.traces(table, last, withPrevious ? prev : null, step, n, a, new int[len]);
                boolean anyB = vector.traces(table, last, withPrevious ? prev : null, step, n, b, new int[len]);
                assertEquals(anyA, anyB);
                assertArrayEquals(Arrays.copyOf(a, n), Arrays.copyOf(b, n));
                boolean any = false;
                for (int j = 0; j < n; j++) {
                    int t = withPrevious && last[j] == step ? prev[j] : last[j];
                    long k = (long) step - t;
                    float expected = k < 40 ? (float) Math.exp(-k / 20.0) : 0f;
                    assertEquals(expected, a[j], "j=" + j);
                    any |= expected != 0f;
                }
                assertEquals(any, anyA);
            }
        }
    }

    @Test
    void thresholdFloorStaysBelowTheDecayingThreshold() {
        SplittableRandom r = new SplittableRandom(3);
        for (int k = 0; k < 10_000; k++) {
            double threshold = -72 + r.nextDouble();
            double theta = 40 * r.nextDouble();
            double keep = k % 2 == 0 ? 1 - 0.5 / 1e7 : 1 - r.nextDouble() * 1e-3;
            float floor = Kernels.thresholdFloor(threshold, theta, Math.pow(keep, 257));
            double decayed = theta;
            for (int step = 0; step < 256; step++) {
                decayed *= keep;
            }
            assertTrue(floor <= threshold + decayed, "floor " + floor + " above " + (threshold + decayed));
            assertTrue(threshold + decayed - floor < 1e-3 + theta * 0.3, "floor far below: " + floor);
        }
    }

    /** Two populations of the same parameters, built with the scalar and with the SIMD kernels. */
    private static ConductanceLifPopulation[] scalarAndVectorPopulations(int size, ConductanceLifParameters p) {
        ConductanceLifPopulation[] pops = {new ConductanceLifPopulation("e", size, p, SCALAR),
                new ConductanceLifPopulation("e", size, p, vector)};
        assertSame(SCALAR, pops[0].kernels());
        assertSame(vector, pops[1].kernels());
        assertSame(vector, pops[1].copy() instanceof ConductanceLifPopulation c ? c.kernels() : null, "copies keep the kernels");
        return pops;
    }

    /**
     * Two Diehl &amp; Cook excitatory populations, one per kernel, driven by the same random conductance input for
     * 1 500 steps (so that the threshold floors are refreshed several times while θ decays and rises): same
     * spikes at every step, same state at the end.
     */
    @Test
    void conductancePopulationsSpikeIdenticallyWithEitherKernel() {
        ConductanceLifPopulation[] pops = scalarAndVectorPopulations(100, ConductanceLifParameters.DIEHL_COOK_EXCITATORY);
        SplittableRandom drive = new SplittableRandom(21);
        SplittableRandom[] noise = {new SplittableRandom(4), new SplittableRandom(4)};
        int spikes = 0;
        for (int step = 0; step < 1500; step++) {
            float[] input = new float[100];
            for (int i = 0; i < 100; i++) {
                input[i] = drive.nextInt(4) == 0 ? (float) (0.3 * drive.nextDouble()) : 0f;
            }
            for (int k = 0; k < 2; k++) {
                System.arraycopy(input, 0, pops[k].excitatoryInput(), 0, 100);
                pops[k].integrate(step, 0.5, step > 1000 ? 2.0 : 0.0, noise[k]);
            }
            assertEquals(pops[0].spikeCount(), pops[1].spikeCount(), "step " + step);
            for (int q = 0; q < pops[0].spikeCount(); q++) {
                assertEquals(pops[0].spiked()[q], pops[1].spiked()[q]);
            }
            spikes += pops[0].spikeCount();
        }
        assertTrue(spikes > 50, "the populations must spike, got " + spikes);
        assertArrayEquals(pops[0].theta(), pops[1].theta());
        assertArrayEquals(Arrays.copyOf(pops[0].membrane(), 100), Arrays.copyOf(pops[1].membrane(), 100));
    }

    /**
     * Short presentations (steps restart at 0 every 60 steps) and a θ that decays fast (τ_θ = 40 ms, from 20 mV):
     * silent presentations let θ decay far below its value at the first update, then input holds V near the
     * lowered threshold (−60 mV + θ, above rest). The threshold floors must follow the elapsed updates, not the
     * step numbers, or the SIMD kernel misses spikes that the scalar one fires.
     */
    @Test
    void thresholdFloorsStayValidAcrossShortPresentations() {
        ConductanceLifParameters fastTheta = new ConductanceLifParameters(100, -65,
                -65, -52, 8, 0, -100, 1, 2, 5, 0.5, 40, 20);
        ConductanceLifPopulation[] pops = scalarAndVectorPopulations(48, fastTheta);
        SplittableRandom drive = new SplittableRandom(5);
        int spikesLate = 0;
        for (int presentation = 0; presentation < 40; presentation++) {
            for (ConductanceLifPopulation pop : pops) {
                pop.resetState();
            }
            for (int step = 0; step < 60; step++) {
                float[] input = new float[48];
                double amplitude = presentation < 12 ? 0.0 : 2.0;
                for (int i = 0; i < 48; i++) {
                    input[i] = drive.nextInt(3) == 0 ? (float) (amplitude * drive.nextDouble()) : 0f;
                }
                for (ConductanceLifPopulation pop : pops) {
                    System.arraycopy(input, 0, pop.excitatoryInput(), 0, 48);
                    pop.integrate(step, 0.5, 0.0, null);
                }
                assertEquals(pops[0].spikeCount(), pops[1].spikeCount(), "presentation " + presentation + " step " + step);
                spikesLate += presentation >= 12 ? pops[0].spikeCount() : 0;
            }
        }
        assertTrue(spikesLate > 20, "weak input must make neurons spike after θ decayed, got " + spikesLate);
        assertArrayEquals(pops[0].theta(), pops[1].theta());
    }

    /**
     * {@code accumulate} widens each float to double exactly and adds it once, in the definition's order: subnormal,
     * −0, the largest floats and ordinary values, at offsets, into sums where a small term rounds away; in a matrix
     * whose rows end at the array's end (the vector kernel's last loads would pass it, so its plain loop runs there)
     * and in one with room behind the last row (every group of a row in SIMD).
     */
    @Test
    void accumulateWidensEveryFloatExactlyInRowOrder() {
        SplittableRandom r = new SplittableRandom(41);
        float[] special = {Float.MIN_VALUE, -Float.MIN_VALUE, 3e-39f, -0f, 0f, Float.MAX_VALUE, -Float.MAX_VALUE,
                Float.MIN_NORMAL, 1f, -1.5f, 0x1.fffffep-1f};
        for (int n : new int[] {3, 4, 5, 16, 21, 100}) {
            for (int slack : new int[] {0, 64}) {
                int rows = 5;
                int o0 = 3; // the matrix starts at an offset into x
                float[] x = new float[o0 + rows * n + slack];
                for (int i = 0; i < x.length; i++) {
                    x[i] = r.nextInt(3) == 0 ? special[r.nextInt(special.length)] : (float) (1e3 * r.nextGaussian());
                }
                double[] start = new double[n + 2];
                for (int j = 0; j < start.length; j++) {
                    start[j] = j % 4 == 0 ? 1e300 * r.nextGaussian() : j % 4 == 1 ? -0.0 : r.nextGaussian();
                }
                double[] expected = start.clone();
                for (int i = 0; i < rows; i++) {
                    for (int h = 0; h < n; h++) {
                        expected[1 + h] += (double) x[o0 + i * n + h];
                    }
                }
                for (Kernels k : new Kernels[] {SCALAR, vector}) {
                    double[] sums = start.clone();
                    for (int i = 0; i < rows; i++) {
                        k.accumulate(sums, 1, x, o0 + i * n, n);
                    }
                    for (int j = 0; j < sums.length; j++) {
                        assertEquals(Double.doubleToRawLongBits(expected[j]), Double.doubleToRawLongBits(sums[j]),
                                k.name() + " n=" + n + " slack=" + slack + " entry " + j);
                    }
                }
            }
        }
    }

    @Test
    void kernelChoiceIsNamedAndBadNamesAreRejected() {
        assertSame(SCALAR, Kernels.named("scalar"));
        assertSame(vector, Kernels.named("vector"));
        // auto: this JVM's choice (calibrated or cached; KernelChoiceTest), one of the two
        Kernels auto = Kernels.named(" AUTO ");
        assertTrue(auto == vector || auto == SCALAR, auto.name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kernels.named("gpu"));
        assertTrue(e.getMessage().contains("'gpu'"), e.getMessage());
    }
}
