package io.somnus.experiment.config;

/** Continual protocol: classes arrive as {@code tasks} tasks of {@code classesPerTask} classes each. */
public record ContinualConfig(int tasks, int classesPerTask) { }
