package io.somnus.readout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WoodburyPreconditionerTest {
    /** n × d features of rank-2-ish structure plus noise (correlated, as neurons with similar fields are). */
    private static double[] design(SplittableRandom r, int n, int d) {
        double[] a = new double[d];
        double[] b = new double[d];
        for (int j = 0; j < d; j++) {
            a[j] = r.nextGaussian();
            b[j] = r.nextGaussian();
        }
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            double s = r.nextGaussian() * 3;
            double t = r.nextGaussian();
            for (int j = 0; j < d; j++) {
                x[i * d + j] = s * a[j] + t * b[j] + 0.3 * r.nextGaussian() + (j % 7 == 0 ? 0 : 1);
            }
        }
        return x;
    }

    /** A direction to precondition: K blocks of d weights and an intercept, Gaussian. */
    private static double[] residual(SplittableRandom r, int classes, int d) {
        double[] g = new double[classes * (d + 1)];
        for (int t = 0; t < g.length; t++) {
            g[t] = r.nextGaussian();
        }
        return g;
    }

    @Test
    void multiplyingByMGivesTheResidualBack() {
        SplittableRandom rng = new SplittableRandom(21);
        int n = 30;
        int d = 90;
        int classes = 3;
        double c = 0.5;
        double[] x = design(rng, n, d);
        double[] r = residual(rng, classes, d);
        double[] out = new WoodburyPreconditioner(x, n, d, classes, c).precondition(null, r);
        // M u = XᵀX u / n + λ u by plain sums, class by class
        double lambda = 4.0 / (c * n);
        for (int k = 0; k < classes; k++) {
            int o = k * (d + 1);
            double[] xu = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    xu[i] += x[i * d + j] * out[o + j];
                }
            }
            for (int j = 0; j < d; j++) {
                double mu = lambda * out[o + j];
                for (int i = 0; i < n; i++) {
                    mu += x[i * d + j] * xu[i] / n;
                }
                assertEquals(r[o + j], mu, 1e-9, "class " + k + ", feature " + j);
            }
            assertEquals(r[o + d], out[o + d], 0.0, "class " + k + "'s intercept is left as it is");
        }
    }

    @Test
    void itIsTheCovariancePreconditionersOperator() {
        SplittableRandom rng = new SplittableRandom(22);
        int n = 12;
        int d = 40;
        int classes = 10;
        double[] x = design(rng, n, d);
        double[] r = residual(rng, classes, d);
        double[] woodbury = new WoodburyPreconditioner(x, n, d, classes, 1.0).precondition(null, r);
        double[] direct = new CovariancePreconditioner(x, n, d, classes, 1.0).precondition(null, r);
        for (int t = 0; t < r.length; t++) {
            assertEquals(direct[t], woodbury[t], 1e-9 * (1 + Math.abs(direct[t])), "entry " + t);
        }
    }

    @Test
    void theLogisticRegressionTakesItOnlyForWideData() {
        SplittableRandom rng = new SplittableRandom(23);
        double[] x = design(rng, 10, 20);
        assertInstanceOf(WoodburyPreconditioner.class,
                LogisticRegression.covariancePreconditioner(x, 10, 20, 3, 1.0, 19));
        assertInstanceOf(CovariancePreconditioner.class,
                LogisticRegression.covariancePreconditioner(x, 10, 20, 3, 1.0, 20), "not more than wideAbove");
        assertInstanceOf(CovariancePreconditioner.class,
                LogisticRegression.covariancePreconditioner(x, 20, 10, 3, 1.0, 5), "more samples than features");
    }
}
