/**
 * Throughput measurements of the presets ({@code somnus bench}).
 */
package io.somnus.experiment.bench;
