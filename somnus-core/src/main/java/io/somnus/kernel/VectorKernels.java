package io.somnus.kernel;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.Vector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels on the Vector API. Every lane performs the operations of {@link ScalarKernels} in the same
 * order (Java never fuses a multiply-add on its own, and none is requested here), so the results are
 * bit-identical. The neuron kernels integrate a whole population in SIMD, the exponential-Euler factor
 * included, and find spike candidates with a SIMD comparison; the few candidates are confirmed by the
 * scalar test (for θ, in double). Refractoriness becomes a float mask. One vector shape only, no
 * float→int conversion and no mask that changes element type: those are the forms C2 on Java 17 compiles
 * to SIMD instructions (others fall back to Java code there, 4–60× slower). Sparse rows and columns use
 * gathers and scatters at full width. Loaded by name from {@link KernelSelection}: only then does anything
 * link against {@code jdk.incubator.vector}.
 */
final class VectorKernels implements Kernels {
    /**
     * The machine's widest float vector, {@code -Dsomnus.vector.bits=128|256|512}, or the narrower width
     * {@code auto} found faster on this CPU ({@link VectorWidth}).
     */
    private static final VectorSpecies<Float> F = VectorSpecies.of(float.class,
            VectorShape.forBitSize(VectorWidth.choose(FloatVector.SPECIES_PREFERRED.vectorBitSize())));
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());
    /** F's concrete vector class, for {@link LoopCarried#exact}. */
    private static final Class<? extends Vector<Float>> FLOATS = F.vectorType();
    /**
     * Whether vectors are 512 bits wide: x86 has scatter instructions only with AVX-512; narrower, C2 on Java 17
     * runs an indexed store as Java code ({@code VectorSupport.storeWithMap} in a profile on an AVX2 Zen 3).
     */
    private static final boolean HAS_SCATTER = F.vectorBitSize() >= 512;
    /** Step numbers below 2²⁴ are exact in float; from there on the scalar kernels run. */
    private static final int EXACT_FLOAT_STEPS = 1 << 24;

    @Override
    public String name() {
        return "vector-" + F.vectorBitSize();
    }

    @Override
    public int floatLanes() {
        return F.length();
    }

    /** Doubles and longs (the log-space pull computes in double): the JVM's one double species, whatever F's width. */
    private static final VectorSpecies<Double> D = DoubleLanes.SPECIES;
    /**
     * D's concrete vector class. A computed vector is cast to it (or to {@link #FLOATS}) where it is stored, by
     * {@code Class.cast} written out: an intrinsic, which needs no inlining (a helper doing the cast was not inlined
     * once a compilation had passed C2's node limit for inlining). C2 otherwise binds the store to the vector's class
     * through the receiver's type profile, and in some JVMs of diehl-cook with sleep it did not: the stores of V,
     * g_e and g_i and of the pull's exponents ran as the Vector API's Java code (docs/performance-rounds.md,
     * nineteenth round).
     */
    private static final Class<? extends Vector<Double>> DOUBLES = D.vectorType();

    /**
     * The log-space pull's SIMD path runs while |e − 1| is at most this (the sleep's per-step λ = 0.99997 and its
     * powers up to ≈ 30 steps), where ln(|w|/|t|) is needed only to ≈ 10⁻¹¹ and exp(z) only near 0.
     */
    private static final double PULL_MAX_EXPONENT_OFFSET = 0x1p-10;
    /** |z| = |(e − 1)·ln(|w|/|t|)| beyond which a weight takes the scalar path (exp's series is cut at z⁴). */
    private static final double PULL_MAX_Z = 0x1p-10;
    /** Adding this to a double's bits carries into the exponent exactly when its mantissa is ≥ √2. */
    private static final long PULL_SQRT2_CARRY = 0x3ff0000000000000L - Double.doubleToRawLongBits(Math.sqrt(0.5));
    private static final double LN2_HI = 0x1.62e42fefa3800p-1; // its product with an exponent is exact
    private static final double LN2_LO = 0x1.ef35793c76730p-45;
    /** The 29 mantissa bits a double loses when rounded to float; their value 2²⁸ is a rounding midpoint. */
    private static final long PULL_LOST_BITS = (1L << 29) - 1;
    private static final long PULL_MIDPOINT = 1L << 28;
    /**
     * Results within this many double ulps of a float rounding midpoint take the scalar path. Both the fast value
     * and {@link Kernels#logSpacePull(double, double, double)}'s lie within 10⁻¹³ (relative, < 10³ ulps) of the
     * exact pull, so outside this band the two round to the same float; ≈ 1 weight in 4 000 falls inside.
     */
    private static final long PULL_MARGIN_ULPS = 1L << 16;
    private static final long NAN_BITS = Double.doubleToRawLongBits(Double.NaN);
    private static final int SIGN = 0x8000_0000;

    /**
     * The pull as {@code |w|·exp((e − 1)·(ln|w| − ln|t|))} (= |t|·(|w|/|t|)^e) in SIMD doubles: ln|w| from the
     * exponent and an atanh series of the mantissa in [√½, √2) (truncation < 2·10⁻¹¹), exp by its series to z⁴
     * (|z| ≤ 2⁻¹⁰: truncation < 10⁻¹⁷). The error from the exact value stays below 10⁻¹³ relative, so where the
     * result is not within {@link #PULL_MARGIN_ULPS} of a float rounding midpoint it rounds to the float the scalar
     * definition gives; every other weight (0, subnormal or non-finite results, |z| too large, near a midpoint)
     * is recomputed by the definition.
     */
    @Override
    public void logSpacePull(float[] w, int n, double target, double exponent, double[] scratch) {
        double t = Math.abs(target);
        double c = exponent - 1;
        int chunk = scratch.length / 2; // magnitudes in [0, chunk), exponents z in [chunk, 2·chunk)
        if (!(Math.abs(c) <= PULL_MAX_EXPONENT_OFFSET) || !(t >= Float.MIN_NORMAL && t <= Float.MAX_VALUE)
                || chunk < D.length()) {
            ScalarKernels.INSTANCE.logSpacePull(w, n, target, exponent, scratch); // which refuses an empty scratch
            return;
        }
        double lnT = Math.log(t);
        for (int from = 0; from < n; from += chunk) {
            int m = Math.min(chunk, n - from);
            for (int i = 0; i < m; i++) {
                scratch[i] = Math.abs((double) w[from + i]);
            }
            // two loops of half the operations each: C2 stops inlining Vector API calls past a size budget, and a
            // call it did not inline runs as Java code (observed: the store of a single loop doing both, in some JVMs)
            pullExponents(scratch, chunk, m, lnT, c);
            pullMagnitudes(scratch, chunk, m);
            int left = signedPulls(w, from, scratch, chunk, m);
            for (int k = 0; k < left; k++) {
                int s = from + (int) scratch[chunk + k];
                w[s] = (float) Kernels.logSpacePull(w[s], target, exponent);
            }
        }
    }

    @Override
    public void logSpacePull(float[] w, int from, int n, PullTargets targets, int t, double exponent, double[] scratch) {
        double c = exponent - 1;
        int chunk = scratch.length / 2; // as in the single-target pull
        if (!(Math.abs(c) <= PULL_MAX_EXPONENT_OFFSET) || chunk < D.length()) {
            ScalarKernels.INSTANCE.logSpacePull(w, from, n, targets, t, exponent, scratch);
            return;
        }
        for (int done = 0; done < n; done += chunk) {
            int m = Math.min(chunk, n - done);
            int o = from + done;
            for (int i = 0; i < m; i++) {
                scratch[i] = Math.abs((double) w[o + i]);
            }
            // a target that is 0, subnormal or not finite has ln NaN: its lanes come out NaN and take the definition
            pullExponents(scratch, chunk, m, targets.lnMagnitude, t + done, c);
            pullMagnitudes(scratch, chunk, m);
            int left = signedPulls(w, o, scratch, chunk, m);
            for (int k = 0; k < left; k++) {
                int j = (int) scratch[chunk + k];
                w[o + j] = (float) Kernels.logSpacePull(w[o + j], targets.target[t + done + j], exponent);
            }
        }
    }

    /**
     * {@code w[from + j] ←} the pulled magnitude {@code (float) a[j]} with the sign of {@code w[from + j]}, for j in
     * [0, m) where it is not NaN; the others are left to the definition, their j listed in {@code a[z..)} (the
     * exponents' half of the scratch, free once the magnitudes are pulled), and their count returned. A loop without
     * that call: with the call in it, C2 kept the loop's arrays and offsets on the stack, reloaded them at every
     * weight, and in some JVMs ran this loop at half the speed (paper-code's sleep 7 or 10 s:
     * docs/performance-rounds.md, twenty-fourth round).
     */
    private static int signedPulls(float[] w, int from, double[] a, int z, int m) {
        int left = 0;
        for (int j = 0; j < m; j++) {
            float y = (float) a[j];
            if (y == y) {
                int s = from + j;
                w[s] = Float.intBitsToFloat(Float.floatToRawIntBits(y) | Float.floatToRawIntBits(w[s]) & SIGN);
            } else {
                a[z + left++] = j;
            }
        }
        return left;
    }

    /** {@code a[z + i] ← c·(ln a[i] − lnT)} for i in [0, m), ln by the exponent and an atanh series of the mantissa. */
    private static void pullExponents(double[] a, int z, int m, double lnT, double c) {
        int bound = D.loopBound(m);
        for (int i = 0; i < bound; i += D.length()) {
            ((DoubleVector) DOUBLES.cast(lnOfMagnitudes(a, i).sub(lnT).mul(c))).intoArray(a, z + i);
        }
    }

    /** As above with {@code lnT[t + i]} per lane. */
    private static void pullExponents(double[] a, int z, int m, double[] lnT, int t, double c) {
        int bound = D.loopBound(m);
        for (int i = 0; i < bound; i += D.length()) {
            DoubleVector e = lnOfMagnitudes(a, i).sub(DoubleVector.fromArray(D, lnT, t + i)).mul(c);
            ((DoubleVector) DOUBLES.cast(e)).intoArray(a, z + i);
        }
    }

    /** ln of the positive doubles at {@code a[i..]}, by the exponent and an atanh series of the mantissa. */
    private static DoubleVector lnOfMagnitudes(double[] a, int i) {
        LongVector bits = DoubleVector.fromArray(D, a, i).reinterpretAsLongs();
        LongVector k = bits.add(PULL_SQRT2_CARRY).lanewise(VectorOperators.LSHR, 52); // biased exponent
        DoubleVector kd = k.or(0x4330000000000000L).reinterpretAsDoubles().sub(0x1p52 + 1023);
        DoubleVector mant = bits.sub(k.sub(1023).lanewise(VectorOperators.LSHL, 52)).reinterpretAsDoubles();
        DoubleVector u = mant.sub(1).div(mant.add(1));
        DoubleVector u2 = u.mul(u);
        DoubleVector u4 = u2.mul(u2);
        // ln(mant) = 2u·(1 + u²/3 + u⁴/5 + u⁶/7 + u⁸/9 + u¹⁰/11), grouped for shorter dependency chains
        DoubleVector series = u2.mul(1.0 / 11).add(1.0 / 9).mul(u4).add(u2.mul(1.0 / 7).add(1.0 / 5)).mul(u4)
                .add(u2.mul(1.0 / 3).add(1));
        return kd.mul(LN2_HI).add(kd.mul(LN2_LO).add(series.mul(u.add(u))));
    }

    /**
     * {@code a[i] ← a[i]·exp(a[z + i])} for i in [0, m) (exp by its series to z⁴), or NaN where that may not round
     * to the definition's float (see {@link #logSpacePull}); the tail past the vectors is NaN.
     */
    private static void pullMagnitudes(double[] a, int z, int m) {
        DoubleVector nan = DoubleVector.broadcast(D, Double.NaN);
        int bound = D.loopBound(m);
        int i = 0;
        for (; i < bound; i += D.length()) {
            DoubleVector x = DoubleVector.fromArray(D, a, i);
            DoubleVector e = DoubleVector.fromArray(D, a, z + i);
            DoubleVector e2 = e.mul(e);
            DoubleVector y = x.mul(e.mul(1.0 / 6).add(0.5).add(e2.mul(1.0 / 24)).mul(e2).add(e.add(1)));
            VectorMask<Double> fast = y.compare(VectorOperators.GE, Float.MIN_NORMAL)
                    .and(y.compare(VectorOperators.LE, Float.MAX_VALUE))
                    .and(e.abs().compare(VectorOperators.LE, PULL_MAX_Z));
            LongVector yb = nan.blend(y, fast).reinterpretAsLongs();
            LongVector lost = yb.and(PULL_LOST_BITS);
            VectorMask<Long> nearMidpoint = lost.compare(VectorOperators.GT, PULL_MIDPOINT - PULL_MARGIN_ULPS)
                    .and(lost.compare(VectorOperators.LT, PULL_MIDPOINT + PULL_MARGIN_ULPS));
            ((DoubleVector) DOUBLES.cast(yb.blend(NAN_BITS, nearMidpoint).reinterpretAsDoubles())).intoArray(a, i);
        }
        for (; i < m; i++) {
            a[i] = Double.NaN;
        }
    }

    /**
     * {@link FastExp}'s float constants, read from this array where {@link #exp} uses them: the reads stay in the neuron
     * update's loop (C2 cannot tell this array from the ones the loop writes), so each constant is broadcast from memory
     * at its use instead of held in a vector register across the loop. Held as constants, they left the loop more live
     * vectors than registers, and in about half the JVMs C2 spilled V and g_i instead and reloaded them right after
     * their store: the update then ran at half the speed for the whole run (diehl-cook N_e = 100: ≈ 720 against ≈ 965
     * training images/s). With the reads, seven JVMs of seven compiled the fast kind (docs/performance-rounds.md,
     * thirty-third round). The same operations on the same values: the same bits.
     */
    private static final float[] EXP = {FastExp.MIN_ARG, FastExp.LOG2E, FastExp.ROUNDING_SHIFT, FastExp.LN2_HI,
            FastExp.LN2_LO, FastExp.C7, FastExp.C6, FastExp.C5, FastExp.C4, FastExp.C3, FastExp.C2, 1f};
    /** Where each constant sits in {@link #EXP}. */
    private static final int EXP_MIN_ARG = 0, EXP_LOG2E = 1, EXP_SHIFT = 2, EXP_LN2_HI = 3, EXP_LN2_LO = 4, EXP_C7 = 5,
            EXP_C6 = 6, EXP_C5 = 7, EXP_C4 = 8, EXP_C3 = 9, EXP_C2 = 10, EXP_ONE = 11;

    /** {@link FastExp#expNonPositive} lane-wise; 2ⁿ's exponent bits as bits(shifted) − (ROUNDING_SHIFT_BITS − 127). */
    static FloatVector exp(FloatVector x) {
        float[] k = EXP;
        FloatVector xc = x.max(k[EXP_MIN_ARG]);
        FloatVector shifted = xc.mul(k[EXP_LOG2E]).add(k[EXP_SHIFT]);
        FloatVector nf = shifted.sub(k[EXP_SHIFT]);
        FloatVector r = xc.sub(nf.mul(k[EXP_LN2_HI])).sub(nf.mul(k[EXP_LN2_LO]));
        FloatVector p = r.mul(k[EXP_C7]).add(k[EXP_C6]);
        p = p.mul(r).add(k[EXP_C5]);
        p = p.mul(r).add(k[EXP_C4]);
        p = p.mul(r).add(k[EXP_C3]);
        p = p.mul(r).add(k[EXP_C2]);
        p = p.mul(r).add(k[EXP_ONE]);
        p = p.mul(r).add(k[EXP_ONE]);
        FloatVector scale = shifted.reinterpretAsInts().sub(FastExp.ROUNDING_SHIFT_BITS - 127)
                .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(scale);
    }

    @Override
    public int conductanceLif(ConductanceLifStep c, int step, int n, float[] v, float[] ge, float[] gi, double[] theta,
                              int[] refractoryUntil, float[] excitatoryIn, float[] inhibitoryIn, float[] noiseMv,
                              float[] thresholdFloor, int[] spikedOut) {
        int bound = vectorBound(n, v, ge, gi, refractoryUntil, excitatoryIn, inhibitoryIn, noiseMv);
        if (step >= EXACT_FLOAT_STEPS || thresholdFloor.length < bound) {
            return ScalarKernels.INSTANCE.conductanceLif(c, step, n, v, ge, gi, theta, refractoryUntil, excitatoryIn,
                    inhibitoryIn, noiseMv, thresholdFloor, spikedOut);
        }
        // θ decays first (a plain loop HotSpot vectorises); then V ≥ floor, a float lower bound of V_th + θ, is
        // a necessary condition for a spike: SIMD finds these candidates, the exact double test confirms them
        final int tested = Math.min(bound, n);
        decayTheta(theta, tested, c.keepTheta());
        final double threshold = c.thresholdMv();
        final float dtOverTau = c.dtOverTau();
        final float negDtOverTau = -dtOverTau;
        final FloatVector rest = FloatVector.broadcast(F, c.restMv());
        final FloatVector eExc = FloatVector.broadcast(F, c.excitatoryReversalMv());
        final FloatVector eInh = FloatVector.broadcast(F, c.inhibitoryReversalMv());
        final FloatVector zero = FloatVector.zero(F);
        final float now = step;
        // A neuron at rest with no conductance and no input is at a fixed point of exponential Euler's update,
        // V = V∞ + (V − V∞)·e^(−dt/τ) with V∞ and the factor of g_e = g_i = 0 (computed below by the same operations
        // as the update): when a whole vector of neurons is active, receives nothing, has g = +0 and V maps to itself
        // bit for bit, the update would write back what is there, so it is skipped (most inhibitory neurons between
        // the spikes of their excitatory partner). Not under forward Euler: its update costs about what the test does,
        // which then only slowed the vectors that receive input every step (the excitatory neurons;
        // docs/performance-rounds.md, forty-third round).
        final boolean skipResting = !c.forwardEuler() && noiseMv == null && c.keepExcitatory() > 0
                && c.keepInhibitory() > 0;
        // (V∞ and the factor at g = +0 come with the step's constants, by the scalar operations the lanes repeat)
        final FloatVector vInfResting = FloatVector.broadcast(F, c.restingVInfMv());
        final FloatVector decayResting = FloatVector.broadcast(F, c.restingDecay());
        int count = 0;
        for (int i = 0; i < bound; i += F.length()) {
            FloatVector excIn = FloatVector.fromArray(F, excitatoryIn, i);
            FloatVector inhIn = FloatVector.fromArray(F, inhibitoryIn, i);
            FloatVector gePrev = FloatVector.fromArray(F, ge, i);
            FloatVector giPrev = FloatVector.fromArray(F, gi, i);
            FloatVector vi = FloatVector.fromArray(F, v, i);
            VectorMask<Float> active = refractoryEnds(refractoryUntil, i).compare(VectorOperators.LE, now);
            if (skipResting && excIn.reinterpretAsInts().or(inhIn.reinterpretAsInts()).or(gePrev.reinterpretAsInts())
                    .or(giPrev.reinterpretAsInts()).compare(VectorOperators.EQ, 0).allTrue() && active.allTrue()
                    && vInfResting.add(vi.sub(vInfResting).mul(decayResting))
                            .reinterpretAsInts().compare(VectorOperators.EQ, vi.reinterpretAsInts()).allTrue()
                    && !vi.compare(VectorOperators.GE, FloatVector.fromArray(F, thresholdFloor, i)).anyTrue()) {
                continue;
            }
            FloatVector gei = gePrev.add(excIn);
            FloatVector gii = giPrev.add(inhIn);
            zero.intoArray(excitatoryIn, i);
            zero.intoArray(inhibitoryIn, i);
            FloatVector vNew;
            if (c.forwardEuler()) {
                FloatVector drive = rest.sub(vi).add(gei.mul(eExc.sub(vi))).add(gii.mul(eInh.sub(vi)));
                vNew = vi.add(drive.mul(dtOverTau));
            } else {
                FloatVector gTotal = gei.add(1f).add(gii);
                FloatVector vInf = rest.add(gei.mul(eExc)).add(gii.mul(eInh)).div(gTotal);
                vNew = vInf.add(vi.sub(vInf).mul(exp(gTotal.mul(negDtOverTau))));
            }
            // (not currentLif's −0 where there is no noise: in runs without sleep C2 prunes this branch, and the
            // load and add it would cost every vector gained nothing measurable in diehl-cook's bench either way;
            // in sleep runs, −0 instead left the slow kind of JVM as frequent: docs/performance-rounds.md,
            // nineteenth round)
            if (noiseMv != null) {
                vNew = vNew.add(FloatVector.fromArray(F, noiseMv, i));
            }
            // each stored vector cast to its class where it is stored (see the pull's stores)
            vi = (FloatVector) FLOATS.cast(vi.blend(vNew, active));
            vi.intoArray(v, i);
            ((FloatVector) FLOATS.cast(gei.mul(c.keepExcitatory()))).intoArray(ge, i);
            ((FloatVector) FLOATS.cast(gii.mul(c.keepInhibitory()))).intoArray(gi, i);
            if (vi.compare(VectorOperators.GE, FloatVector.fromArray(F, thresholdFloor, i)).and(active).anyTrue()) {
                for (int k = i, end = Math.min(i + F.length(), tested); k < end; k++) {
                    if (step >= refractoryUntil[k] && v[k] > threshold + theta[k]) {
                        v[k] = c.resetMv();
                        theta[k] += c.thetaPlusMv();
                        refractoryUntil[k] = step + c.refractorySteps();
                        spikedOut[count++] = k;
                    }
                }
            }
        }
        return ScalarKernels.conductanceLifRange(c, step, bound, n, v, ge, gi, theta, refractoryUntil, excitatoryIn,
                inhibitoryIn, noiseMv, spikedOut, count);
    }

    /**
     * θ ← θ·keep over the first {@code n} neurons, skipped when θ is frozen (keep = 1). A method of its own, kept out
     * of {@link #conductanceLif} (the launcher's {@code dontinline}): inlined there, the first frozen step (the first
     * evaluation, mid-training) trapped and threw away the neuron update's compile, and the compile that replaced it
     * ran the rest of the run, in some JVMs at half the speed (docs/performance-rounds.md, twentieth round).
     */
    private static void decayTheta(double[] theta, int n, double keep) {
        if (keep != 1.0) {
            for (int i = 0; i < n; i++) {
                theta[i] *= keep;
            }
        }
    }

    /** At least {@code n} copies of −0f, shared and never written: the additive identity of every float. */
    private static volatile float[] negativeZeros = new float[0];

    private static float[] negativeZeros(int n) {
        float[] z = negativeZeros;
        if (z.length < n) {
            z = new float[n];
            Arrays.fill(z, -0f);
            negativeZeros = z; // filled before it is published
        }
        return z;
    }

    @Override
    public int currentLif(CurrentLifStep c, int step, int n, float[] v, float[] current, float[] adaptation,
                          int[] refractoryUntil, float[] excitatoryIn, float[] inhibitoryIn, float[] noiseMv,
                          int[] spikedOut) {
        if (step >= EXACT_FLOAT_STEPS) {
            return ScalarKernels.INSTANCE.currentLif(c, step, n, v, current, adaptation, refractoryUntil, excitatoryIn,
                    inhibitoryIn, noiseMv, spikedOut);
        }
        final int bound = vectorBound(n, v, current, adaptation, refractoryUntil, excitatoryIn, inhibitoryIn, noiseMv);
        final FloatVector rest = FloatVector.broadcast(F, c.restMv());
        final FloatVector zero = FloatVector.zero(F);
        final float[] noise = noiseMv != null ? noiseMv : negativeZeros(bound);
        final float now = step;
        int count = 0;
        for (int i = 0; i < bound; i += F.length()) {
            FloatVector vi = FloatVector.fromArray(F, v, i);
            FloatVector input = FloatVector.fromArray(F, excitatoryIn, i).add(FloatVector.fromArray(F, inhibitoryIn, i));
            FloatVector ii = FloatVector.fromArray(F, current, i).add(input.mul(c.gain()));
            zero.intoArray(excitatoryIn, i);
            zero.intoArray(inhibitoryIn, i);
            VectorMask<Float> active = refractoryEnds(refractoryUntil, i).compare(VectorOperators.LE, now);
            FloatVector vInf = rest.add(ii.mul(c.resistance()));
            // no branch here: a vector merged from two paths (a phi) left C2 running this loop's loads and adds on
            // the Vector API's slow Java fallback; adding −0 instead of no noise gives the same bits (x + (−0) = x)
            FloatVector vNew = vInf.add(vi.sub(vInf).mul(c.decayV())).add(FloatVector.fromArray(F, noise, i));
            vi = vi.blend(vNew, active).max(c.vMinMv()).min(c.vMaxMv());
            ((FloatVector) FLOATS.cast(vi)).intoArray(v, i); // cast where stored (see the pull's stores)
            ((FloatVector) FLOATS.cast(ii.mul(c.decayI()))).intoArray(current, i);
            FloatVector ai = FloatVector.fromArray(F, adaptation, i).mul(c.decayA());
            ((FloatVector) FLOATS.cast(ai)).intoArray(adaptation, i);
            if (vi.compare(VectorOperators.GE, ai.add(c.thresholdMv())).and(active).anyTrue()) {
                for (int k = i, end = Math.min(i + F.length(), n); k < end; k++) {
                    if (step >= refractoryUntil[k] && v[k] >= c.thresholdMv() + adaptation[k]) {
                        v[k] = c.resetMv();
                        adaptation[k] += c.adaptationMv();
                        refractoryUntil[k] = step + c.refractorySteps();
                        spikedOut[count++] = k;
                    }
                }
            }
        }
        return ScalarKernels.currentLifRange(c, false, 0f, 0f, step, bound, n, v, current, adaptation, refractoryUntil,
                excitatoryIn, inhibitoryIn, noiseMv, spikedOut, count);
    }

    /**
     * {@link #currentLif}'s loop with the authors' test. A loop of its own rather than a flag in that one: a mask
     * chosen between two tests would merge two vectors, which has left C2 running a loop on the Vector API's Java
     * fallback (see {@link #currentLif}), and paper and paper-code each call only one of the two.
     */
    @Override
    public int currentLifPreviousThreshold(CurrentLifStep c, float thresholdMinMv, float thresholdMaxMv, int step,
                                           int n, float[] v, float[] current, float[] adaptation,
                                           int[] refractoryUntil, float[] excitatoryIn, float[] inhibitoryIn,
                                           float[] noiseMv, int[] spikedOut) {
        if (step >= EXACT_FLOAT_STEPS) {
            return ScalarKernels.INSTANCE.currentLifPreviousThreshold(c, thresholdMinMv, thresholdMaxMv, step, n, v,
                    current, adaptation, refractoryUntil, excitatoryIn, inhibitoryIn, noiseMv, spikedOut);
        }
        final int bound = vectorBound(n, v, current, adaptation, refractoryUntil, excitatoryIn, inhibitoryIn, noiseMv);
        final FloatVector rest = FloatVector.broadcast(F, c.restMv());
        final FloatVector zero = FloatVector.zero(F);
        final float[] noise = noiseMv != null ? noiseMv : negativeZeros(bound);
        final float now = step;
        int count = 0;
        for (int i = 0; i < bound; i += F.length()) {
            FloatVector vi = FloatVector.fromArray(F, v, i);
            FloatVector input = FloatVector.fromArray(F, excitatoryIn, i).add(FloatVector.fromArray(F, inhibitoryIn, i));
            FloatVector ii = FloatVector.fromArray(F, current, i).add(input.mul(c.gain()));
            zero.intoArray(excitatoryIn, i);
            zero.intoArray(inhibitoryIn, i);
            VectorMask<Float> active = refractoryEnds(refractoryUntil, i).compare(VectorOperators.LE, now);
            FloatVector vInf = rest.add(ii.mul(c.resistance()));
            // −0 where there is no noise, as in currentLif (no merge of two vectors)
            FloatVector vNew = vInf.add(vi.sub(vInf).mul(c.decayV())).add(FloatVector.fromArray(F, noise, i));
            vi = vi.blend(vNew, active).max(c.vMinMv()).min(c.vMaxMv());
            FloatVector aPrev = FloatVector.fromArray(F, adaptation, i);
            FloatVector thetaPrev = aPrev.add(c.thresholdMv()).max(thresholdMinMv).min(thresholdMaxMv);
            ((FloatVector) FLOATS.cast(vi)).intoArray(v, i); // cast where stored (see the pull's stores)
            ((FloatVector) FLOATS.cast(ii.mul(c.decayI()))).intoArray(current, i);
            int firstSpike = count;
            if (vi.compare(VectorOperators.GT, thetaPrev).and(active).anyTrue()) {
                // the candidates confirmed by the scalar test, while the adaptation is still a_prev
                for (int k = i, end = Math.min(i + F.length(), n); k < end; k++) {
                    if (step >= refractoryUntil[k]
                            && v[k] > ScalarKernels.previousThreshold(c, adaptation[k], thresholdMinMv, thresholdMaxMv)) {
                        spikedOut[count++] = k;
                    }
                }
            }
            ((FloatVector) FLOATS.cast(aPrev.mul(c.decayA()))).intoArray(adaptation, i);
            for (int s = firstSpike; s < count; s++) {
                int k = spikedOut[s];
                v[k] = c.resetMv();
                adaptation[k] += c.adaptationMv();
                refractoryUntil[k] = step + c.refractorySteps();
            }
        }
        return ScalarKernels.currentLifRange(c, true, thresholdMinMv, thresholdMaxMv, step, bound, n, v, current,
                adaptation, refractoryUntil, excitatoryIn, inhibitoryIn, noiseMv, spikedOut, count);
    }

    /**
     * How far the SIMD loop runs: over the padding too when every array is padded (then no scalar tail
     * remains), else to the last full vector.
     */
    private static int vectorBound(int n, float[] a, float[] b, float[] c, int[] d, float[] e, float[] f, float[] g) {
        int padded = roundUpToLanes(n);
        boolean fits = a.length >= padded && b.length >= padded && c.length >= padded && d.length >= padded
                && e.length >= padded && f.length >= padded && (g == null || g.length >= padded);
        return fits ? padded : F.loopBound(n);
    }

    /** n rounded up to whole vectors ({@link #I} has as many lanes as {@link #F}). */
    private static int roundUpToLanes(int n) {
        return (n + F.length() - 1) / F.length() * F.length();
    }

    /** The refractory end steps as floats (exact below {@link #EXACT_FLOAT_STEPS}), so masks stay float masks. */
    private static FloatVector refractoryEnds(int[] refractoryUntil, int i) {
        return (FloatVector) IntVector.fromArray(I, refractoryUntil, i).convert(VectorOperators.I2F, 0);
    }

    @Override
    public void addRow(float[] target, float[] w, int from, int n) {
        addRow(target, 0, w, from, n);
    }

    @Override
    public int firstNonFinite(float[] x, int n) {
        // x − x is 0 for a finite x and NaN for NaN or ±∞: a whole vector per test, where the scalar loop's exit
        // branch keeps C2 to one weight per test (the per-image check of N_e = 6 400's 5 million input weights)
        int bound = F.loopBound(n);
        int i = 0;
        for (; i < bound; i += F.length()) {
            FloatVector v = FloatVector.fromArray(F, x, i);
            FloatVector d = v.sub(v);
            if (d.compare(VectorOperators.NE, d).anyTrue()) {
                break;
            }
        }
        for (; i < n; i++) {
            if (!Float.isFinite(x[i])) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void clamp(float[] w, int n, float lo, float hi) {
        // both masks from the weight as it was, the lower bound last: the scalar test's order (lo wins if lo > hi)
        int bound = F.loopBound(n);
        int s = 0;
        for (; s < bound; s += F.length()) {
            FloatVector x = FloatVector.fromArray(F, w, s);
            x.blend(hi, x.compare(VectorOperators.GT, hi)).blend(lo, x.compare(VectorOperators.LT, lo)).intoArray(w, s);
        }
        ScalarKernels.clampRange(w, s, n, lo, hi);
    }

    @Override
    public void addRow(float[] target, int targetFrom, float[] w, int from, int n) {
        int bound = F.loopBound(n);
        int j = 0;
        for (; j < bound; j += F.length()) {
            FloatVector.fromArray(F, target, targetFrom + j).add(FloatVector.fromArray(F, w, from + j))
                    .intoArray(target, targetFrom + j);
        }
        for (; j < n; j++) {
            target[targetFrom + j] += w[from + j];
        }
    }

    @Override
    public void addRows(float[] target, float[] w, int[] from, int count, int n) {
        // Vectors of target stay in registers while every row is added to them, in row order: two at a time (and four
        // columns at a time in a tail without a vector's room; see tailRow), so that two (four) chains of dependent
        // additions overlap; each element still receives its additions in row order
        int lanes = F.length();
        int bound = F.loopBound(n);
        int j = 0;
        for (; j + lanes < bound; j += 2 * lanes) {
            FloatVector acc0 = FloatVector.fromArray(F, target, j);
            FloatVector acc1 = FloatVector.fromArray(F, target, j + lanes);
            for (int k = 0; k < count; k++) {
                int row = from[k] + j;
                acc0 = LoopCarried.exact(FLOATS, acc0).add(FloatVector.fromArray(F, w, row));
                acc1 = LoopCarried.exact(FLOATS, acc1).add(FloatVector.fromArray(F, w, row + lanes));
            }
            acc0.intoArray(target, j);
            acc1.intoArray(target, j + lanes);
        }
        if (j < bound) {
            FloatVector acc = FloatVector.fromArray(F, target, j);
            for (int k = 0; k < count; k++) {
                acc = LoopCarried.exact(FLOATS, acc).add(FloatVector.fromArray(F, w, from[k] + j));
            }
            acc.intoArray(target, j);
            j += lanes;
        }
        if (j < n && target.length >= j + lanes && tailRows(w, from, count, j)) { // the last columns as one vector
            FloatVector before = FloatVector.fromArray(F, target, j);
            FloatVector acc = before;
            for (int k = 0; k < count; k++) {
                acc = LoopCarried.exact(FLOATS, acc).add(FloatVector.fromArray(F, w, from[k] + j));
            }
            before.blend(acc, F.indexInRange(j, n)).intoArray(target, j); // the lanes past n (other rows) dropped
            return;
        }
        for (; j + 4 <= n; j += 4) {
            float a0 = target[j];
            float a1 = target[j + 1];
            float a2 = target[j + 2];
            float a3 = target[j + 3];
            for (int k = 0; k < count; k++) {
                int row = from[k] + j;
                a0 += w[row];
                a1 += w[row + 1];
                a2 += w[row + 2];
                a3 += w[row + 3];
            }
            target[j] = a0;
            target[j + 1] = a1;
            target[j + 2] = a2;
            target[j + 3] = a3;
        }
        for (; j < n; j++) {
            float acc = target[j];
            for (int k = 0; k < count; k++) {
                acc += w[from[k] + j];
            }
            target[j] = acc;
        }
    }

    @Override
    public void depressRows(float[] w, int[] rows, int count, float[] trace, int n, float a, float lo, float hi) {
        // One call per step rather than per spike, and each vector of traces, its mask and a·trace made once for all
        // the step's rows; a vector of zero traces (posts that have not fired) changes no row and is skipped
        int bound = F.loopBound(n);
        for (int j = 0; j < bound; j += F.length()) {
            FloatVector t = FloatVector.fromArray(F, trace, j);
            VectorMask<Float> touched = t.compare(VectorOperators.NE, 0f);
            if (!touched.anyTrue()) {
                continue;
            }
            FloatVector at = t.mul(a);
            for (int k = 0; k < count; k++) {
                int s = rows[k] * n + j;
                FloatVector wj = FloatVector.fromArray(F, w, s);
                wj.blend(wj.sub(at).max(lo).min(hi), touched).intoArray(w, s);
            }
        }
        if (bound < n && trace.length >= bound + F.length()) { // the last columns, a vector per row (see tailRow)
            FloatVector t = FloatVector.fromArray(F, trace, bound);
            VectorMask<Float> touched = t.compare(VectorOperators.NE, 0f).and(F.indexInRange(bound, n));
            if (touched.anyTrue()) {
                FloatVector at = t.mul(a);
                for (int k = 0; k < count; k++) {
                    int s = rows[k] * n + bound;
                    if (tailRow(w, s)) {
                        FloatVector wj = FloatVector.fromArray(F, w, s);
                        wj.blend(wj.sub(at).max(lo).min(hi), touched).intoArray(w, s);
                    } else {
                        ScalarKernels.depressRowRange(w, rows[k] * n, trace, bound, n, a, lo, hi);
                    }
                }
            }
        } else if (bound < n) {
            for (int k = 0; k < count; k++) {
                ScalarKernels.depressRowRange(w, rows[k] * n, trace, bound, n, a, lo, hi);
            }
        }
    }

    /**
     * Whether a whole vector from {@code s} lies inside {@code w}: then a row's last {@code n − bound} columns are
     * updated as one vector, its lanes past the row (the next row's first columns) loaded and stored back as they
     * were, in place of a scalar loop over those columns for every row. Only the matrix's last row has no room.
     */
    private static boolean tailRow(float[] w, int s) {
        return s <= w.length - F.length();
    }

    /** {@link #tailRow} for every row starting at {@code from[k]}, from column {@code j}. */
    private static boolean tailRows(float[] w, int[] from, int count, int j) {
        for (int k = 0; k < count; k++) {
            if (!tailRow(w, from[k] + j)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void potentiateRows(float[] w, int[] rows, float[] rowTrace, int count, float[] gain, int n, float lo,
                               float hi) {
        // as depressRows: each vector of gains and its mask made once for all the rows; a vector of zero gains (posts
        // that did not spike) changes no row and is skipped
        int bound = F.loopBound(n);
        for (int j = 0; j < bound; j += F.length()) {
            FloatVector g = FloatVector.fromArray(F, gain, j);
            VectorMask<Float> touched = g.compare(VectorOperators.NE, 0f);
            if (!touched.anyTrue()) {
                continue;
            }
            for (int k = 0; k < count; k++) {
                int s = rows[k] * n + j;
                FloatVector wj = FloatVector.fromArray(F, w, s);
                wj.blend(wj.add(g.mul(rowTrace[k])).max(lo).min(hi), touched).intoArray(w, s);
            }
        }
        if (bound < n && gain.length >= bound + F.length()) { // the last columns, a vector per row (see tailRow)
            FloatVector g = FloatVector.fromArray(F, gain, bound);
            VectorMask<Float> touched = g.compare(VectorOperators.NE, 0f).and(F.indexInRange(bound, n));
            if (touched.anyTrue()) {
                for (int k = 0; k < count; k++) {
                    int s = rows[k] * n + bound;
                    if (tailRow(w, s)) {
                        FloatVector wj = FloatVector.fromArray(F, w, s);
                        wj.blend(wj.add(g.mul(rowTrace[k])).max(lo).min(hi), touched).intoArray(w, s);
                    } else {
                        ScalarKernels.potentiateRowRange(w, rows[k] * n, rowTrace[k], gain, bound, n, lo, hi);
                    }
                }
            }
        } else if (bound < n) {
            for (int k = 0; k < count; k++) {
                ScalarKernels.potentiateRowRange(w, rows[k] * n, rowTrace[k], gain, bound, n, lo, hi);
            }
        }
    }

    @Override
    public void depressListed(float[] w, int row, int[] post, float[] trace, int count, float a, float lo, float hi) {
        int q = 0;
        if (HAS_SCATTER) { // gather, update, scatter: the posts are distinct
            for (; q <= count - F.length(); q += F.length()) {
                FloatVector ws = FloatVector.fromArray(F, w, row, post, q);
                ws.sub(FloatVector.fromArray(F, trace, q).mul(a)).max(lo).min(hi).intoArray(w, row, post, q);
            }
        }
        ScalarKernels.depressListedRange(w, row, post, trace, q, count, a, lo, hi);
    }

    @Override
    public void depressSparseRow(float[] w, int[] postIndex, int from, int to, float[] trace, float a, float lo,
                                 float hi) {
        int s = from;
        for (; s <= to - F.length(); s += F.length()) {
            FloatVector t = FloatVector.fromArray(F, trace, 0, postIndex, s); // gather
            FloatVector ws = FloatVector.fromArray(F, w, s);
            ws.blend(ws.sub(t.mul(a)).max(lo).min(hi), t.compare(VectorOperators.NE, 0f)).intoArray(w, s);
        }
        ScalarKernels.INSTANCE.depressSparseRow(w, postIndex, s, to, trace, a, lo, hi);
    }

    @Override
    public void potentiateColumn(float[] w, int[] colSynapse, int[] colPre, int from, int to, float[] trace,
                                 float gain, float lo, float hi) {
        if (!HAS_SCATTER) {
            ScalarKernels.INSTANCE.potentiateColumn(w, colSynapse, colPre, from, to, trace, gain, lo, hi);
            return;
        }
        int c = from;
        for (; c <= to - F.length(); c += F.length()) {
            FloatVector t = FloatVector.fromArray(F, trace, 0, colPre, c);
            FloatVector ws = FloatVector.fromArray(F, w, 0, colSynapse, c);
            // gather, update, scatter (a column's synapses are distinct); zero-trace lanes write back unchanged
            ws.blend(ws.add(t.mul(gain)).max(lo).min(hi), t.compare(VectorOperators.NE, 0f))
                    .intoArray(w, 0, colSynapse, c);
        }
        ScalarKernels.INSTANCE.potentiateColumn(w, colSynapse, colPre, c, to, trace, gain, lo, hi);
    }

    @Override
    public boolean traces(float[] table, int[] lastSpike, int[] previousSpike, int step, int n, float[] out,
                          int[] indexScratch) {
        int padded = roundUpToLanes(n);
        boolean fits = lastSpike.length >= padded && (previousSpike == null || previousSpike.length >= padded)
                && out.length >= padded && indexScratch.length >= padded;
        int bound = fits ? padded : I.loopBound(n);
        int cap = table.length - 1;
        for (int j = 0; j < bound; j += I.length()) {
            IntVector t = IntVector.fromArray(I, lastSpike, j);
            if (previousSpike != null) {
                t = t.blend(IntVector.fromArray(I, previousSpike, j), t.compare(VectorOperators.EQ, step));
            }
            t.neg().add(step).min(cap).intoArray(indexScratch, j);
        }
        boolean any = false;
        for (int j = 0; j < bound; j += F.length()) {
            FloatVector v = FloatVector.fromArray(F, table, 0, indexScratch, j); // gather
            v.intoArray(out, j);
            any |= v.compare(VectorOperators.NE, 0f).anyTrue();
        }
        return ScalarKernels.tracesRange(table, lastSpike, previousSpike, step, bound, n, out) | any;
    }

    @Override
    public int sgLeakyStep(float[] mem, float[] spikes, float[] current, float[] noise, float sigma, float beta,
                           float theta, int n) {
        int bound = F.loopBound(n);
        FloatVector zero = FloatVector.zero(F);
        FloatVector one = FloatVector.broadcast(F, 1f);
        int count = 0;
        int i = 0;
        for (; i < bound; i += F.length()) {
            FloatVector u = FloatVector.fromArray(F, mem, i);
            if (sigma != 0f) {
                u = u.add(FloatVector.fromArray(F, noise, i).mul(sigma));
            }
            FloatVector reset = zero.blend(theta, u.compare(VectorOperators.GT, theta));
            u = u.mul(beta).add(FloatVector.fromArray(F, current, i)).sub(reset);
            u.intoArray(mem, i);
            VectorMask<Float> fired = u.compare(VectorOperators.GT, theta);
            zero.blend(one, fired).intoArray(spikes, i);
            count += fired.trueCount();
        }
        return count + ScalarKernels.sgLeakyRange(mem, spikes, current, noise, sigma, beta, theta, i, n);
    }

    @Override
    public void sgIntegrate(float[] mem, int o, int p, float[] add, int a, float[] bias, int b, float[] spikes, boolean first,
                            float beta, float theta, int n) {
        int bound = F.loopBound(n);
        int h = 0;
        // one loop per case, none with a branch: a vector merged from two paths inside the loop (a phi) sometimes left
        // C2 unable to keep it in a register, and the loop then ran the Vector API's slow Java fallback
        if (first) {
            for (; h < bound; h += F.length()) {
                FloatVector.fromArray(F, add, a + h).add(FloatVector.fromArray(F, bias, b + h)).intoArray(mem, o + h);
            }
        } else if (spikes == null) {
            for (; h < bound; h += F.length()) {
                FloatVector.fromArray(F, add, a + h).add(FloatVector.fromArray(F, bias, b + h))
                        .add(FloatVector.fromArray(F, mem, p + h).mul(beta)).intoArray(mem, o + h);
            }
        } else {
            for (; h < bound; h += F.length()) {
                FloatVector.fromArray(F, add, a + h).add(FloatVector.fromArray(F, bias, b + h))
                        .add(FloatVector.fromArray(F, mem, p + h).mul(beta))
                        .sub(FloatVector.fromArray(F, spikes, p + h).mul(theta)).intoArray(mem, o + h);
            }
        }
        ScalarKernels.sgIntegrateRange(mem, o, p, add, a, bias, b, spikes, first, beta, theta, h, n);
    }

    @Override
    public void accumulate(double[] sum, int s, float[] x, int o, int n) {
        // D's lanes at a time, each float widened exactly and added once, in the scalar order. The floats are loaded
        // as a whole F vector, of which the conversion keeps the first D.length() lanes: F and D stay the JVM's only
        // float and double shapes (a float vector of D's length, a second shape, once left C2 on the Vector API's
        // Java code inside whole runs, and diehl-cook's training at half speed: docs/performance-rounds.md, sixth
        // and thirty-ninth rounds). Where a whole F vector would pass the end of x, the plain loop
        int lanes = D.length();
        int h = 0;
        for (int end = Math.min(n - lanes, x.length - o - F.length()); h <= end; h += lanes) {
            DoubleVector widened = (DoubleVector) FloatVector.fromArray(F, x, o + h)
                    .convertShape(VectorOperators.F2D, D, 0);
            ((DoubleVector) DOUBLES.cast(DoubleVector.fromArray(D, sum, s + h).add(widened))).intoArray(sum, s + h);
        }
        ScalarKernels.accumulateRange(sum, s, x, o, h, n);
    }

    @Override
    public void sgThreshold(float[] mem, float[] spikes, int o, float theta, int n) {
        int bound = F.loopBound(n);
        FloatVector zero = FloatVector.zero(F);
        FloatVector thetas = FloatVector.broadcast(F, theta);
        int h = 0;
        for (; h < bound; h += F.length()) {
            FloatVector below = thetas.sub(FloatVector.fromArray(F, mem, o + h));
            zero.blend(1f, below.test(VectorOperators.IS_NEGATIVE)).intoArray(spikes, o + h);
        }
        ScalarKernels.sgThresholdRange(mem, spikes, o, theta, h, n);
    }

    /** {@link Kernels#flushSubnormal} lane-wise. */
    private static FloatVector flushSubnormal(FloatVector x) {
        return x.blend(0f, x.abs().compare(VectorOperators.LT, Float.MIN_NORMAL));
    }

    @Override
    public void sgFastSigmoidDelta(float[] g, float[] u, int off, int next, int n, int rows, int stride, float theta,
                                   float k, float beta, float resetCoef) {
        for (int r = 0; r < rows; r++) {
            fastSigmoidDeltaRow(g, u, off + r * stride, next < 0 ? -1 : next + r * stride, n, theta, k, beta, resetCoef);
        }
    }

    private static void fastSigmoidDeltaRow(float[] g, float[] u, int off, int next, int n, float theta, float k,
                                            float beta, float resetCoef) {
        int bound = F.loopBound(n);
        int i = 0;
        for (; i < bound; i += F.length()) {
            FloatVector d = FloatVector.fromArray(F, u, off + i).sub(theta).abs().mul(k).add(1f);
            FloatVector x = FloatVector.fromArray(F, g, off + i);
            if (next < 0) {
                x = x.div(d.mul(d));
            } else {
                FloatVector gn = FloatVector.fromArray(F, g, next + i);
                x = x.sub(gn.mul(resetCoef)).div(d.mul(d)).add(gn.mul(beta));
            }
            flushSubnormal(x).intoArray(g, off + i);
        }
        ScalarKernels.fastSigmoidDeltaRange(g, u, off, next, theta, k, beta, resetCoef, i, n);
    }

    @Override
    public void sgArctanDelta(float[] g, float[] u, int off, int next, int n, int rows, int stride, float theta,
                              float k, float beta, float resetCoef) {
        for (int r = 0; r < rows; r++) {
            arctanDeltaRow(g, u, off + r * stride, next < 0 ? -1 : next + r * stride, n, theta, k, beta, resetCoef);
        }
    }

    private static void arctanDeltaRow(float[] g, float[] u, int off, int next, int n, float theta, float k,
                                       float beta, float resetCoef) {
        float c = (float) (Math.PI / 2) * k;
        float half = k / 2f;
        int bound = F.loopBound(n);
        int i = 0;
        for (; i < bound; i += F.length()) {
            FloatVector z = FloatVector.fromArray(F, u, off + i).sub(theta).mul(c);
            FloatVector x = FloatVector.fromArray(F, g, off + i);
            if (next < 0) {
                x = x.mul(half).div(z.mul(z).add(1f));
            } else {
                FloatVector gn = FloatVector.fromArray(F, g, next + i);
                x = x.sub(gn.mul(resetCoef)).mul(half).div(z.mul(z).add(1f)).add(gn.mul(beta));
            }
            flushSubnormal(x).intoArray(g, off + i);
        }
        ScalarKernels.arctanDeltaRange(g, u, off, next, theta, k, beta, resetCoef, i, n);
    }

    @Override
    public void scaleRow(float[] w, int from, float[] scale, int n) {
        int bound = F.loopBound(n);
        int j = 0;
        for (; j < bound; j += F.length()) {
            FloatVector.fromArray(F, w, from + j).mul(FloatVector.fromArray(F, scale, j)).intoArray(w, from + j);
        }
        for (; j < n; j++) {
            w[from + j] *= scale[j];
        }
    }

    /** 2⁶², added to a double's bits so that the exponent's shift below can be a logical one (see {@link #unitLog}). */
    private static final long UNIT_LOG_OFFSET = 1L << 62;

    @Override
    public void unitLogs(double[] v, double[] ln, int n) {
        int bound = D.loopBound(n);
        int i = 0;
        for (; i < bound; i += D.length()) {
            ((DoubleVector) DOUBLES.cast(unitLog(DoubleVector.fromArray(D, v, i)))).intoArray(ln, i);
        }
        for (; i < n; i++) {
            ln[i] = UnitLog.of(v[i]);
        }
    }

    /**
     * {@link UnitLog#of} lane by lane: the same IEEE operations in the same order (no fused multiply-add), so the same
     * bits. Its arithmetic shift of (bits − bits(√2/2)), negative below √2/2, is here a logical shift of that plus
     * 2⁶², which is positive for every normal v in (0, 1] and gives k + 1024 (x86 has no 64-bit arithmetic shift below
     * AVX-512); the offset then cancels, modulo 2⁶⁴, in m's bits and in k's magic double.
     */
    private static DoubleVector unitLog(DoubleVector v) {
        LongVector bits = v.reinterpretAsLongs();
        LongVector biased = bits.add(UNIT_LOG_OFFSET - UnitLog.SQRT_HALF_BITS).lanewise(VectorOperators.LSHR, 52);
        DoubleVector m = bits.sub(biased.lanewise(VectorOperators.LSHL, 52)).add(UNIT_LOG_OFFSET)
                .reinterpretAsDoubles();
        DoubleVector f = m.sub(1.0);
        DoubleVector s = f.div(f.add(2.0));
        DoubleVector z = s.mul(s);
        DoubleVector w = z.mul(z);
        DoubleVector r = z.mul(w.mul(w.mul(w.mul(UnitLog.LG7).add(UnitLog.LG5)).add(UnitLog.LG3)).add(UnitLog.LG1))
                .add(w.mul(w.mul(w.mul(UnitLog.LG6).add(UnitLog.LG4)).add(UnitLog.LG2)));
        DoubleVector hfsq = f.mul(0.5).mul(f);
        DoubleVector dk = biased.add(UnitLog.MAGIC_BITS - 1024).reinterpretAsDoubles().sub(UnitLog.MAGIC);
        return dk.mul(UnitLog.LN2_HI).sub(hfsq.sub(s.mul(hfsq.add(r)).add(dk.mul(UnitLog.LN2_LO))).sub(f));
    }
}
