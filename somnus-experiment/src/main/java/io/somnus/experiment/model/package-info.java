/**
 * What every model run needs whatever its model: the prepared data ({@link DataPreparation},
 * {@link PreparedData}), the runner interface ({@link ModelRunner}), the run's files and resume snapshots
 * ({@link RunFiles}, {@link RunRecorder}), its progress ({@link RunProgress}; {@code RunProgress.NONE} for none) and
 * the result it returns ({@link ModelResult}), and the continual protocol's tasks and forgetting summary, the same for
 * both models ({@link ContinualTasks}).
 */
package io.somnus.experiment.model;
