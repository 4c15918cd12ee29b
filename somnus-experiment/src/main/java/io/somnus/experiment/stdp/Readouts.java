package io.somnus.experiment.stdp;

import io.somnus.experiment.config.ConfigException;
import io.somnus.readout.LabelVoteReadout;
import io.somnus.readout.LinearReadout;
import io.somnus.readout.PcaLogisticReadout;
import io.somnus.readout.Readout;

/** The readouts by configuration name. */
public final class Readouts {
    private Readouts() { }

    public static Readout create(String name, double pcaVariance) {
        return switch (name) {
            case "pca-logistic" -> new PcaLogisticReadout(pcaVariance, io.somnus.readout.LogisticRegression.Options.DEFAULT);
            case "linear" -> new LinearReadout();
            case "vote" -> new LabelVoteReadout();
            default -> throw new ConfigException("readout '" + name + "' is unknown; use pca-logistic, linear or vote");
        };
    }
}
