package io.somnus.readout;

import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.MaxIter;
import org.hipparchus.optim.SimpleValueChecker;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.hipparchus.exception.MathIllegalStateException;

/**
 * Multinomial logistic regression with L2 regularisation as scikit-learn's default (C = 1, intercepts
 * unpenalised): minimises {@code C·Σᵢ −log softmax(W xᵢ + b)_{yᵢ} + ½‖W‖²}, scaled by 1/(C·n) for the
 * optimiser. Fitted by hipparchus's non-linear conjugate gradient (Polak–Ribière) from zero weights,
 * so the fit is deterministic.
 */
public final class SoftmaxRegression {
    private final int classes;
    private final int d;
    private final double[] theta; // [classes][d + 1], bias last

    public SoftmaxRegression(double[][] x, int[] y, int classes, double c, int maxIterations) {
        this.classes = classes;
        this.d = x.length == 0 ? 0 : x[0].length;
        int n = x.length;
        double[] start = new double[classes * (d + 1)];
        Objective f = new Objective(x, y, classes, d, 1.0 / (c * n));
        NonLinearConjugateGradientOptimizer opt = new NonLinearConjugateGradientOptimizer(
                NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE, new SimpleValueChecker(1e-9, 1e-9));
        double[] best;
        try {
            best = opt.optimize(new MaxEval(Integer.MAX_VALUE), new MaxIter(maxIterations),
                    new ObjectiveFunction(f::value), new ObjectiveFunctionGradient(f::gradient),
                    GoalType.MINIMIZE, new InitialGuess(start)).getPoint();
        } catch (MathIllegalStateException e) {
            best = f.bestSeen != null ? f.bestSeen : start; // iteration cap reached: keep the best point seen
        }
        this.theta = best;
    }

    public int[] predict(double[][] x) {
        int[] out = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            int arg = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                double s = score(theta, x[i], k, d);
                if (s > bestScore) {
                    bestScore = s;
                    arg = k;
                }
            }
            out[i] = arg;
        }
        return out;
    }

    static double score(double[] theta, double[] xi, int k, int d) {
        int o = k * (d + 1);
        double s = theta[o + d];
        for (int j = 0; j < d; j++) {
            s += theta[o + j] * xi[j];
        }
        return s;
    }

    /** Mean cross-entropy plus ½·λ‖W‖² with λ = 1/(C·n), and its gradient. */
    static final class Objective {
        private final double[][] x;
        private final int[] y;
        private final int classes;
        private final int d;
        private final double lambda;
        private final double[] p;
        double[] bestSeen;
        double bestValue = Double.POSITIVE_INFINITY;

        Objective(double[][] x, int[] y, int classes, int d, double lambda) {
            this.x = x;
            this.y = y;
            this.classes = classes;
            this.d = d;
            this.lambda = lambda;
            this.p = new double[classes];
        }

        double value(double[] theta) {
            double loss = 0;
            for (int i = 0; i < x.length; i++) {
                loss += crossEntropy(theta, i);
            }
            double v = loss / x.length + 0.5 * lambda * penalty(theta);
            if (v < bestValue) {
                bestValue = v;
                bestSeen = theta.clone();
            }
            return v;
        }

        private double penalty(double[] theta) {
            double s = 0;
            for (int k = 0; k < classes; k++) {
                for (int j = 0; j < d; j++) {
                    double w = theta[k * (d + 1) + j];
                    s += w * w;
                }
            }
            return s;
        }

        private double crossEntropy(double[] theta, int i) {
            softmax(theta, x[i]);
            return -Math.log(Math.max(p[y[i]], 1e-300));
        }

        private void softmax(double[] theta, double[] xi) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                p[k] = score(theta, xi, k, d);
                max = Math.max(max, p[k]);
            }
            double z = 0;
            for (int k = 0; k < classes; k++) {
                p[k] = Math.exp(p[k] - max);
                z += p[k];
            }
            for (int k = 0; k < classes; k++) {
                p[k] /= z;
            }
        }

        double[] gradient(double[] theta) {
            double[] g = new double[theta.length];
            for (int i = 0; i < x.length; i++) {
                softmax(theta, x[i]);
                double[] xi = x[i];
                for (int k = 0; k < classes; k++) {
                    double r = (p[k] - (y[i] == k ? 1 : 0)) / x.length;
                    int o = k * (d + 1);
                    for (int j = 0; j < d; j++) {
                        g[o + j] += r * xi[j];
                    }
                    g[o + d] += r;
                }
            }
            for (int k = 0; k < classes; k++) {
                for (int j = 0; j < d; j++) {
                    g[k * (d + 1) + j] += lambda * theta[k * (d + 1) + j];
                }
            }
            return g;
        }
    }
}
