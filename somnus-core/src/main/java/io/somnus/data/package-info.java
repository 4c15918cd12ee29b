/**
 * Datasets: IDX files (MNIST-like), their catalogue, where they are found or fetched and how they are verified
 * (published SHA-256), the procedural geomfig datasets, and the preprocessing (resizing, pixel-sum normalisation).
 *
 * <p>Start with {@link LabeledImages}, the images and labels every model consumes (made in code with its constructor,
 * which checks them). {@link GeomFig#generate} makes line drawings without any file; {@link DatasetRegistry#load}
 * reads a named dataset ({@code fashion-mnist}, ...) for a {@link Split} with {@link LoadOptions}, and
 * {@link Preprocess#PAPER} resizes it to the paper's 15×15 inputs. Problems a user can fix (a missing or corrupt
 * file, an unknown name) are {@link DatasetException}s whose message names the file or dataset.
 */
package io.somnus.data;
