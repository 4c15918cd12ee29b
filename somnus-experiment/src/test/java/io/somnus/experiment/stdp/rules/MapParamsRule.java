package io.somnus.experiment.stdp.rules;

import io.somnus.synapse.Plasticity;
import io.somnus.synapse.Projection;
import java.io.DataInput;
import java.io.DataOutput;
import java.util.Map;

/** A rule of one's own that takes its parameters as written ({@code Map}) and keeps a (stateless) resume snapshot. */
public final class MapParamsRule implements Plasticity {
    /** The parameters the last one built was given. */
    public static volatile Map<String, Object> lastParams;
    private final double dtMs;

    public MapParamsRule(Map<String, Object> params, double dtMs) {
        lastParams = params;
        this.dtMs = dtMs;
    }

    @Override
    public void apply(Projection projection, int step) {
    }

    @Override
    public String name() {
        return "map-params";
    }

    @Override
    public double dtMs() {
        return dtMs;
    }

    @Override
    public void writeState(Projection projection, DataOutput out) {
    }

    @Override
    public void readState(Projection projection, DataInput in) {
    }
}
