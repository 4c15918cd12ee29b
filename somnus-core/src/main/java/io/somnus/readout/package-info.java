/**
 * Readouts of spike counts: standardisation, PCA and logistic regression, the linear readout, the label vote of
 * Diehl and Cook (2015), and the cluster separation φ.
 *
 * <p>A {@link Readout} ({@link PcaLogisticReadout}, {@link LinearReadout}, {@link LabelVoteReadout}) is fitted on
 * {@link FeatureRows}, such as the {@link SpikeCounts} of training images (one row per image, one column per neuron),
 * and gives a {@link FittedReadout} that classifies the rows of other images.
 */
package io.somnus.readout;
