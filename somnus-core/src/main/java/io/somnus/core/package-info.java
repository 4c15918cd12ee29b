/**
 * Shared infrastructure of the simulator: the seeded Gaussian draws that are the same on every JDK
 * ({@link GaussianDraws}; {@code GaussianDraws.algorithm()} says which a JVM uses), the binary form of a resume
 * snapshot's state ({@link StateStreams}, {@link SplittableState}), the CPU's description for provenance
 * ({@link CpuInfo}), the count of runs in progress and the version ({@link SomnusVersion}). A library user rarely
 * needs more than {@code GaussianDraws.algorithm()}.
 */
package io.somnus.core;
