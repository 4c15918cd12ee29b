package io.somnus.experiment.model;

import io.somnus.experiment.io.NpyArray;
import java.util.Map;

/**
 * What a model run produced.
 *
 * @param summary    summary.json: a pure function of seed, configuration and Java version
 * @param timing     timing.json: how long it took
 * @param arithmetic provenance of the arithmetic (kernels, BLAS, CPU) for provenance.json
 * @param arrays     weights.npz: arrays by name
 */
public record ModelResult(Map<String, Object> summary, Map<String, Object> timing, Map<String, Object> arithmetic,
        Map<String, NpyArray> arrays) { }
