package io.somnus.bench;

import io.somnus.kernel.ConductanceLifStep;
import io.somnus.kernel.Kernels;
import java.util.Arrays;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What a denormal conductance costs the neuron update on this CPU. A conductance that decays after its last input
 * spends its last ≈ 25 steps in float's denormal range before it reaches 0 (an inhibitory neuron's g_e at diehl-cook
 * N_e = 100, after its excitatory partner's spike); some CPUs take a slow path for every instruction with a denormal
 * operand. One exponential-Euler step ({@link Kernels#conductanceLif}) of 112 neurons whose g_e and g_i are all set to
 * {@code conductance} before it (the same fill for both values): 10⁻³⁰ is a normal float, 10⁻³⁹ a denormal. With
 * {@code lanes = ONE}, only the first neuron of each 16 gets {@code conductance}, the others 10⁻³⁰: a vector with one
 * denormal lane, as most of the inhibitory neurons' vectors that hold one in a run ({@code scripts/subnormal-census}).
 * Score: ns per step; the difference between the two values is the denormals' cost.
 */
public class DenormalConductanceBenchmark extends SomnusBenchmark {
    private static final float NORMAL = 1e-30f;

    /** Which neurons get the tested conductance (JMH runs both unless {@code -p lanes=…} names one). */
    public enum Lanes {
        /** Every neuron. */
        ALL,
        /** The first neuron of each 16; the others 10⁻³⁰. */
        ONE
    }

    /**
     * One thread's 112 neurons, their inputs and the kernels; JMH's state, public for JMH's generated code, not to be
     * called.
     */
    @State(Scope.Thread)
    public static class Step {
        private static final int NEURONS = 112;

        @Param({"1e-30", "1e-39"})
        float conductance;

        @Param({"scalar", "vector"})
        String kernels;

        @Param
        Lanes lanes;

        /** diehl-cook's excitatory neurons at dt = 0.5 ms (τ_m 100 ms, τ_e 1 ms, τ_i 2 ms), exponential Euler. */
        final ConductanceLifStep step = new ConductanceLifStep(0.5f / 100, 1 - 0.5f, 1 - 0.5f / 2, 1 - 0.5 / 1e7, 0.05,
                -65f, 0f, -100f, -52f, -65f, 10, false);
        final float[] v = new float[NEURONS];
        final float[] ge = new float[NEURONS];
        final float[] gi = new float[NEURONS];
        final double[] theta = new double[NEURONS];
        final int[] refractoryUntil = new int[NEURONS];
        final float[] excitatoryIn = new float[NEURONS];
        final float[] inhibitoryIn = new float[NEURONS];
        final float[] floor = new float[NEURONS];
        final int[] spiked = new int[NEURONS];
        Kernels k;
        int t;

        /**
         * Picks the kernels and sets every neuron at −60 mV with no spike candidates (JMH's setup, public for JMH's
         * generated code, not to be called).
         */
        @Setup
        public void setUp() {
            k = Kernels.named(kernels);
            Arrays.fill(v, -60f);
            Arrays.fill(floor, Float.POSITIVE_INFINITY); // no spike candidates: the update alone
        }
    }

    /** One step of the 112 neurons after filling their conductances (the benchmark; returns a result JMH consumes). */
    @Benchmark
    public int step(Step s) {
        if (s.lanes == Lanes.ALL) {
            Arrays.fill(s.ge, s.conductance);
            Arrays.fill(s.gi, s.conductance);
        } else {
            Arrays.fill(s.ge, NORMAL);
            Arrays.fill(s.gi, NORMAL);
            for (int i = 0; i < Step.NEURONS; i += 16) {
                s.ge[i] = s.conductance;
                s.gi[i] = s.conductance;
            }
        }
        return s.k.conductanceLif(s.step, s.t++ & 0xFFFF, Step.NEURONS, s.v, s.ge, s.gi, s.theta, s.refractoryUntil,
                s.excitatoryIn, s.inhibitoryIn, null, s.floor, s.spiked);
    }
}
