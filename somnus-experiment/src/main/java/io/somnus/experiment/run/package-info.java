/**
 * A run from configuration to directory: the resolver (preset plus overrides, validated) and the executor that
 * binds the model's runner and writes the run directory.
 */
package io.somnus.experiment.run;
