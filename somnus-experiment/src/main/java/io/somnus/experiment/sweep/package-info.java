/**
 * Sweeps: a grid of runs planned from a sweep file, run in parallel with their state in a SQLite ledger so that an
 * interrupted sweep resumes, the engines that run them, and the study's projected wall time.
 */
package io.somnus.experiment.sweep;
