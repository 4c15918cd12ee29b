package io.somnus.synapse;

import io.somnus.core.NumberText;
import io.somnus.neuron.Population;
import java.util.random.RandomGenerator;

/** Decides which pre→post pairs are connected (PyNN's connectors). */
public interface Connector {
    /**
     * Lists the synapses as (pre, post) pairs in any order.
     *
     * @param samePopulation true when pre and post are the same population (self-connections are then
     *                       excluded unless the connector allows them)
     */
    SynapseList connect(int preSize, int postSize, boolean samePopulation, RandomGenerator rng);

    /**
     * Lists the synapses from {@code pre} to {@code post} (PyNN's {@code Projection(pre, post, connector)}): the sizes
     * of the two, and {@code samePopulation} when they are one population, so that it has no self-connections.
     */
    default SynapseList connect(Population pre, Population post, RandomGenerator rng) {
        return connect(pre.size(), post.size(), pre == post, rng);
    }

    /** Every pre to every post (but no self-connection within one population), pre by pre in post order. */
    static Connector allToAll() {
        return (nPre, nPost, same, rng) -> {
            if (!same) {
                return SynapseList.allToAll(nPre, nPost);
            }
            if (nPre != nPost) {
                throw new IllegalArgumentException("all-to-all within one population needs equal sizes, got " + nPre + " and " + nPost);
            }
            return SynapseList.allButSelf(nPre);
        };
    }

    /** Pre i to post i; sizes must match. */
    static Connector oneToOne() {
        return (nPre, nPost, same, rng) -> {
            if (nPre != nPost) {
                throw new IllegalArgumentException("one-to-one connector needs equal sizes, got " + nPre + " and " + nPost);
            }
            SynapseList s = new SynapseList(nPre);
            for (int i = 0; i < nPre; i++) {
                s.add(i, i);
            }
            return s;
        };
    }

    /**
     * Every pre to every post except post i from pre i (Diehl &amp; Cook's lateral inhibition), pre by pre in post
     * order; sizes must match.
     */
    static Connector allButSelf() {
        return (nPre, nPost, same, rng) -> {
            if (nPre != nPost) {
                throw new IllegalArgumentException("all-but-self connector needs equal sizes, got " + nPre + " and " + nPost);
            }
            return SynapseList.allButSelf(nPre);
        };
    }

    /** Each pair independently with probability {@code p} (Bernoulli; no self-connection within one population). */
    static Connector fixedProbability(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("connection probability must be in [0, 1], got " + NumberText.of(p));
        }
        return (nPre, nPost, same, rng) -> {
            SynapseList s = new SynapseList((int) Math.min(Integer.MAX_VALUE - 8, (long) (nPre * (double) nPost * p * 1.1) + 16));
            for (int i = 0; i < nPre; i++) {
                for (int j = 0; j < nPost; j++) {
                    if (!(same && i == j) && rng.nextDouble() < p) {
                        s.add(i, j);
                    }
                }
            }
            return s;
        };
    }
}
