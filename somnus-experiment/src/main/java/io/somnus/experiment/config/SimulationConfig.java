package io.somnus.experiment.config;

/**
 * @param dtMs          time step (ms)
 * @param stepsPerImage steps per presentation (paper 100 × 1 ms; Diehl &amp; Cook 700 × 0.5 ms = 350 ms)
 * @param integration   membrane update of conductance-based neurons (null: exponential): {@code exponential} (exact for
 *                      conductances held over a step, stable at any conductance) or {@code euler} (forward
 *                      Euler, as Brian2's {@code method='euler'}; unstable once dt·(1 + g_e + g_i)/τ_m &gt; 2,
 *                      which strong lateral inhibition reaches at N_e ≥ 200)
 * @param resetEveryImages the network returns to rest before every this many training images: 1 before each (the
 *                      paper); N: one continuous stream per N images (the authors' batches of 300); 0: never.
 *                      Evaluation always starts each image from rest
 */
public record SimulationConfig(double dtMs, int stepsPerImage, MembraneIntegration integration,
                               int resetEveryImages) { }
