/**
 * Sweeps: a grid of runs planned from a sweep file, run in parallel with their state in a SQLite ledger so that an
 * interrupted sweep resumes, the engines that run them, and the study's projected wall time.
 *
 * <p>Start with {@link io.somnus.experiment.sweep.SweepCommandSupport}: {@code run(sweepFile, outDir, workers, resume,
 * listener)} is {@code somnus sweep}, and {@code run(spec, …)} the same for a grid given in code
 * ({@link io.somnus.experiment.sweep.SweepSpec#parse}, a sweep file's text); its
 * {@link io.somnus.experiment.sweep.SweepResult} holds each run's outcome and the aggregates
 * ({@link io.somnus.experiment.stats}). {@link io.somnus.experiment.sweep.SweepResults#load} reads a sweep directory
 * written before. Internal to the study (README, "Library use"): these classes may change with it.
 */
package io.somnus.experiment.sweep;
