package io.somnus.experiment.config;

import java.util.List;

/**
 * @param population   population whose spike counts are the features (E); {@code input} reads the input spikes
 *                     themselves, the baseline a network's layers must beat to have added anything
 * @param main         the readout reported as {@code test_accuracy}
 * @param readouts     every readout fitted: {@code pca-logistic}, {@code linear}, {@code vote}
 * @param pcaVariance  fraction of variance the PCA keeps
 * @param source       {@code frozen}: counts of the final network, per image; {@code training}: the authors' features
 *                     from the plastic training stream (E and I, one per run of equal labels)
 * @param phi          the definitions of φ reported, each under its own name: {@code somnus} as {@code phi},
 *                     {@code authors} as {@code phi_authors} (on the frozen readout's features either way)
 * @param validationStream with {@code training}: where early stopping's validation stream starts after each epoch
 *                     ({@link ValidationStream}), {@code rest} or {@code carried} (the authors'); null: rest
 */
public record ReadoutConfig(String population, ReadoutKind main, List<ReadoutKind> readouts, double pcaVariance,
                            ReadoutSource source, List<PhiDefinition> phi, ValidationStream validationStream) {
    /** Whether φ is reported in definition {@code d}. */
    public boolean reportsPhi(PhiDefinition d) {
        return phi.contains(d);
    }

    /** Whether the features come from the plastic training stream. */
    public boolean fromTraining() {
        return source == ReadoutSource.TRAINING;
    }
}
