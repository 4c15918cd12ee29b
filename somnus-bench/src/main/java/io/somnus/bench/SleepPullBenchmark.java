package io.somnus.bench;

import io.somnus.kernel.Kernels;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One sleep step's log-space pull of a projection's weights toward ±0.01 with λ = 0.99997
 * ({@code Kernels.logSpacePull}, as the paper and paper-code presets' sleep runs it every step), on weights spread
 * log-normally around the target with both signs. Score: ns per step (divide by {@code size} for ns per weight).
 */
@State(Scope.Thread)
public class SleepPullBenchmark extends SomnusBenchmark {
    @Param({"scalar", "vector"})
    String kernels;
    @Param({"3000", "20000"})
    int size;

    Kernels k;
    float[] w;
    final double[] scratch = new double[2048];

    /**
     * Picks the kernels and draws {@code size} log-normal weights of either sign (JMH's setup, public for JMH's
     * generated code, not to be called).
     */
    @Setup(Level.Iteration)
    public void setUp() {
        k = Kernels.named(kernels);
        SplittableRandom rng = new SplittableRandom(5);
        w = new float[size];
        for (int s = 0; s < size; s++) {
            w[s] = (float) (0.01 * Math.exp(2 * rng.nextGaussian()) * (rng.nextBoolean() ? 1 : -1));
        }
    }

    /** One log-space pull of the {@code size} weights (returns the first weight, for JMH to consume). */
    @Benchmark
    public float pull() {
        k.logSpacePull(w, size, 0.01f, 0.99997, scratch);
        return w[0];
    }
}
