package io.somnus.experiment.config;

/**
 * @param dtMs          time step (ms)
 * @param stepsPerImage steps per presentation (paper 100 × 1 ms; Diehl &amp; Cook 700 × 0.5 ms = 350 ms)
 */
public record SimulationConfig(double dtMs, int stepsPerImage) { }
