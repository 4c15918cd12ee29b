package io.somnus.bench;

import io.somnus.core.GaussianDraws;
import io.somnus.core.SplittableState;
import io.somnus.kernel.Kernels;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One sleep step's log-space pull of a projection's weights toward ±0.01 with λ = 0.99997
 * ({@code Kernels.logSpacePull}, as the paper and paper-code presets' sleep runs it every step), on weights spread
 * log-normally around the target with both signs. Score: ns per step (divide by {@code size} for ns per weight).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
        "--add-opens", GaussianDraws.OPENS, "--add-opens", SplittableState.OPENS})
@State(Scope.Thread)
public class SleepPullBenchmark {
    @Param({"scalar", "vector"})
    String kernels;
    @Param({"3000", "20000"})
    int size;

    Kernels k;
    float[] w;
    final double[] scratch = new double[2048];

    @Setup(Level.Iteration)
    public void setUp() {
        k = Kernels.named(kernels);
        SplittableRandom rng = new SplittableRandom(5);
        w = new float[size];
        for (int s = 0; s < size; s++) {
            w[s] = (float) (0.01 * Math.exp(2 * rng.nextGaussian()) * (rng.nextBoolean() ? 1 : -1));
        }
    }

    @Benchmark
    public float pull() {
        k.logSpacePull(w, size, 0.01f, 0.99997, scratch);
        return w[0];
    }
}
