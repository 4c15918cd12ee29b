package io.somnus.experiment.stdp;

import io.somnus.encoding.BernoulliEncoder;
import io.somnus.encoding.LatencyEncoder;
import io.somnus.encoding.PoissonEncoder;
import io.somnus.encoding.SpikeEncoder;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.EncodingConfig;

/** The spike encoder an {@code encoding} section asks for. */
public final class Encoders {
    private Encoders() { }

    /**
     * The spike encoder of the {@code encoding} section; a {@link ConfigException} for a Poisson encoder without a
     * positive {@code max_rate_hz}.
     */
    public static SpikeEncoder create(EncodingConfig c) {
        return switch (c.kind()) {
            case BERNOULLI -> new BernoulliEncoder();
            case POISSON -> {
                if (!(c.maxRateHz() > 0)) {
                    throw new ConfigException("encoding.max_rate_hz must be > 0 for poisson, got " + c.maxRateHz());
                }
                yield new PoissonEncoder(c.maxRateHz());
            }
            case LATENCY -> new LatencyEncoder(c.latencyThreshold());
        };
    }
}
