/**
 * Statistics across a sweep's runs: per-cell means with confidence intervals, tests of each sleep fraction against
 * no sleep, the beta GLMM through R, and the aggregate files.
 */
package io.somnus.experiment.stats;
