package io.somnus.readout;

import io.somnus.core.NumberText;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.ConvergenceChecker;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.MaxIter;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.hipparchus.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;
import org.hipparchus.optim.nonlinear.scalar.gradient.Preconditioner;

/**
 * Multinomial (softmax) logistic regression with L2 penalty on the weights and unpenalised intercepts,
 * the objective of scikit-learn's {@code LogisticRegression(C=1.0)} with the multinomial loss
 * (see {@link SoftmaxObjective} for the equations). The problem is convex; it is minimised from zero by
 * Hipparchus' Polak–Ribière non-linear conjugate gradient with the analytic gradient and Brent line
 * searches, until the largest gradient component falls below {@link Options#gradientTolerance()}, the
 * objective stops decreasing (relative change ≤ 64 ε, scikit-learn's L-BFGS {@code ftol}), or
 * {@link Options#maxIterations()} is reached. On raw (correlated) features the directions are
 * preconditioned by the feature covariance ({@link CovariancePreconditioner}); on whitened PCA scores they
 * are not. The line searches cost O(nK) per evaluation (see {@link SoftmaxObjective}).
 * <p>
 * Why this optimiser: it is the gradient optimiser Hipparchus (already a dependency) offers; L-BFGS is
 * not in Hipparchus or Commons Math, and the Java libraries that have it are GPL in current versions (Smile),
 * stochastic only (Tribuo) or large frameworks. The problem is smooth and convex, so conjugate gradients
 * reach the same minimiser.
 * <p>
 * No randomness: the same data give the same model, bitwise on every CPU (see {@link DenseProducts}). A fitted
 * {@link Model} is immutable and safe to use from several threads.
 */
public final class LogisticRegression {
    /** Relative objective change below which the optimiser stops (scikit-learn's lbfgs ftol = 64 ε). */
    static final double RELATIVE_VALUE_TOLERANCE = 64 * Math.ulp(1.0);
    /** Line search: relative and absolute tolerance on the objective, and initial bracket width. */
    static final double LINE_RELATIVE_TOLERANCE = 1e-8;
    static final double LINE_ABSOLUTE_TOLERANCE = 1e-14;
    static final double LINE_INITIAL_BRACKET = 1.0;

    private LogisticRegression() {
    }

    /**
     * Fitting options.
     *
     * @param c                 inverse regularisation strength C (scikit-learn's; larger = weaker), &gt; 0
     * @param gradientTolerance stop when max |∂f| ≤ this (f is the per-sample loss, see class doc), &gt; 0
     * @param maxIterations     at most this many conjugate-gradient iterations, ≥ 1
     */
    public record Options(double c, double gradientTolerance, int maxIterations) {
        /** C = 1 (scikit-learn's default), tolerance 10⁻⁵, 1000 iterations. */
        public static final Options DEFAULT = new Options(1.0, 1e-5, 1000);

        /**
         * Refuses ({@link IllegalArgumentException}) a C that is not finite and > 0, a gradient tolerance not > 0 and
         * fewer than 1 iteration.
         */
        public Options {
            if (!(c > 0) || Double.isInfinite(c)) {
                throw new IllegalArgumentException("logistic regression C = " + NumberText.of(c) + "; must be finite and > 0");
            }
            if (!(gradientTolerance > 0)) {
                throw new IllegalArgumentException("logistic regression gradientTolerance = " + NumberText.of(gradientTolerance)
                        + "; must be > 0");
            }
            if (maxIterations < 1) {
                throw new IllegalArgumentException("logistic regression maxIterations = " + maxIterations
                        + "; must be >= 1");
            }
        }
    }

    /** Fits on the rows of {@code x} (not modified). */
    public static Model fit(double[][] x, int[] labels, int numClasses, Options options) {
        int d = Features.columns(x, "features");
        Features.checkLabels(labels, x.length, numClasses);
        return fitFlat(Features.flatten(x, d), x.length, d, labels, numClasses, options, true);
    }

    /**
     * Fits on a row-major {@code n × d} array (not modified). Labels already checked.
     *
     * @param precondition use the {@link CovariancePreconditioner} (for correlated features; pointless on
     *                     whitened ones)
     */
    static Model fitFlat(double[] x, int n, int d, int[] labels, int numClasses, Options options,
            boolean precondition) {
        SoftmaxObjective f = new SoftmaxObjective(x, n, d, labels, numClasses, options.c());
        Preconditioner preconditioner = precondition && d > 0
                ? covariancePreconditioner(x, n, d, numClasses, options.c(), DenseProducts.WIDE_ABOVE)
                : new NonLinearConjugateGradientOptimizer.IdentityPreconditioner();
        int maxIterations = options.maxIterations();
        double gtol = options.gradientTolerance();
        boolean[] converged = new boolean[1];
        ConvergenceChecker<PointValuePair> checker = (iteration, previous, current) -> {
            // The optimiser computed the gradient at `current` just before asking.
            double fp = previous.getValue();
            double fc = current.getValue();
            if (f.lastGradientInfNorm() <= gtol
                    || Math.abs(fp - fc) <= RELATIVE_VALUE_TOLERANCE * Math.max(Math.abs(fp), Math.abs(fc))) {
                converged[0] = true;
                return true;
            }
            return iteration >= maxIterations;
        };
        NonLinearConjugateGradientOptimizer optimizer = new NonLinearConjugateGradientOptimizer(
                NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE, checker,
                LINE_RELATIVE_TOLERANCE, LINE_ABSOLUTE_TOLERANCE, LINE_INITIAL_BRACKET, preconditioner);
        double[] p;
        double value;
        try {
            PointValuePair best = optimizer.optimize(
                    MaxEval.unlimited(),
                    MaxIter.unlimited(),
                    new ObjectiveFunction(f::value),
                    new ObjectiveFunctionGradient(f::gradient),
                    GoalType.MINIMIZE,
                    new InitialGuess(new double[f.dimension()]));
            p = best.getPoint();
            value = best.getValue();
        } catch (MathIllegalStateException e) {
            // A line search that cannot bracket a minimum (objective flat to rounding): keep the last
            // iterate, whose gradient is known, and report it as not converged unless it meets the tolerance.
            p = f.anchorPoint();
            value = f.anchorValue();
        }
        if (f.lastGradientInfNorm() <= gtol) {
            converged[0] = true;
        }
        return new Model(p, d, numClasses, optimizer.getIterations(), f.evaluations(), converged[0],
                value, f.lastGradientInfNorm());
    }

    /**
     * Bytes {@link #fitFlat} allocates at its peak for an n × d design (a lower bound: arrays only): the objective's
     * n × K and (d + 1) × K arrays with the K × d sums of its gradient product and, preconditioned, the n × n factor
     * with its own Xᵀ or the d × d factor.
     */
    static long fitBytes(int n, int d, int classes, boolean precondition) {
        long nd = (long) n * d;
        long objective = 4L * n * classes + 5L * (d + 1) * classes;
        long preconditioner = !precondition ? 0
                : wide(n, d, DenseProducts.WIDE_ABOVE) ? (long) n * n + nd : (long) d * d;
        return Double.BYTES * (objective + preconditioner);
    }

    /** Whether the preconditioner works through the n × n matrix X Xᵀ (fewer samples than features, many features). */
    private static boolean wide(int n, int d, int wideAbove) {
        return n < d && d > wideAbove;
    }

    /**
     * {@code M⁻¹} of {@link CovariancePreconditioner}: through the n × n {@link WoodburyPreconditioner} for fewer
     * samples than features when there are more than {@code wideAbove} features, else through the d × d factor.
     */
    static Preconditioner covariancePreconditioner(double[] x, int n, int d, int classes, double c, int wideAbove) {
        return wide(n, d, wideAbove) ? new WoodburyPreconditioner(x, n, d, classes, c)
                : new CovariancePreconditioner(x, n, d, classes, c);
    }

    /** A fitted model: weights w_k, intercepts b_k, and how the fit went. */
    public static final class Model {
        private final double[] params;
        private final int d;
        private final int classes;
        private final int iterations;
        private final long evaluations;
        private final boolean converged;
        private final double objective;
        private final double gradientNorm;

        Model(double[] params, int d, int classes, int iterations, long evaluations, boolean converged,
                double objective, double gradientNorm) {
            this.params = params;
            this.d = d;
            this.classes = classes;
            this.iterations = iterations;
            this.evaluations = evaluations;
            this.converged = converged;
            this.objective = objective;
            this.gradientNorm = gradientNorm;
        }

        /** Number of input features d. */
        public int numFeatures() {
            return d;
        }

        /** Number of classes K. */
        public int numClasses() {
            return classes;
        }

        /** Weights, one row w_k (length d) per class (copy). */
        public double[][] weights() {
            double[][] w = new double[classes][d];
            for (int k = 0; k < classes; k++) {
                System.arraycopy(params, k * (d + 1), w[k], 0, d);
            }
            return w;
        }

        /** Intercepts b_k (copy). */
        public double[] intercepts() {
            double[] b = new double[classes];
            for (int k = 0; k < classes; k++) {
                b[k] = params[k * (d + 1) + d];
            }
            return b;
        }

        /** Conjugate-gradient iterations used. */
        public int iterations() {
            return iterations;
        }

        /** Objective evaluations used, line searches included. */
        public long evaluations() {
            return evaluations;
        }

        /** Whether a tolerance was met (false: stopped at the iteration limit). */
        public boolean converged() {
            return converged;
        }

        /** Final objective value f (per-sample loss plus penalty). */
        public double objective() {
            return objective;
        }

        /** Largest |∂f| at the last gradient evaluation. */
        public double gradientNorm() {
            return gradientNorm;
        }

        /** Logits z_ik = w_kᵀ x_i + b_k, one row per row of {@code x} (not modified). */
        public double[][] decisionFunction(double[][] x) {
            Features.checkColumns(x, d, "features");
            return Features.unflatten(logitsFlat(Features.flatten(x, d), x.length), x.length, classes);
        }

        /** Softmax probabilities, one row per row of {@code x} (not modified). */
        public double[][] predictProbabilities(double[][] x) {
            double[][] z = decisionFunction(x);
            for (double[] row : z) {
                double m = row[0];
                for (double v : row) {
                    m = Math.max(m, v);
                }
                double s = 0;
                for (int k = 0; k < classes; k++) {
                    row[k] = Math.exp(row[k] - m);
                    s += row[k];
                }
                for (int k = 0; k < classes; k++) {
                    row[k] /= s;
                }
            }
            return z;
        }

        /** Most probable class of each row of {@code x} (not modified); ties go to the lowest index. */
        public int[] predict(double[][] x) {
            Features.checkColumns(x, d, "features");
            return predictFlat(Features.flatten(x, d), x.length);
        }

        double[] logitsFlat(double[] x, int n) {
            double[] z = new double[n * classes];
            SoftmaxObjective.logits(params, d, classes, x, n, z);
            return z;
        }

        int[] predictFlat(double[] x, int n) {
            double[] z = logitsFlat(x, n);
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                out[i] = Features.argmax(z, i * classes, classes);
            }
            return out;
        }
    }
}
