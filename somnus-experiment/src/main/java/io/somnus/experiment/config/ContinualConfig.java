package io.somnus.experiment.config;

/**
 * Continual protocol: classes arrive as {@code tasks} tasks of {@code classesPerTask} classes each.
 *
 * @param tasks          {@code continual.tasks}, the number of tasks (≥ 1)
 * @param classesPerTask {@code continual.classes_per_task}: task t holds classes t·k … t·k + k − 1
 */
public record ContinualConfig(int tasks, int classesPerTask) { }
