package io.somnus.spark.rules;

import io.somnus.synapse.Plasticity;
import io.somnus.synapse.Projection;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A rule of one's own for {@code SparkSweepEngineTest}, on the test class path as a researcher's jar would be on an
 * executor's: at each post spike, the weights onto the spiking neuron shrink by {@code factor} (clipped to the bounds),
 * so that its runs differ from the preset's.
 */
public final class ShrinkRule implements Plasticity {
    /** @param factor what a weight onto a spiking post neuron is multiplied by, in (0, 1] */
    public record Params(double factor) { }

    /** The post spikes every instance in this JVM was applied to (local mode: the executors are this JVM). */
    public static final AtomicLong POST_SPIKES = new AtomicLong();

    private final Params params;
    private final double dtMs;

    public ShrinkRule(Params params, double dtMs) {
        if (!(params.factor() > 0 && params.factor() <= 1)) {
            throw new IllegalArgumentException("factor must be in (0, 1], got " + params.factor());
        }
        this.params = params;
        this.dtMs = dtMs;
    }

    @Override
    public void apply(Projection projection, int step) {
        var post = projection.post().spikes();
        float[] w = post.spikeCount() == 0 ? null : projection.weights();
        for (int k = 0; k < post.spikeCount(); k++) {
            int j = post.spiked()[k];
            for (int c = projection.colStart()[j]; c < projection.colStart()[j + 1]; c++) {
                int s = projection.colSynapse()[c];
                w[s] = projection.clamp((float) (w[s] * params.factor()));
            }
        }
        POST_SPIKES.addAndGet(post.spikeCount());
    }

    @Override
    public String name() {
        return "shrink";
    }

    @Override
    public double dtMs() {
        return dtMs;
    }
}
