/**
 * Measurements of a run: accuracy-curve stability ({@link AccuracyCurveStability}), forgetting in continual
 * learning ({@link ContinualForgetting}), diversity of the learned features ({@link Diversity}), firing rates
 * ({@link FiringRates}) and weight statistics ({@link WeightStatistics}). Each is a pure function of arrays it does not
 * modify, with its definition in its class comment.
 */
package io.somnus.metrics;
