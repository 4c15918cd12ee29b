/**
 * Run-directory files: atomic writes, CSV, JSON and YAML mappers, NumPy arrays (.npy, .npz) and directory locks.
 */
package io.somnus.experiment.io;
