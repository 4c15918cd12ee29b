/**
 * Input spike encoders: images to spike trains (Bernoulli, Poisson, latency), and the spike train they fill.
 */
package io.somnus.encoding;
