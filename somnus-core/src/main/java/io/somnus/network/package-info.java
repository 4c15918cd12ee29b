/**
 * The network: populations and projections stepped together event by event, presentations of an input spike
 * train, spike counters and rasters, and the check that stops a diverged simulation.
 *
 * <p>Start with {@link Network}: built from an input source, its populations and projections (or by
 * {@code NetworkFactory} from a configuration), it plays a {@code SpikeTrain} with {@link Network#present}, runs on for
 * a duration driven by an encoder with {@link Network#run}, or on its own spontaneous activity (input silent, membrane
 * noise) with {@link Network#runSilent(double, boolean, java.util.random.RandomGenerator)}. Monitors
 * attach to it and record every step, wake and sleep: {@link SpikeCounter} ({@code net.count}), {@link SpikeRaster}
 * ({@code net.raster}), {@link StateMonitor} ({@code net.state}). A value that turns NaN or infinite stops it with a
 * {@link NonFiniteStateException}. A network is not thread-safe: one thread steps it.
 */
package io.somnus.network;
