package io.somnus.experiment.config;

/**
 * @param name          dataset name ({@code somnus datasets} lists them)
 * @param dir           explicit directory with the IDX files, or null for the standard lookup
 * @param resize        resize images to resize×resize pixels (bilinear); 0 keeps the original size
 * @param normaliseSum  scale each image so its pixels sum to this; 0 leaves intensities as they are
 * @param allowUnverified accept dataset files whose SHA-256 matches no published checksum (recorded as unverified
 *                      in provenance.json); optional, default false: such files are refused
 */
public record DatasetConfig(String name, String dir, int resize, double normaliseSum, Boolean allowUnverified) {
    /** Whether files that match no published checksum are accepted. */
    public boolean acceptsUnverified() {
        return Boolean.TRUE.equals(allowUnverified);
    }
}
