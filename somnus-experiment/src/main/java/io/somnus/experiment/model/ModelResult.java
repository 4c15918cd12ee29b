package io.somnus.experiment.model;

import io.somnus.experiment.io.NpyArray;
import io.somnus.network.Network;
import java.util.Map;

/**
 * What a model run produced.
 *
 * @param summary    summary.json: a pure function of seed, configuration and Java version
 * @param timing     timing.json: how long it took
 * @param provenance what the model adds to provenance.json: how its arithmetic ran (kernels, BLAS, CPU) and, for a run
 *                   started from a saved network, that file
 * @param arrays     weights.npz: arrays by name
 * @param network    the trained event-driven network (the STDP-SNN's), for a caller in memory; null for a model that
 *                   has none (the SG-SNN)
 */
public record ModelResult(Map<String, Object> summary, Map<String, Object> timing, Map<String, Object> provenance,
        Map<String, NpyArray> arrays, Network network) {
    /** A model without an event-driven network (the SG-SNN). */
    public ModelResult(Map<String, Object> summary, Map<String, Object> timing, Map<String, Object> provenance,
                       Map<String, NpyArray> arrays) {
        this(summary, timing, provenance, arrays, null);
    }
}
