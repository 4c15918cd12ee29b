package io.somnus.examples;

import io.somnus.encoding.PoissonEncoder;
import io.somnus.network.Network;
import io.somnus.network.SpikeCounter;
import io.somnus.neuron.Population;
import io.somnus.sleep.DecayTarget;
import io.somnus.sleep.LogSpaceDecay;
import io.somnus.sleep.SleepPhase;
import io.somnus.sleep.SleepSettings;
import io.somnus.synapse.Projection;
import java.util.SplittableRandom;

/**
 * A sleep episode from the API on a network this program trained: {@link PoissonStdpNetwork}'s network (100 Poisson
 * inputs at 5–40 Hz, all-to-all STDP onto 10 LIF neurons) trained for a while, then left on spontaneous activity
 * with plasticity off ({@code Network.runSilent}: the inputs silenced but for a low spontaneous rate, membrane noise),
 * then one sleep episode ({@code SleepPhase}: the same spontaneous activity, STDP on, every weight pulled in log space
 * toward 0.2); prints Σ|w| before and after the episode, and where the pull alone would have put it (the difference is
 * STDP's, pairing the spontaneous input spikes with the noise-driven LIF spikes).
 *
 * <p>{@code examples/run SleepAfterStdp [train_ms] [sleep_steps] [noise_mv] [input_hz]} (README, "Examples").
 */
public final class SleepAfterStdp {
    /** The sleep's per-step exponent λ: λ^2000 ≈ 0.135, so a 2000-step episode pulls ln(|w|/0.2) in by 86 %. */
    static final double LAMBDA = 0.999;
    /** The magnitude every weight is pulled toward, |w_tgt| (the paper's 0.2). */
    static final double TARGET = 0.2;
    /** The spontaneous activity's length before the sleep (ms). */
    static final double QUIET_MS = 500;

    /**
     * What a run gave.
     *
     * @param trained     the projection's 1 000 weights after training, before the sleep (a copy; in [0, 1])
     * @param slept       the same weights after the sleep episode (a copy)
     * @param quietSpikes the LIF neurons' spikes on spontaneous activity, plasticity off, before the sleep
     * @param sleepSpikes the LIF neurons' spikes during the sleep episode
     * @param sleepSteps  the sleep episode's steps (1 ms each)
     */
    public record Result(float[] trained, float[] slept, long quietSpikes, long sleepSpikes, long sleepSteps) {
    }

    private SleepAfterStdp() {
    }

    /**
     * Trains for {@code trainMs} ms, runs {@value #QUIET_MS} ms of spontaneous activity, then sleeps
     * {@code sleepSteps} steps, both with membrane noise σ = {@code noiseMv} (mV) per step and the inputs' spontaneous
     * rate {@code inputHz} (Hz), from seed {@code seed}; prints and returns what it found.
     */
    public static Result run(double trainMs, int sleepSteps, double noiseMv, double inputHz, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Network net = PoissonStdpNetwork.network(rng);
        Population lif = net.population("lif");
        Projection inputLif = net.projection("input_lif");
        net.run(trainMs, PoissonEncoder.ofRatesHz(), PoissonStdpNetwork.ratesHz(), /* plastic */ true, rng);

        SpikeCounter spikes = net.count(lif);                                   // from now on, wake and sleep
        net.runSilent(QUIET_MS, /* plastic */ false, noiseMv, inputHz, rng);   // spontaneous activity
        long quiet = spikes.total();

        float[] trained = inputLif.weights().clone();                          // weights() is live: copy to keep
        double before = inputLif.totalAbsWeight();                             // Σ|w|
        SleepPhase sleep = new SleepPhase(SleepSettings.builder(new LogSpaceDecay(LAMBDA, 0), DecayTarget.CONSTANT,
                TARGET).noiseStdMv(noiseMv).inputRateHz(inputHz).build());      // STDP on, every plastic projection
        SleepPhase.Episode episode = sleep.run(net, sleepSteps, rng);
        double after = inputLif.totalAbsWeight();
        Result r = new Result(trained, inputLif.weights().clone(), quiet, spikes.total() - quiet, episode.steps());

        LogSpaceDecay pull = (LogSpaceDecay) sleep.settings().law();
        double pullAlone = 0;
        for (float w : trained) {
            pullAlone += Math.abs(pull.stepN(w, TARGET, sleepSteps));          // closed form: no spike, no STDP
        }
        System.out.println(inputLif);
        System.out.printf("spontaneous activity (%.0f ms, plasticity off, inputs at %s Hz, noise %s mV): %d spikes of "
                + "%s%n", QUIET_MS, inputHz, noiseMv, quiet, lif.name());
        System.out.printf("sleep: %d steps, %d spikes of %s; Σ|w| of %s %.2f before, %.2f after (the pull alone: "
                + "%.2f; all at the target: %.2f)%n", episode.steps(), r.sleepSpikes(), lif.name(), inputLif.name(),
                before, after, pullAlone, TARGET * trained.length);
        return r;
    }

    /**
     * {@code [train_ms] [sleep_steps] [noise_mv] [input_hz]}: 1000, 2000, 2 (the paper's sleep noise) and 5 unless
     * given.
     */
    public static void main(String[] args) {
        run(args.length > 0 ? Double.parseDouble(args[0]) : 1000, args.length > 1 ? Integer.parseInt(args[1]) : 2000,
                args.length > 2 ? Double.parseDouble(args[2]) : 2, args.length > 3 ? Double.parseDouble(args[3]) : 5, 1);
    }
}
