/**
 * Datasets: IDX files (MNIST-like), their catalogue, where they are found or fetched and how they are verified
 * (published SHA-256), the procedural geomfig datasets, and the preprocessing (resizing, pixel-sum normalisation).
 */
package io.somnus.data;
