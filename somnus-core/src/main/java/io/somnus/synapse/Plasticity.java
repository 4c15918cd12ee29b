package io.somnus.synapse;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;


/**
 * A synaptic plasticity rule applied event by event. Within a step, the network calls {@link #apply}
 * after every population has integrated and emitted its spikes. Rules process the presynaptic spikes of
 * the step first and the postsynaptic ones second (Brian2's order of {@code on_pre} and
 * {@code on_post}): a pre and a post spike in the same step count as pre-before-post with Δt = 0.
 *
 * <p>A rule of one's own (e.g. the examples' {@code PfisterTripletStdp}; README, "Your own rule, your own neuron")
 * implements {@link #apply}, {@link #name} and {@link #dtMs}, and usually {@link #attach} (size its traces, refuse a
 * second projection) and {@link #resetState} (forget them). What it reads at {@code apply(projection, step)}: the pre
 * spikes as they reach the synapses, {@link Projection#preSpikes()}, and the post population's,
 * {@code projection.post().spikes()} (this step's spiking neurons, each neuron's last and previous spike step, in
 * network steps of {@link #dtMs} ms: time = step·dt); pre neuron i's synapses {@code s} in
 * {@code [rowStart()[i], rowStart()[i + 1])} with post neuron {@code postIndex()[s]}, and post neuron j's in
 * {@code colSynapse()[colStart()[j] .. colStart()[j + 1])} with pre neuron {@code colPre()} at the same place; the
 * weights, {@link Projection#weights()} (in the post population's input unit), and their bounds,
 * {@link Projection#clamp}. Steps count from 0 again after the network's {@code resetState()}, which calls the rule's
 * {@link #resetState}. The other methods have defaults that refuse what a rule cannot do (a delay per synapse, the
 * authors' stream modes, resume snapshots).
 */
public interface Plasticity {
    /**
     * Applies the rule to {@code projection}'s weights for the spikes of step {@code step} (counted from 0 at the
     * network's last reset), after every population has emitted that step's spikes; in place, on the
     * network's thread.
     */
    void apply(Projection projection, int step);

    /** A short name, e.g. {@code nearest-pair}, {@code triplet}. */
    String name();

    /** The time step (ms) its time constants were tabulated for: the network's, which {@code Network} checks. */
    double dtMs();

    /**
     * Whether the rule updates before the projection delivers this step's spikes (false: after). A rule that
     * reads neither the delivered input nor another projection's weights may do either; the order decides
     * which weights this step's spikes are delivered with.
     */
    default boolean updatesBeforeDelivery() {
        return false;
    }

    /**
     * Called when the rule is given to {@code projection} ({@link Projection#withPlasticity}), before any
     * {@link #apply}: a rule that keeps state of its projection's neurons takes their number here, and refuses a
     * projection it cannot serve (e.g. a second one) with a message naming it.
     */
    default void attach(Projection projection) {
    }

    /**
     * Whether the rule follows a projection's delay per synapse ({@link Projection#withSynapseDelays}), reading each
     * synapse's presynaptic arrivals from {@link SynapseDelays#arrivals}; a rule that reads one arrival time per pre
     * neuron ({@link Projection#preSpikes()}) is refused on such a projection.
     */
    default boolean followsSynapseDelays() {
        return false;
    }

    /**
     * Forgets the spikes this rule keeps state of (traces held between steps), as the network's {@code resetState()}
     * forgets spike times; nothing for rules that read only the populations' spike times.
     */
    default void resetState() {
    }

    /**
     * Leaves the spikes of step {@code step} out of the next {@link #apply} (at step + 1): the synapses of the pre
     * neurons ({@code pre}) and of the post neurons ({@code post}) that spiked then are not visited for those spikes,
     * though their spike times stand ({@link io.somnus.network.Network#dropLastStepSpikes}). Only a rule that reads
     * the last step's spikes at the next step can leave them out; the others refuse.
     */
    default void dropSpikesOf(Projection projection, int step, boolean pre, boolean post) {
        if (pre || post) {
            throw new UnsupportedOperationException("projection " + projection.name() + ": the " + name() + " rule "
                    + "takes each spike into account at the step it is emitted, so it cannot leave out the last step's "
                    + "spikes (only since-last-spike reads them a step later)");
        }
    }

    /**
     * The pre population's spikes now listed ({@code projection.pre().spikes().spiked()}) were emitted without a spike
     * time, at the end of step {@code step}: the next {@link #apply} (at step + 1) visits their synapses as for spikes of
     * {@code step}, with the pre neurons' spike times as they stand ({@link io.somnus.network.Network#presentContinuing
     * (io.somnus.encoding.SpikeTrain, boolean, double, java.util.random.RandomGenerator, boolean, boolean)}: the authors'
     * input row 0, which their update at t = 1 visits and which never enters their spike_times). Only a rule that reads
     * the last step's spikes at the next step can; the others refuse.
     */
    default void visitUntimedPreSpikes(Projection projection, int step) {
        throw new UnsupportedOperationException("projection " + projection.name() + ": the " + name() + " rule takes "
                + "each spike at the step it is emitted, with its time, so it cannot visit spikes that have none (only "
                + "since-last-spike reads them a step later)");
    }

    /**
     * Writes the rule's state for {@code projection} (its traces, the spikes it still has to visit, its buffers) for
     * a resume snapshot, so that {@link #readState} into the same rule of a network built from the same configuration
     * goes on to the same bits. A rule without it cannot be snapshotted.
     */
    default void writeState(Projection projection, DataOutput out) throws IOException {
        throw new UnsupportedOperationException("the " + name() + " rule of projection " + projection.name()
                + " keeps no resume snapshot");
    }

    /** Reads what {@link #writeState} wrote. */
    default void readState(Projection projection, DataInput in) throws IOException {
        throw new UnsupportedOperationException("the " + name() + " rule of projection " + projection.name()
                + " keeps no resume snapshot");
    }
}
