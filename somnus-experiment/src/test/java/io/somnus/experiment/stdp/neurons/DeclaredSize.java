package io.somnus.experiment.stdp.neurons;

import io.somnus.neuron.Population;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A silent neuron of one's own for {@code ClassNeuronsTest} that declares its memory a neuron as its parameter says
 * ({@link #bytesPerNeuron}), without allocating it, and counts how often its configured constructor runs (a copy for
 * evaluation does not count).
 */
public final class DeclaredSize extends TestNeuron {
    /** @param bytesPerNeuron what {@link #bytesPerNeuron} declares (bytes) */
    public record Params(long bytesPerNeuron) { }

    /** Constructions by the configuration (the public constructor), since the class was loaded. */
    public static final AtomicInteger BUILT = new AtomicInteger();
    /** The last one the public constructor built. */
    public static volatile DeclaredSize last;

    private final Params params;

    public DeclaredSize(String name, int size, Params params) {
        this(name, size, params, true);
        BUILT.incrementAndGet();
        last = this;
    }

    private DeclaredSize(String name, int size, Params params, boolean unused) {
        super(name, size);
        this.params = params;
    }

    @Override
    public long bytesPerNeuron() {
        return params.bytesPerNeuron();
    }

    @Override
    public Population copy() {
        return new DeclaredSize(name(), size, params, false);
    }
}
