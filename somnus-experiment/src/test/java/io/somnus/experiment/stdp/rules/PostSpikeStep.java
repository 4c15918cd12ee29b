package io.somnus.experiment.stdp.rules;

import io.somnus.neuron.SpikeHistory;
import io.somnus.synapse.Plasticity;
import io.somnus.synapse.Projection;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A rule of one's own for {@code ClassRulesTest}, loaded by name from a configuration: at each post spike, every
 * synapse onto the spiking neuron grows by {@code step} (unclamped but for the projection's bounds), so that a weight's
 * change is {@code step} times its post neuron's spike count. Keeps no resume snapshot.
 */
public final class PostSpikeStep implements Plasticity {
    /**
     * @param step     the growth per post spike (weight units), &gt;= 0
     * @param tauDummyMs a time constant (ms), only to check the names of two-capital components
     */
    public record Params(double step, double tauDummyMs) { }

    /** The instances built, last first: what a test reads back. */
    public static final Deque<PostSpikeStep> BUILT = new ConcurrentLinkedDeque<>();

    private final Params params;
    private final double dtMs;

    /** @throws IllegalArgumentException naming {@code step} when it is negative */
    public PostSpikeStep(Params params, double dtMs) {
        if (!(params.step() >= 0)) {
            throw new IllegalArgumentException("step must be >= 0, got " + params.step());
        }
        this.params = params;
        this.dtMs = dtMs;
        BUILT.push(this);
    }

    /** Its parameters as bound. */
    public Params params() {
        return params;
    }

    @Override
    public void apply(Projection projection, int step) {
        SpikeHistory post = projection.post().spikes();
        if (post.spikeCount() == 0) {
            return;
        }
        float[] w = projection.weights();
        int[] colStart = projection.colStart();
        int[] colSynapse = projection.colSynapse();
        for (int k = 0; k < post.spikeCount(); k++) {
            int j = post.spiked()[k];
            for (int c = colStart[j]; c < colStart[j + 1]; c++) {
                int s = colSynapse[c];
                w[s] = projection.clamp((float) (w[s] + params.step()));
            }
        }
    }

    @Override
    public String name() {
        return "post-spike-step";
    }

    @Override
    public double dtMs() {
        return dtMs;
    }
}
