/**
 * Shared infrastructure of the simulator: the seeded Gaussian draws that are the same on every JDK, the CPU's
 * description for provenance, the count of runs in progress, and the version.
 */
package io.somnus.core;
