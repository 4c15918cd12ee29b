package io.somnus.experiment.config;

/** An item of {@code readout.phi}: a definition of the cluster separation φ, each reported under its own name. */
public enum PhiDefinition {
    /** {@code phi}: Calinski–Harabasz in the readout's whitened PCA space, the evaluated set's own class means */
    SOMNUS,
    /** {@code phi_authors}: their calculate_phi, unwhitened PCA fitted on the readout's training rates, training centroids */
    AUTHORS
}
