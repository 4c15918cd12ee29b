/**
 * The surrogate-gradient SNN as a model of a run: its runner ({@link SgRunner}) and what a run of it records
 * ({@link SgRun}). To train an SG-SNN without a configuration, use {@code io.somnus.sg.SgTrainer} directly.
 */
package io.somnus.experiment.sg;
