/**
 * What every model run needs whatever its model: the prepared data, the runner interface, the run's files and
 * progress, and the result it returns.
 */
package io.somnus.experiment.model;
