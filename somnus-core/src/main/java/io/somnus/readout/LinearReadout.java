package io.somnus.readout;

/** Multinomial logistic regression on the standardised features, no PCA. */
public record LinearReadout() implements Readout {
    @Override
    public String name() {
        return "linear";
    }

    @Override
    public FittedReadout fit(double[][] features, int[] labels, int numClasses, long seed) {
        Standardiser z = new Standardiser(features);
        SoftmaxRegression lr = new SoftmaxRegression(z.apply(features), labels, numClasses, 1.0, 500);
        return x -> lr.predict(z.apply(x));
    }
}
