package io.somnus.experiment.stdp;

import io.somnus.experiment.config.ReadoutKind;
import io.somnus.readout.LabelVoteReadout;
import io.somnus.readout.LinearReadout;
import io.somnus.readout.LogisticRegression;
import io.somnus.readout.PcaLogisticReadout;
import io.somnus.readout.Readout;

/** The readout each {@link ReadoutKind} names. */
public final class Readouts {
    private Readouts() { }

    /**
     * The readout of this kind: PCA then logistic regression keeping the fraction {@code pcaVariance} of the variance,
     * a linear readout, or the label vote.
     */
    public static Readout create(ReadoutKind kind, double pcaVariance) {
        return switch (kind) {
            case PCA_LOGISTIC -> new PcaLogisticReadout(pcaVariance, LogisticRegression.Options.DEFAULT);
            case LINEAR -> new LinearReadout();
            case VOTE -> new LabelVoteReadout();
        };
    }
}
