/**
 * The sleep phase: its schedule (every N wake steps, a ratio of wake, after an epoch with probability f, every
 * minibatches), the decay laws of the weights toward their homeostatic target, and the episode that runs them with the
 * input silenced and spontaneous activity.
 *
 * <p>Start with {@link SleepPhase}: built from {@link SleepSettings} (named one by one with
 * {@code SleepSettings.builder(law, target, magnitude)}: a {@link WeightDecayLaw} such as {@link LogSpaceDecay}, a
 * {@link DecayTarget}), its {@code run} sleeps a network for a number of steps and returns a
 * {@link SleepPhase.Episode} ({@code run(net, steps, rng)} on a network of one's own; the longer {@code run} takes the
 * set points of an early end, spike counters and a trace observer). The same spontaneous activity without the weight
 * decay is {@link io.somnus.network.Network#runSilent(double, boolean, double, double, java.util.random.RandomGenerator)}. When to sleep is a {@link SleepSchedule} ({@link EveryWakeSteps}, the paper's), which a
 * {@link SleepClock} asks.
 */
package io.somnus.sleep;
