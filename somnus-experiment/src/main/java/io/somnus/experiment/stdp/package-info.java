/**
 * The STDP-SNN as a model of a run: the network built from a configuration, training with sleep episodes,
 * frozen evaluation, readouts, the continual protocol's training (its tasks are {@code model.ContinualTasks}, which
 * the SG-SNN shares) and the spike exchange with other implementations.
 *
 * <p>A library user meets {@link NetworkFactory} (the network of a {@code StdpRunConfig}: {@code build} from a
 * generator, {@code buildForRun} as a run draws it), {@link SleepSettingsFactory} (the {@code sleep} section as
 * {@code SleepSettings}) and {@link SpikeExchange} (spikes and networks to and from files, e.g.
 * {@code SpikeExchange.NONE.withNetworkOut(file)}). {@link StdpTraining} is one run's training, which the run
 * executor drives.
 */
package io.somnus.experiment.stdp;
