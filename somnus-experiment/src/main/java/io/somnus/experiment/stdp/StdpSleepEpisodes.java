package io.somnus.experiment.stdp;

import io.somnus.experiment.model.RunRecorder;
import io.somnus.experiment.model.WeightHistogram;
import io.somnus.network.Network;
import io.somnus.network.SpikeCounter;
import io.somnus.sleep.SleepClock;
import io.somnus.sleep.SleepPhase;
import io.somnus.synapse.Projection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The sleep episodes of one STDP run and their records: runs each episode on the network ({@link SleepPhase}), counts
 * it on the run's {@link SleepClock}, and reports the weight histograms before and after, the weight traces during,
 * and the spikes of every non-input population.
 */
final class StdpSleepEpisodes {
    private final SleepPhase phase;
    private final RunRecorder recorder;
    /** The sleep noise's generator, asked for at each episode: a resume snapshot replaces it by its twin. */
    private final Supplier<RandomGenerator> rng;
    private final List<SpikeCounter> counters;
    /** Σ|w| of every projection at the start: the set points of the early end. */
    private final Map<Projection, Double> setPoints = new HashMap<>();
    private final SpikeTotals spikes = new SpikeTotals();

    /**
     * @param counters counters registered with {@code net}; cleared after each episode
     * @param rng      the generator of the sleep's noise at the time of each episode
     */
    StdpSleepEpisodes(SleepPhase phase, Network net, List<SpikeCounter> counters, RunRecorder recorder,
                      Supplier<RandomGenerator> rng) {
        this.phase = phase;
        this.recorder = recorder;
        this.rng = rng;
        this.counters = counters;
        for (Projection p : net.projections()) {
            setPoints.put(p, p.totalAbsWeight());
        }
    }

    /** Sleep spikes per population so far. */
    SpikeTotals spikes() {
        return spikes;
    }

    /** Runs one episode of at most {@code maxSteps} steps, now, at the clock's step. */
    void run(Network net, long maxSteps, SleepClock clock) {
        final int episode = clock.episodes() + 1;
        final long base = clock.steps();
        histograms(net, episode, "before");
        traceWeights(recorder, net, base, "wake", episode);
        SleepPhase.Episode e = phase.run(net, maxSteps, setPoints, rng.get(), counters,
                (s, p, total, mean) -> recorder.trace(base + s, "sleep", episode, p.name(), total, mean));
        clock.slept(e.steps(), e.endedEarly());
        long step = clock.steps();
        net.checkFinite(() -> "at the end of sleep episode " + episode + " (simulation step " + step + ")", true);
        for (Map.Entry<String, SleepPhase.PopulationSpikes> s : e.spikesByPopulation().entrySet()) {
            spikes.add(s.getKey(), s.getValue().spikes(), s.getValue().neurons() * e.steps());
        }
        for (SpikeCounter c : counters) {
            c.clear();
        }
        histograms(net, episode, "after");
        traceWeights(recorder, net, clock.steps(), "wake", episode);
    }

    /** Σ|w| and mean weight of every plastic projection at simulation step {@code step}. */
    static void traceWeights(RunRecorder recorder, Network net, long step, String phase, int episode) {
        for (Projection p : net.projections()) {
            if (p.isPlastic()) {
                Projection.WeightTotals t = p.weightTotals();
                recorder.trace(step, phase, episode, p.name(), t.totalAbs(), t.mean());
            }
        }
    }

    /** A histogram of the weights of every decaying projection ({@link WeightHistogram}). */
    private void histograms(Network net, int episode, String when) {
        for (Projection p : phase.decaying(net)) {
            WeightHistogram.of(p.weights()).record(recorder, episode, when, p.name());
        }
    }
}
