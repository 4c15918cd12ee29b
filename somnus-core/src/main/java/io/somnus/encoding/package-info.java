/**
 * Input spike encoders: images to spike trains (Bernoulli, Poisson, latency), and the spike train they fill.
 *
 * <p>A {@link SpikeEncoder} ({@link BernoulliEncoder}, the paper's; {@link PoissonEncoder}, Diehl &amp; Cook's rates in
 * Hz; {@link LatencyEncoder}, one spike per input) writes one image's spikes for a number of steps of dt ms into a
 * reusable {@link SpikeTrain}, which {@code Network.present} plays. Encoders are thread-safe; a train is not (one per
 * thread).
 */
package io.somnus.encoding;
