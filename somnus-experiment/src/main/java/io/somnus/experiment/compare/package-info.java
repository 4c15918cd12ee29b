/**
 * {@code somnus compare}: whether two run directories hold the same results and, where not, where they part — their
 * configurations, provenances, and each result file (weights per array, tables per row, the summary per number).
 */
package io.somnus.experiment.compare;
