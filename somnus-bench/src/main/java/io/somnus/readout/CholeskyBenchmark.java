package io.somnus.readout;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
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
 * The linear readout's Cholesky factorisation of its d × d feature covariance (d = the readout's features, N_e for
 * diehl-cook): {@code CovariancePreconditioner.factorInPlace} in panels with the Vector API's trailing update
 * ({@code somnusVector}), the same without the Vector API module, so on plain loops ({@code somnusPlain}), and
 * Hipparchus' {@code CholeskyDecomposition} with its factor L ({@code hipparchus}), which all three compute bit
 * for bit. The matrix is a Gram matrix of Gaussian features plus 1 on the diagonal, copied before each call
 * (outside the timing). Score: ms per factorisation. In package {@code io.somnus.readout} because the factor is
 * package-private there.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class CholeskyBenchmark {
    @Param({"500", "2000"})
    int d;

    double[] spd;
    double[] a;
    double[][] rows;

    /**
     * Draws the symmetric positive-definite d × d matrix, once per trial (JMH's setup, public for JMH's generated code,
     * not to be called).
     */
    @Setup(Level.Trial)
    public void matrix() {
        int n = d + 16;
        SplittableRandom rng = new SplittableRandom(11);
        double[] x = new double[n * d];
        for (int t = 0; t < x.length; t++) {
            x[t] = rng.nextGaussian();
        }
        spd = DenseProducts.gram(x, n, d, 1.0 / n);
        for (int j = 0; j < d; j++) {
            spd[j * d + j] += 1.0;
        }
        a = new double[d * d];
        rows = new double[d][d];
    }

    /**
     * Restores the matrix before each factorisation, which overwrites it (JMH's setup, public for JMH's generated code,
     * not to be called).
     */
    @Setup(Level.Invocation)
    public void copy() {
        System.arraycopy(spd, 0, a, 0, a.length);
        for (int r = 0; r < d; r++) {
            System.arraycopy(spd, r * d, rows[r], 0, d);
        }
    }

    /** Somnus's in-place Cholesky factorisation with the Vector API (returns an entry, for JMH to consume). */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
    public double somnusVector() {
        CovariancePreconditioner.factorInPlace(a, d);
        return a[a.length - 1];
    }

    /** The same factorisation on plain loops (returns an entry, for JMH to consume). */
    @Benchmark
    @Fork(1)
    public double somnusPlain() {
        CovariancePreconditioner.factorInPlace(a, d);
        return a[a.length - 1];
    }

    /** Hipparchus's Cholesky decomposition of the same matrix (returns an entry, for JMH to consume). */
    @Benchmark
    @Fork(1)
    public double hipparchus() {
        return new CholeskyDecomposition(new Array2DRowRealMatrix(rows, false),
                CholeskyDecomposition.DEFAULT_RELATIVE_SYMMETRY_THRESHOLD, 0.0).getL().getEntry(d - 1, d - 1);
    }
}
