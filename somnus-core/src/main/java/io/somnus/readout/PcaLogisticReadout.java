package io.somnus.readout;

/**
 * The paper's readout (Massey et al. 2026): standardise each feature ({@link Standardizer}), project
 * on the principal components that keep 95 % of the variance, whitened ({@link Pca}), then
 * multinomial logistic regression with C = 1 ({@link LogisticRegression}). Deterministic: the seed is
 * not used. The fitted readout is immutable and thread-safe; the paper's cluster separation φ is
 * {@code ClusterSeparation.phi(fitted.transform(features), labels, numClasses)}.
 */
public final class PcaLogisticReadout implements Readout {
    /** Name used in metrics and summaries. */
    public static final String NAME = "pca-logistic";

    private final double varianceToKeep;
    private final LogisticRegression.Options options;

    /** 95 % of the variance, {@link LogisticRegression.Options#DEFAULT}. */
    public PcaLogisticReadout() {
        this(Pca.DEFAULT_VARIANCE_TO_KEEP, LogisticRegression.Options.DEFAULT);
    }

    /**
     * @param varianceToKeep fraction of the variance the kept components must explain, in (0, 1]
     * @param options        logistic-regression options
     */
    public PcaLogisticReadout(double varianceToKeep, LogisticRegression.Options options) {
        Pca.checkVarianceToKeep(varianceToKeep);
        if (options == null) {
            throw new IllegalArgumentException("logistic regression options are null");
        }
        this.varianceToKeep = varianceToKeep;
        this.options = options;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Fraction of the variance kept. */
    public double varianceToKeep() {
        return varianceToKeep;
    }

    /** Leaves out the regression on the kept components, whose number is known only after the PCA. */
    @Override
    public long fitBytes(int n, int d, int numClasses) {
        // the standardised copy of the features, then the PCA on it
        return (long) Double.BYTES * n * d + Pca.fitBytes(n, d);
    }

    @Override
    public Fitted fit(double[][] features, int[] labels, int numClasses, long seed) {
        int d = Features.columns(features, "features");
        Features.checkLabels(labels, features.length, numClasses);
        int n = features.length;
        double[] x = Features.flatten(features, d);
        Standardizer standardizer = Standardizer.fitFlat(x, n, d);
        standardizer.transformInPlace(x, n);
        Pca pca = Pca.fitFlat(x, n, d, varianceToKeep, true);
        // x is now centred standardised data; rebuild the whitened scores from the raw features.
        Features.flatten(features, d, x);
        standardizer.transformInPlace(x, n);
        double[] z = pca.transformFlat(x, n);
        LogisticRegression.Model model = LogisticRegression.fitFlat(z, n, pca.numComponents(), labels,
                numClasses, options, false);
        return new Fitted(standardizer, pca, model);
    }

    /** The fitted readout: its whitening transform and the regression on top. */
    public static final class Fitted implements FittedReadout {
        private final Standardizer standardizer;
        private final Pca pca;
        private final LogisticRegression.Model model;

        Fitted(Standardizer standardizer, Pca pca, LogisticRegression.Model model) {
            this.standardizer = standardizer;
            this.pca = pca;
            this.model = model;
        }

        /** Rows of {@code features} (not modified) in whitened PCA space, rows × {@link #numComponents()}. */
        public double[][] transform(double[][] features) {
            int d = standardizer.dimension();
            Features.checkColumns(features, d, "features");
            return Features.unflatten(transformFlat(features, d), features.length, pca.numComponents());
        }

        private double[] transformFlat(double[][] features, int d) {
            double[] x = Features.flatten(features, d);
            standardizer.transformInPlace(x, features.length);
            return pca.transformFlat(x, features.length);
        }

        /** Number of principal components kept. */
        public int numComponents() {
            return pca.numComponents();
        }

        /** The standardisation step. */
        public Standardizer standardizer() {
            return standardizer;
        }

        /** The PCA step (on standardised features). */
        public Pca pca() {
            return pca;
        }

        /** The logistic regression on whitened scores. */
        public LogisticRegression.Model model() {
            return model;
        }

        @Override
        public int[] predict(double[][] features) {
            int d = standardizer.dimension();
            Features.checkColumns(features, d, "features");
            return model.predictFlat(transformFlat(features, d), features.length);
        }
    }
}
