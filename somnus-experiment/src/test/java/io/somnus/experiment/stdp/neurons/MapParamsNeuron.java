package io.somnus.experiment.stdp.neurons;

import io.somnus.neuron.Population;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;

/**
 * A neuron of one's own that takes its parameters as written ({@code Map}), never spikes, and keeps a resume snapshot
 * (it has no state beyond {@link Population}'s, but says so by overriding writeState and readState); its receptors add
 * into one current where {@code share_one_current} is true.
 */
public final class MapParamsNeuron extends TestNeuron {
    /** The parameters the last one built was given. */
    public static volatile Map<String, Object> lastParams;
    private final Map<String, Object> params;

    public MapParamsNeuron(String name, int size, Map<String, Object> params) {
        super(name, size);
        this.params = params;
        lastParams = params;
    }

    @Override
    public boolean receptorsShareOneCurrent() {
        return Boolean.TRUE.equals(params.get("share_one_current"));
    }

    @Override
    public Population copy() {
        return new MapParamsNeuron(name(), size, params);
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        super.writeState(out);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        super.readState(in);
    }
}
