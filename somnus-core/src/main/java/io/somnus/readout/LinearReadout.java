package io.somnus.readout;

/**
 * Multinomial logistic regression (C = 1 by default) on standardised raw features, no PCA: the
 * "linear readout" placed beside the label vote for the Diehl &amp; Cook preset. Deterministic: the seed
 * is not used. The fitted readout is immutable and thread-safe.
 */
public final class LinearReadout implements Readout {
    /** Name used in metrics and summaries. */
    public static final String NAME = "linear";

    private final LogisticRegression.Options options;

    /** {@link LogisticRegression.Options#DEFAULT}. */
    public LinearReadout() {
        this(LogisticRegression.Options.DEFAULT);
    }

    /** @param options logistic-regression options */
    public LinearReadout(LogisticRegression.Options options) {
        if (options == null) {
            throw new IllegalArgumentException("logistic regression options are null");
        }
        this.options = options;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long fitBytes(int n, int d, int numClasses) {
        // the standardised copy of the features, then the regression on it
        return (long) Double.BYTES * n * d + LogisticRegression.fitBytes(n, d, numClasses, true);
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
        double[] x = Features.flatten(features);
        Standardizer standardizer = Standardizer.fitFlat(x, n, d);
        standardizer.transformInPlace(x, n);
        return new Fitted(standardizer, LogisticRegression.fitFlat(x, n, d, labels, numClasses, options, true));
    }

    /** The fitted readout. */
    public static final class Fitted implements FittedReadout {
        private final Standardizer standardizer;
        private final LogisticRegression.Model model;

        Fitted(Standardizer standardizer, LogisticRegression.Model model) {
            this.standardizer = standardizer;
            this.model = model;
        }

        /** The standardisation step. */
        public Standardizer standardizer() {
            return standardizer;
        }

        /** The logistic regression on standardised features. */
        public LogisticRegression.Model model() {
            return model;
        }

        @Override
        public int[] predict(FeatureRows features) {
            Features.checkColumns(features, standardizer.dimension(), "features");
            int[] out = new int[features.rows()];
            Features.standardisedBlocks(features, standardizer,
                    (block, first, rows) -> System.arraycopy(model.predictFlat(block, rows), 0, out, first, rows));
            return out;
        }
    }
}
