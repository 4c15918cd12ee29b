package io.somnus.readout;

/**
 * The paper's readout: standardise → PCA keeping {@code varianceKept} of the variance, whitened →
 * multinomial logistic regression ({@link SoftmaxRegression}, C = 1).
 */
public record PcaLogisticReadout(double varianceKept) implements Readout {
    public PcaLogisticReadout {
        if (!(varianceKept > 0 && varianceKept <= 1)) {
            throw new IllegalArgumentException("PCA variance kept must be in (0, 1], got " + varianceKept);
        }
    }

    @Override
    public String name() {
        return "pca-logistic";
    }

    @Override
    public Fitted fit(double[][] features, int[] labels, int numClasses, long seed) {
        Standardiser z = new Standardiser(features);
        double[][] s = z.apply(features);
        Pca pca = new Pca(s, varianceKept, true);
        SoftmaxRegression lr = new SoftmaxRegression(pca.transform(s), labels, numClasses, 1.0, 500);
        return new Fitted(z, pca, lr);
    }

    /** A fitted PCA + logistic readout; exposes the whitened PCA space (for φ). */
    public static final class Fitted implements FittedReadout {
        private final Standardiser z;
        private final Pca pca;
        private final SoftmaxRegression lr;

        Fitted(Standardiser z, Pca pca, SoftmaxRegression lr) {
            this.z = z;
            this.pca = pca;
            this.lr = lr;
        }

        /** Features in the whitened PCA space. */
        public double[][] transform(double[][] features) {
            return pca.transform(z.apply(features));
        }

        public int components() {
            return pca.components();
        }

        @Override
        public int[] predict(double[][] features) {
            return lr.predict(transform(features));
        }
    }
}
