package io.somnus.sg;

import io.somnus.sleep.SleepClock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Runs the sleep episodes a run's schedule asks for ({@link SgSleep}) and keeps what they did: the episodes, the spikes
 * of each layer and their wall time. Sleep steps are iterations × steps per iteration: the batch copies of an
 * iteration run side by side and do not add time; firing rates are per neuron and copy.
 */
final class SgSleepEpisodes {
    /** Steps between weight samples inside a sleep episode (taken at the end of the iteration that reaches them). */
    private static final int SLEEP_SAMPLE_EVERY = 5_000;

    private final SgNetwork network;
    /** Null when the schedule never sleeps. */
    private final SgSleep sleep;
    private final SleepClock clock;
    private final double dtMs;
    /** The episodes so far, in order. */
    final List<SgSleepEpisode> episodes = new ArrayList<>();
    /** Spikes of each layer over every episode so far. */
    final long[] spikes;
    /** Wall time of the episodes so far. */
    double seconds;

    /** The episodes of {@code network}, trained with {@code cfg}, as {@code clock}'s schedule asks for them. */
    SgSleepEpisodes(SgNetwork network, SgConfig cfg, SleepClock clock) {
        this.network = network;
        this.sleep = clock.schedule().sleeps() ? new SgSleep(network, cfg.sleep(), cfg.dtMs()) : null;
        this.clock = clock;
        this.dtMs = cfg.dtMs();
        this.spikes = new long[network.layers];
    }

    /** Runs the episode of {@code steps} steps the schedule asked for during {@code epoch}, and records it. */
    void sleep(long steps, SplittableRandom noise, int epoch, SgListener listener) {
        if (steps % sleep.stepsPerIteration() != 0) {
            throw new IllegalStateException("a sleep episode of " + steps + " steps is not a whole number of "
                    + sleep.stepsPerIteration() + "-step iterations");
        }
        int iterations = (int) (steps / sleep.stepsPerIteration());
        boolean snapshots = listener.wantsWeightSnapshots();
        Map<String, float[]> before = snapshots ? SgWeights.export(network) : Map.of();
        List<SgSleepEpisode.Sample> samples = new ArrayList<>();
        long start = System.nanoTime();
        sleep.run(noise, iterations, SLEEP_SAMPLE_EVERY,
                (step, projection, totalAbs, mean) -> samples.add(new SgSleepEpisode.Sample(step, projection, totalAbs, mean)));
        double episodeSeconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> rates = network.firingRatesHz(sleep.spikeCounts, (double) steps * sleep.copies(), dtMs);
        for (int l = 0; l < network.layers; l++) {
            if (network.spiking(l)) {
                spikes[l] += sleep.spikeCounts[l];
            }
        }
        Map<String, float[]> after = snapshots ? SgWeights.export(network) : Map.of();
        SgSleepEpisode episode = new SgSleepEpisode(episodes.size() + 1, epoch, clock.steps(), (int) steps,
                episodeSeconds, sleep.drewAhead, Collections.unmodifiableMap(rates), List.copyOf(samples), before, after);
        clock.slept(steps, false);
        seconds += episodeSeconds;
        episodes.add(episode);
        listener.onSleepEpisode(episode);
    }

    /** Each spiking layer's firing rate over every episode, in Hz; none before the first. */
    Map<String, Double> ratesHz() {
        return clock.sleepSteps() > 0
                ? network.firingRatesHz(spikes, (double) clock.sleepSteps() * sleep.copies(), dtMs)
                : new LinkedHashMap<>();
    }

    /** Takes a checkpoint's record of the episodes before it. */
    void restore(long[] spikesSoFar, double secondsSoFar, List<SgSleepEpisode> episodesSoFar) {
        System.arraycopy(spikesSoFar, 0, spikes, 0, spikes.length);
        seconds = secondsSoFar;
        episodes.addAll(episodesSoFar);
    }
}
