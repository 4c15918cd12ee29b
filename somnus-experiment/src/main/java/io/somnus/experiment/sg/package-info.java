/**
 * The surrogate-gradient SNN as a model of a run: its runner and what a run of it records.
 */
package io.somnus.experiment.sg;
