package io.somnus.cli.rules;

import io.somnus.synapse.Plasticity;
import io.somnus.synapse.Projection;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A rule of one's own for {@code ClassRuleTrainTest}: counts the post spikes it is applied to and, at each, shrinks the
 * weights onto the spiking neuron by {@code factor} (clipped to the bounds), so that its run differs from the preset's.
 */
public final class CountingRule implements Plasticity {
    /** @param factor what a weight onto a spiking post neuron is multiplied by, in (0, 1] */
    public record Params(double factor) { }

    /** The post spikes every instance was applied to, and the last parameters given. */
    public static final AtomicLong POST_SPIKES = new AtomicLong();
    public static volatile Params last;

    private final Params params;
    private final double dtMs;

    public CountingRule(Params params, double dtMs) {
        if (!(params.factor() > 0 && params.factor() <= 1)) {
            throw new IllegalArgumentException("factor must be in (0, 1], got " + params.factor());
        }
        this.params = params;
        this.dtMs = dtMs;
        last = params;
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
        return "counting";
    }

    @Override
    public double dtMs() {
        return dtMs;
    }
}
