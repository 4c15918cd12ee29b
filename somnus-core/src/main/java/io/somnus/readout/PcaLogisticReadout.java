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
        // the standardised copy of the features, let go of once the PCA has its covariance
        return Pca.releasingPeakBytes(n, d);
    }

    @Override
    public Fitted fit(double[][] features, int[] labels, int numClasses, long seed) {
        return fit(FeatureRows.of(features, "features"), labels, numClasses, seed);
    }

    @Override
    public Fitted fit(FeatureRows features, int[] labels, int numClasses, long seed) {
        int d = Features.columns(features, "features");
        int n = features.rows();
        Features.checkLabels(labels, n, numClasses);
        // the standardised copy in a holder the PCA empties once it has the covariance (see Pca.fitReleasing)
        double[][] scratch = {Features.flatten(features)};
        Standardizer standardizer = Standardizer.fitFlat(scratch[0], n, d);
        standardizer.transformInPlace(scratch[0], n);
        Pca pca = Pca.fitReleasing(scratch, n, d, varianceToKeep, true);
        scratch[0] = null; // centred where the PCA kept it (n × n path); the scores come from the raw features
        double[] z = whitened(features, standardizer, pca);
        LogisticRegression.Model model = LogisticRegression.fitFlat(z, n, pca.numComponents(), labels,
                numClasses, options, false);
        return new Fitted(standardizer, pca, model);
    }

    /** The whitened PCA scores of {@code features} (rows × components, row-major), a block of rows at a time. */
    private static double[] whitened(FeatureRows features, Standardizer standardizer, Pca pca) {
        int k = pca.numComponents();
        double[] z = new double[Math.multiplyExact(features.rows(), k)];
        Features.standardisedBlocks(features, standardizer,
                (block, first, rows) -> System.arraycopy(pca.transformFlat(block, rows), 0, z, first * k, rows * k));
        return z;
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
        public double[][] transform(FeatureRows features) {
            Features.checkColumns(features, standardizer.dimension(), "features");
            return Features.unflatten(whitened(features, standardizer, pca), features.rows(), pca.numComponents());
        }

        /** {@link #transform(FeatureRows)} of the rows of a rectangular matrix of finite numbers. */
        public double[][] transform(double[][] features) {
            return transform(FeatureRows.of(features, "features"));
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
        public int[] predict(FeatureRows features) {
            Features.checkColumns(features, standardizer.dimension(), "features");
            return model.predictFlat(whitened(features, standardizer, pca), features.rows());
        }
    }
}
