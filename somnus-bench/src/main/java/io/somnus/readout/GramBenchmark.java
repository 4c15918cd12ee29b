package io.somnus.readout;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The readouts' Gram matrix XᵀX of n standardised samples of d features (the linear readout's covariance, the PCA's):
 * {@code DenseProducts.gram} in tiles with the Vector API ({@code tiledVector}), the same tiles on plain loops
 * ({@code tiledPlain}), and the row-by-row rank-one updates it replaced ({@code rowByRow}: one tile as wide as the
 * matrix), which all compute bit for bit. At d = 4 800 the matrix (184 MB) no longer fits the cache. Score: ms per
 * Gram matrix. In package {@code io.somnus.readout} because the products are package-private there.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@State(Scope.Thread)
public class GramBenchmark {
    @Param({"1600", "4800"})
    int d;

    @Param("1000")
    int n;

    double[] x;

    /** Draws the n × d standard normal samples (JMH's setup, public for JMH's generated code, not to be called). */
    @Setup
    public void samples() {
        SplittableRandom rng = new SplittableRandom(12);
        x = new double[n * d];
        for (int t = 0; t < x.length; t++) {
            x[t] = rng.nextGaussian();
        }
    }

    /** The Gram matrix in tiles with the Vector API (returns an entry, for JMH to consume). */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--add-modules", "jdk.incubator.vector"})
    public double tiledVector() {
        return DenseProducts.gram(x, n, d, 1.0)[d + 1];
    }

    /** The same tiles on plain loops (returns an entry, for JMH to consume). */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = "-Xmx2g")
    public double tiledPlain() {
        return DenseProducts.gram(x, n, d, 1.0)[d + 1];
    }

    /** Row-by-row rank-one updates: one tile as wide as the matrix (returns an entry, for JMH to consume). */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = "-Xmx2g")
    public double rowByRow() {
        return DenseProducts.gram(x, n, d, 1.0, d, d)[d + 1];
    }
}
