package io.somnus.synapse;

import java.util.Arrays;

/**
 * The (pre, post) index pairs produced by a {@link Connector}: a growable list, or one of two regular shapes given by
 * their sizes alone (every pre to every post; every pre to every post but itself), whose pairs are computed when asked
 * for, pre by pre in post order. A regular list holds no pairs: N_e = 6 400's all-but-self inhibition has 41 million.
 */
public final class SynapseList {
    /** How the pairs are known. */
    public enum Shape {
        /** Stored pair by pair, in the order added. */
        LISTED,
        /** Pair k is (k / post, k mod post). */
        ALL_TO_ALL,
        /** Pre = post = n: pre i reaches posts 0..i−1 and i+1..n−1, so pair k is in row k / (n − 1). */
        ALL_BUT_SELF
    }

    private Shape shape;
    private final int preSize;
    private final int postSize;
    private int[] pre;
    private int[] post;
    private int size;

    /** An empty list of (pre, post) pairs, to be given by {@link #add}; {@code capacity}: pairs room is made for. */
    public SynapseList(int capacity) {
        shape = Shape.LISTED;
        preSize = -1;
        postSize = -1;
        pre = new int[Math.max(4, capacity)];
        post = new int[Math.max(4, capacity)];
    }

    private SynapseList(Shape shape, int preSize, int postSize, long size) {
        if (preSize < 0 || postSize < 0 || size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(shape + " synapses between " + preSize + " and " + postSize
                    + " neurons: " + size + " synapses are more than one array holds");
        }
        this.shape = shape;
        this.preSize = preSize;
        this.postSize = postSize;
        this.size = (int) size;
    }

    /** Every one of {@code preSize} neurons to every one of {@code postSize}. */
    public static SynapseList allToAll(int preSize, int postSize) {
        return new SynapseList(Shape.ALL_TO_ALL, preSize, postSize, (long) preSize * postSize);
    }

    /** Within one population of {@code n}: every neuron to every other. */
    public static SynapseList allButSelf(int n) {
        return new SynapseList(Shape.ALL_BUT_SELF, n, n, n < 1 ? 0 : (long) n * (n - 1));
    }

    /** Whether the pairs are listed one by one or form a regular shape (all-to-all, all-but-self). */
    public Shape shape() {
        return shape;
    }

    /**
     * The regular shape of these pairs between populations of these sizes, or {@link Shape#LISTED} where the list is
     * not regular or was made for other sizes (all-but-self from two neurons up, where its rows are two runs).
     */
    Shape shapeBetween(int preNeurons, int postNeurons) {
        boolean sized = preSize == preNeurons && postSize == postNeurons;
        return switch (shape) {
            case ALL_TO_ALL -> sized ? shape : Shape.LISTED;
            case ALL_BUT_SELF -> sized && postNeurons >= 2 ? shape : Shape.LISTED;
            case LISTED -> Shape.LISTED;
        };
    }

    /**
     * Appends the synapse from pre neuron {@code i} to post neuron {@code j}; a regular list becomes a listed one
     * first (its pairs stored).
     *
     * @throws IllegalArgumentException for a negative neuron index
     */
    public void add(int i, int j) {
        if (i < 0 || j < 0) {
            throw new IllegalArgumentException("synapse " + size + " (pre " + i + ", post " + j
                    + "): neuron indices must be >= 0");
        }
        if (shape != Shape.LISTED) {
            list();
        }
        if (size == pre.length) {
            pre = Arrays.copyOf(pre, size * 2);
            post = Arrays.copyOf(post, size * 2);
        }
        pre[size] = i;
        post[size] = j;
        size++;
    }

    private void list() {
        int[] p = new int[Math.max(4, size + 1)];
        int[] q = new int[p.length];
        for (int k = 0; k < size; k++) {
            p[k] = pre(k);
            q[k] = post(k);
        }
        pre = p;
        post = q;
        shape = Shape.LISTED;
    }

    /** The number of synapses. */
    public int size() {
        return size;
    }

    /** The pre neuron of synapse {@code k}. */
    public int pre(int k) {
        return switch (shape) {
            case LISTED -> pre[k];
            case ALL_TO_ALL -> k / postSize;
            case ALL_BUT_SELF -> k / (postSize - 1);
        };
    }

    /** The post neuron of synapse {@code k}. */
    public int post(int k) {
        return switch (shape) {
            case LISTED -> post[k];
            case ALL_TO_ALL -> k % postSize;
            case ALL_BUT_SELF -> {
                int i = k / (postSize - 1);
                int j = k - i * (postSize - 1);
                yield j < i ? j : j + 1;
            }
        };
    }
}
