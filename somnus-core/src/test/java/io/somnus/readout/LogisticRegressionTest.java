package io.somnus.readout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {
    /**
     * At the minimiser the stationarity conditions hold: Σ_i (y_ik − p_ik) = 0 (intercepts unpenalised)
     * and w_k = C Σ_i (y_ik − p_ik) x_i. Both are checked from the model's probabilities, independently of
     * the optimiser. The optimiser stops near, not at, the minimiser, so the tolerances follow from its
     * stopping rule: with g = max |∂f| at the returned point (f is the per-sample loss, see
     * {@link SoftmaxObjective}), ∂f/∂b_k = −(1/n) Σ_i (y_ik − p_ik) and ∂f/∂w_k = (w_k/C − Σ_i (y_ik − p_ik) x_i)/n,
     * so |Σ_i (y_ik − p_ik)| ≤ n g and |w_k − C Σ_i (y_ik − p_ik) x_i| ≤ C n g (plus rounding). And g itself is
     * bounded by the value stop (relative change ≤ 64 ε): an exact line search along a gradient of 2-norm |g|₂
     * lowers f by at least |g|₂² / (2L), L the curvature bound ½ Σ_i |x̃_i|² / n + 1/(C n) (softmax Hessian
     * ≤ ½ x̃x̃ᵀ, x̃ = (x, 1)); so g ≤ |g|₂ ≤ √(2 L · 64 ε f), with a factor 10 for the conjugate (not steepest)
     * direction. None of this depends on the machine's rounding.
     */
    @Test
    void fitSatisfiesOptimalityConditions() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 120;
        int d = 3;
        int k = 3;
        double[][] x = new double[n][d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(k);
            for (int j = 0; j < d; j++) {
                x[i][j] = r.nextGaussian() + (j == y[i] ? 1.0 : 0.0);
            }
        }
        double c = 0.5;
        LogisticRegression.Model m = LogisticRegression.fit(x, y, k, new LogisticRegression.Options(c, 1e-9, 5000));
        assertTrue(m.converged());
        double g = m.gradientNorm();
        double curvature = 1.0 / (c * n);
        for (double[] row : x) {
            double sq = 1; // the intercept's input
            for (double v : row) {
                sq += v * v;
            }
            curvature += 0.5 * sq / n;
        }
        double valueStopBound = 10 * Math.sqrt(2 * curvature * LogisticRegression.RELATIVE_VALUE_TOLERANCE
                * Math.abs(m.objective()));
        assertTrue(g <= valueStopBound, "gradient " + g + " above the value stop's bound " + valueStopBound);
        double rounding = 1e-12 * n; // n residuals of size ≤ 1 summed in double
        double[][] p = m.predictProbabilities(x);
        double[][] w = m.weights();
        for (int cl = 0; cl < k; cl++) {
            double bias = 0;
            double[] expectedW = new double[d];
            for (int i = 0; i < n; i++) {
                double res = (y[i] == cl ? 1 : 0) - p[i][cl];
                bias += res;
                for (int j = 0; j < d; j++) {
                    expectedW[j] += c * res * x[i][j];
                }
            }
            assertEquals(0.0, bias, n * g + rounding, "class " + cl);
            for (int j = 0; j < d; j++) {
                assertEquals(expectedW[j], w[cl][j], c * n * g + rounding * 10, "w[" + cl + "][" + j + "]");
            }
        }
    }

    @Test
    void interceptOnlyModelMatchesClassFrequencies() {
        // no features: p = class frequencies (3/4, 1/4), so b0 − b1 = ln 3 (to the optimiser's precision:
        // the objective is flat to ~1e-14 within 1e-6 of the optimum, where the value-based stop triggers)
        double[][] x = new double[4][0];
        LogisticRegression.Model m = LogisticRegression.fit(x, new int[] {0, 0, 1, 0}, 2,
                new LogisticRegression.Options(1.0, 1e-10, 1000));
        double[] b = m.intercepts();
        assertEquals(Math.log(3), b[0] - b[1], 1e-5);
        assertEquals(0.75, m.predictProbabilities(x)[0][0], 1e-6);
    }

    @Test
    void classWithoutSamplesIsNeverPredicted() {
        Blobs train = Blobs.generate(6, 90, 4, 3, 1.0, 0);
        LogisticRegression.Model m = LogisticRegression.fit(train.x, train.y, 4, LogisticRegression.Options.DEFAULT);
        double[][] p = m.predictProbabilities(train.x);
        for (int i = 0; i < p.length; i++) {
            assertTrue(p[i][3] < 1e-3, "p(absent class) = " + p[i][3]);
        }
        for (int label : m.predict(train.x)) {
            assertTrue(label < 3);
        }
    }

    @Test
    void rejectsBadOptionsAndLabels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LogisticRegression.Options(0, 1e-5, 10));
        assertTrue(e.getMessage().contains("C"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.fit(new double[][] {{1}, {2}}, new int[] {0, 2}, 2,
                        LogisticRegression.Options.DEFAULT));
        assertTrue(e.getMessage().contains("labels[1] = 2"), e.getMessage());
    }
}
