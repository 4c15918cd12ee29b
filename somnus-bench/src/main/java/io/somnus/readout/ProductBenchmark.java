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
 * The readouts' product {@code c = a · b} ({@code DenseProducts.multiply}) at two shapes, given as rows, inner, cols:
 * the PCA's projection of samples on many components (400 × 6 400 by 6 400 × 2 000: the blocked product for a wide b)
 * and the regression's logits for ten classes (4 000 × 6 400 by 6 400 × 10: two rows at a time), on the Vector API
 * ({@code simd}) and on plain loops ({@code plain}, the definition), which compute the same bits. Score: ms per product.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class ProductBenchmark {
    @Param({"400,6400,2000", "4000,6400,10"})
    String shape;

    int rows;
    int inner;
    int cols;
    double[] a;
    double[] b;
    double[] c;

    /**
     * Draws the two standard normal matrices of the {@code shape} (rows, inner, cols) (JMH's setup, public for JMH's
     * generated code, not to be called).
     */
    @Setup
    public void matrices() {
        String[] s = shape.split(",");
        rows = Integer.parseInt(s[0]);
        inner = Integer.parseInt(s[1]);
        cols = Integer.parseInt(s[2]);
        SplittableRandom rng = new SplittableRandom(14);
        a = new double[rows * inner];
        b = new double[inner * cols];
        c = new double[rows * cols];
        for (int t = 0; t < a.length; t++) {
            a[t] = rng.nextGaussian();
        }
        for (int t = 0; t < b.length; t++) {
            b[t] = rng.nextGaussian();
        }
    }

    /** The product with the Vector API (returns an entry, for JMH to consume). */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--add-modules", "jdk.incubator.vector"})
    public double simd() {
        DenseProducts.multiply(a, b, c, rows, inner, cols);
        return c[c.length - 1];
    }

    /** The same product on plain loops (returns an entry, for JMH to consume). */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = "-Xmx2g")
    public double plain() {
        DenseProducts.multiply(a, b, c, rows, inner, cols);
        return c[c.length - 1];
    }
}
