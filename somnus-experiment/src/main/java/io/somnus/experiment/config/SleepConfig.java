package io.somnus.experiment.config;

import io.somnus.sleep.DecayTarget;
import io.somnus.sleep.SleepSettings;
import java.util.List;

/**
 * The STDP-SNN's sleep (the sleep phase of the paper's method); see {@link io.somnus.sleep.SleepSettings} for the meaning of each field.
 *
 * @param fraction          sleep fraction f in [0, 1): sleep time / (wake + sleep time)
 * @param wakeSteps         wake steps between episodes (paper 35 000 = 350 images)
 * @param law               {@code log} (paper) or {@code linear}
 * @param lambda            log law: λ per step (paper 0.99997)
 * @param tauSleepMs        linear law: τ_sleep (ms)
 * @param weightNoise       Gaussian weight noise σ_w per √ms (0 = deterministic)
 * @param target            {@code constant}, {@code projection_mean}, {@code post_mean}
 * @param targetMagnitude   |w_tgt| for the constant target (paper 0.2)
 * @param noiseStdMv        membrane noise σ per step (mV; paper 2)
 * @param inputRateHz       spontaneous input rate while asleep (Hz; paper 0)
 * @param plasticity        whether STDP runs during sleep (paper true)
 * @param projections       projections that decay; empty = every plastic one
 * @param decayEverySteps   apply K steps of decay at once every K steps (1 = every step)
 * @param earlyEndTolerance end an episode when Σ|w| is back within this relative tolerance of the set point
 * @param budget            {@code added}: wake data is the same for every f, sleep is added;
 *                          {@code fixed_total}: wake + sleep steps are fixed, so more sleep means fewer images
 * @param traceEverySteps   weight-trace sampling interval during sleep (steps)
 * @param episode           how long an episode is: {@code fraction} (f/(1−f)·W, f in [0, 1)) or {@code ratio_of_wake}
 *                          (the authors' code: round(W·f) steps, f in [0, 1], capped at max_episode_steps)
 * @param maxEpisodeSteps   the cap of a ratio_of_wake episode (their sleep_max_iters, 10 000); 0 = none
 * @param earlyEnd          what the early end tests: {@code per_projection} (each projection's Σ|w|, after each decay)
 *                          or {@code receptor_groups} (the excitatory and the inhibitory Σ|w|, before every step)
 * @param keepState         true: an episode continues the wake stream (no reset before or after)
 * @param wakeClock         {@code continuous}, or {@code per_stream}: the wake count restarts with every training stream
 *                          (the authors' within-batch clock)
 * @param lastWakeInput     with {@code keepState}: the input spikes of the last wake step before an episode
 *                          ({@link LastStepSpikes}) {@code delivered} in its first step, or {@code dropped} (the authors'
 *                          {@code spikes_prev[:st] = 0}, {@code src/train.py:508 @40b7d33}); null: delivered
 * @param delivery          with which weights a sleep step's spikes arrive ({@link SleepDelivery}): {@code before_decay}
 *                          or {@code after_decay} (the authors' next update delivers them after the step's decay,
 *                          {@code src/train.py:611-632, 654-666 @40b7d33}); null: before_decay
 */
public record SleepConfig(double fraction, long wakeSteps, SleepLaw law, double lambda, double tauSleepMs,
                          double weightNoise, DecayTarget target, double targetMagnitude, double noiseStdMv,
                          double inputRateHz, boolean plasticity, List<String> projections, int decayEverySteps,
                          double earlyEndTolerance, SleepBudget budget, int traceEverySteps, SleepEpisode episode,
                          long maxEpisodeSteps, SleepSettings.EarlyEnd earlyEnd, boolean keepState,
                          WakeClock wakeClock, LastStepSpikes lastWakeInput, SleepDelivery delivery) {
    /** Whether the episode length follows the authors' ratio of wake (else the paper's fraction). */
    public boolean ratioOfWake() {
        return episode == SleepEpisode.RATIO_OF_WAKE;
    }
}
