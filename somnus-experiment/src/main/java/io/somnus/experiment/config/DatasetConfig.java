package io.somnus.experiment.config;

import io.somnus.data.ResizeFilter;

/**
 * @param name          dataset name ({@code somnus datasets} lists them)
 * @param dir           explicit directory with the IDX files, or null for the standard lookup
 * @param resize        resize images to resize×resize pixels; 0 keeps the original size
 * @param resizeFilter  {@code bilinear} (plain, Somnus) or {@code antialiased} (Pillow's, as torchvision's Resize on
 *                      PIL images: the authors' code)
 * @param normaliseSum  scale each image so its pixels sum to this; 0 leaves intensities as they are
 * @param sampling      {@code first} images of each split, or the authors' {@code pooled}: train and test splits
 *                      pooled and shuffled with the run's seed
 * @param allowUnverified accept dataset files whose SHA-256 matches no published checksum (recorded as unverified
 *                      in provenance.json); optional, default false: such files are refused
 */
public record DatasetConfig(String name, String dir, int resize, ResizeFilter resizeFilter, double normaliseSum,
                            DataSampling sampling, Boolean allowUnverified) {
    /** Whether files that match no published checksum are accepted. */
    public boolean acceptsUnverified() {
        return Boolean.TRUE.equals(allowUnverified);
    }
}
