package io.somnus.plasticity;

import io.somnus.encoding.SpikeTrain;
import io.somnus.neuron.SpikeSource;
import io.somnus.synapse.Plasticity;
import io.somnus.synapse.Projection;
import io.somnus.synapse.Receptor;
import io.somnus.synapse.SynapseList;
import java.util.SplittableRandom;

/** One pre source, one post source, one synapse; spikes at given steps; the rule applied every step. */
final class StdpHarness {
    private StdpHarness() {
    }

    static SpikeTrain train(int steps, int... at) {
        SpikeTrain t = new SpikeTrain();
        t.reset(steps);
        for (int s : at) {
            t.add(s, 0);
        }
        t.finish();
        return t;
    }

    /** One synapse from {@code pre}'s neuron 0 to {@code post}'s, of weight {@code w0} in [lo, hi], under {@code rule}. */
    static Projection oneSynapse(SpikeSource pre, SpikeSource post, Plasticity rule, float w0, float lo, float hi) {
        SynapseList syn = new SynapseList(1);
        syn.add(0, 0);
        return new Projection("p", pre, post, Receptor.EXCITATORY, syn, new float[] {w0}, lo, hi).withPlasticity(rule);
    }

    /** Returns the weight after {@code steps} steps. */
    static float run(Plasticity rule, float w0, float lo, float hi, int steps, int[] preSteps, int[] postSteps) {
        SpikeSource pre = new SpikeSource("pre", 1);
        SpikeSource post = new SpikeSource("post", 1);
        Projection p = oneSynapse(pre, post, rule, w0, lo, hi);
        pre.play(train(steps, preSteps));
        post.play(train(steps, postSteps));
        SplittableRandom rng = new SplittableRandom(1);
        for (int step = 0; step < steps; step++) {
            pre.integrate(step, 1.0, 0, rng);
            post.integrate(step, 1.0, 0, rng);
            p.plasticity().apply(p, step);
        }
        return p.weights()[0];
    }
}
