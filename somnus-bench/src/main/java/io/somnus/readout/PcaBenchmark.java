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
 * The PCA-logistic readout's PCA of more samples than features (the covariance's d × d decomposition), on
 * standardised sparse spike counts (each sample: about 20 spikes over d neurons, each neuron tuned to one of ten
 * classes): with the eigen-solver {@link Pca} picks for the order ({@code pca}: EJML above
 * {@code Pca.EJML_ABOVE}) and with Hipparchus at every order ({@code pcaHipparchus}, as before). The same components
 * up to rounding (PcaTest). Score: s per fit, Gram matrix included.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "--add-modules", "jdk.incubator.vector"})
@State(Scope.Thread)
public class PcaBenchmark {
    @Param("2400")
    int d;

    @Param("3000")
    int n;

    double[] standardised;

    /**
     * Draws the n samples' sparse spike counts and standardises them (JMH's setup, public for JMH's generated code, not
     * to be called).
     */
    @Setup
    public void samples() {
        SplittableRandom rng = new SplittableRandom(13);
        double[][] counts = new double[n][d];
        for (double[] row : counts) {
            int label = rng.nextInt(10);
            for (int s = 0; s < 20; s++) {
                int j = rng.nextInt(d / 10) * 10 + (rng.nextInt(4) == 0 ? rng.nextInt(10) : label);
                row[j] += 1;
            }
        }
        standardised = Features.flatten(counts, d);
        Standardizer.fitFlat(standardised, n, d).transformInPlace(standardised, n);
    }

    /** One PCA fit with the eigen-solver Pca picks for the order (returns the components kept, for JMH). */
    @Benchmark
    public int pca() {
        return Pca.fitFlat(standardised.clone(), n, d, Pca.DEFAULT_VARIANCE_TO_KEEP, true).numComponents();
    }

    /** One PCA fit with Hipparchus's eigen-solver at every order (returns the components kept, for JMH). */
    @Benchmark
    public int pcaHipparchus() {
        return Pca.fitFlat(standardised.clone(), n, d, Pca.DEFAULT_VARIANCE_TO_KEEP, true, DenseProducts.WIDE_ABOVE,
                Integer.MAX_VALUE).numComponents();
    }
}
