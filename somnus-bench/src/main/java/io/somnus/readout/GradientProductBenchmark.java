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
 * The logistic regressions' gradient product XᵀR (n samples × d features, K = 10 classes), once per evaluation of the
 * objective: {@code DIRECT} from X as it is ({@link DenseProducts#transposeMultiply}, what the fits run), and
 * {@code TRANSPOSED_COPY} through a copy of Xᵀ made beforehand (what they ran before the twentieth round of issue 17,
 * n·d more doubles: 1 GiB at 20 000 × 6 400). The same bits either way. X is standardised spike counts: about one
 * entry in ten nonzero before centring, as at N_e = 6 400. In package {@code io.somnus.readout} for the package's
 * products. Score: ms per product.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
@State(Scope.Thread)
public class GradientProductBenchmark {
    private static final int CLASSES = 10;

    /** How the product reads X (JMH runs both unless {@code -p path=…} names one). */
    public enum Path {
        /** From X as it is: what the fits run. */
        DIRECT,
        /** Through a copy of Xᵀ made beforehand: what they ran before. */
        TRANSPOSED_COPY
    }

    @Param
    Path path;
    @Param({"4000"})
    int n;
    @Param({"400", "6400"})
    int d;

    double[] x;
    double[] xTransposed;
    double[] r;
    double[] out;

    /**
     * Draws the standardised sparse samples and the residuals (JMH's setup, public for JMH's generated code, not to be
     * called).
     */
    @Setup
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(3);
        x = new double[n * d];
        for (int t = 0; t < x.length; t++) {
            x[t] = rng.nextInt(10) == 0 ? 1 + rng.nextInt(4) : 0;
        }
        Standardizer.fitFlat(x, n, d).transformInPlace(x, n);
        r = new double[n * CLASSES];
        for (int t = 0; t < r.length; t++) {
            r[t] = rng.nextDouble() - 0.1;
        }
        out = new double[d * CLASSES];
        xTransposed = path == Path.TRANSPOSED_COPY ? DenseProducts.transpose(x, n, d) : null;
    }

    /** One gradient product XᵀR by the {@code path} measured (returns an entry, for JMH to consume). */
    @Benchmark
    public double product() {
        if (xTransposed != null) {
            DenseProducts.multiply(xTransposed, r, out, d, n, CLASSES);
        } else {
            DenseProducts.transposeMultiply(x, r, out, n, d, CLASSES);
        }
        return out[0];
    }
}
