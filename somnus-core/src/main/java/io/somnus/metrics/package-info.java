/**
 * Measurements of a run: accuracy-curve stability, forgetting in continual learning, diversity of the learned
 * features, firing rates and weight statistics.
 */
package io.somnus.metrics;
