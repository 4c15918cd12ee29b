package io.somnus.experiment.config;

/**
 * @param dtMs          time step (ms)
 * @param stepsPerImage steps per presentation (paper 100 × 1 ms; Diehl &amp; Cook 700 × 0.5 ms = 350 ms)
 * @param integration   membrane update (null: exponential): {@code exponential} (exact for conductances or currents
 *                      held over a step, stable at any conductance) or {@code euler} (forward Euler: for
 *                      conductance-based neurons Brian2's {@code method='euler'}, unstable once
 *                      dt·(1 + g_e + g_i)/τ_m &gt; 2, which strong lateral inhibition reaches at N_e ≥ 200; for the
 *                      current LIF the authors' update, V, I and a kept by (1 − dt/τ) per step)
 * @param resetEveryImages the network returns to rest before every this many training images: 1 before each (the
 *                      paper); N: one continuous stream per N images (the authors' batches of 300); 0: never.
 *                      Evaluation always starts each image from rest
 * @param spikeTest     when a current-LIF neuron fires ({@link SpikeTest}): {@code at_or_above} (V ≥ θ + a) or
 *                      {@code above_previous_clipped} (the authors': V &gt; clip(θ + a of the previous step, −90, 0))
 * @param wakeNoiseStdMv σ (mV) of Gaussian membrane noise on every neuron at every training step (0: none; the
 *                      authors' code: 2); never during evaluation. Sleep has its own, {@code sleep.noise_std_mv}
 * @param streamStart   the state of a training stream's start after the first ({@link StreamStart}): {@code rest}, or
 *                      {@code carried_v_zero} (the authors' batches: current, adaptation, spike times carried, V = 0 mV)
 * @param streamStartLastStep with {@code carried_v_zero}: the previous stream's last step's spikes ({@link LastStepSpikes})
 *                      {@code delivered} at the new stream's first step, or {@code dropped} (the authors' batches start
 *                      from row 0 of their own arrays, {@code src/train.py:393-394 @40b7d33}); null: delivered
 * @param streamStartThreshold with {@code carried_v_zero} and the authors' spike test: the threshold of a later stream's
 *                      first step ({@link StreamStartThreshold}), {@code carried} or {@code base} (θ₀, the authors'
 *                      fresh threshold array); null: carried
 * @param streamFirstStep what a stream's first step does, training streams' and the training readout's validation
 *                      and test streams' ({@link StreamFirstStep}): {@code integrates}, or {@code input_only} (the authors'
 *                      batches integrate their first input row at their first update, {@code src/train.py:393-394,
 *                      654-666 @40b7d33}); null: integrates
 * @param inputOnlyStep with {@code input_only}: whether that step takes a step of the spike-time clock and times the
 *                      first row's input spikes ({@link InputOnlyStep}): {@code timed}, or {@code untimed} (the authors'
 *                      row 0 is integrated one spike_times increment after the previous batch's last update and never
 *                      enters spike_times, {@code src/train.py:253, 393-394, 654-695 @40b7d33}); null: timed
 */
public record SimulationConfig(double dtMs, int stepsPerImage, MembraneIntegration integration,
                               int resetEveryImages, SpikeTest spikeTest, double wakeNoiseStdMv,
                               StreamStart streamStart, LastStepSpikes streamStartLastStep,
                               StreamStartThreshold streamStartThreshold, StreamFirstStep streamFirstStep,
                               InputOnlyStep inputOnlyStep) { }
