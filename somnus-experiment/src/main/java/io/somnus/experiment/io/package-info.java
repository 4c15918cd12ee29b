/**
 * Run-directory files: atomic writes ({@link AtomicFiles}), CSV ({@link Csv}, {@link CsvTable}), JSON and YAML
 * mappers, NumPy arrays ({@link NpyArray}, {@link Npz}) and directory locks.
 *
 * <p>A library user meets {@link NetworkState}, which saves a trained network's weights and learned state to an
 * {@code .npz} and restores them into a network built from the same configuration, and {@link NpyArray}, the arrays of
 * a {@code RunResult}. A malformed file is a {@link FileFormatException} that names it.
 */
package io.somnus.experiment.io;
