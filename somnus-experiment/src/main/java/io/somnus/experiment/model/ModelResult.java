package io.somnus.experiment.model;

import io.somnus.experiment.io.NpyArray;
import java.util.Map;

/**
 * What a model run produced.
 *
 * @param summary    summary.json: a pure function of seed, configuration and Java version
 * @param timing     timing.json: how long it took
 * @param provenance what the model adds to provenance.json: how its arithmetic ran (kernels, BLAS, CPU) and, for a run
 *                   started from a saved network, that file
 * @param arrays     weights.npz: arrays by name
 */
public record ModelResult(Map<String, Object> summary, Map<String, Object> timing, Map<String, Object> provenance,
        Map<String, NpyArray> arrays) { }
