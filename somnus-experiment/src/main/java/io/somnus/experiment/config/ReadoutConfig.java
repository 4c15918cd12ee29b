package io.somnus.experiment.config;

import java.util.List;

/**
 * @param population   population whose spike counts are the features (E)
 * @param main         the readout reported as {@code test_accuracy}
 * @param readouts     every readout fitted: {@code pca-logistic}, {@code linear}, {@code vote}
 * @param pcaVariance  fraction of variance the PCA keeps
 */
public record ReadoutConfig(String population, ReadoutKind main, List<ReadoutKind> readouts, double pcaVariance) { }
