/**
 * The STDP-SNN as a model of a run: the network built from a configuration, training with sleep episodes,
 * frozen evaluation, readouts, continual tasks and the spike exchange with other implementations.
 */
package io.somnus.experiment.stdp;
