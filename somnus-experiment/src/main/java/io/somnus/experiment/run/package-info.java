/**
 * A run from configuration to directory: the resolver (preset plus overrides, validated) and the executor that
 * binds the model's runner and writes the run directory.
 *
 * <p>Start with {@link StandardRunExecutor}: {@code run(config)} runs a resolved configuration tree (from
 * {@code Configs.resolveTree}) in memory and returns its {@link RunResult} (summary, metrics, weights and, for the
 * STDP-SNN, the trained network); {@code execute(config, runDir, progress)} writes the run directory the CLI
 * writes.
 */
package io.somnus.experiment.run;
