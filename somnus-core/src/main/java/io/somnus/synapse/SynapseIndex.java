package io.somnus.synapse;

import java.util.Arrays;

/**
 * A projection's index arrays beyond its row and column starts: each synapse's post and pre neuron (in synapse order,
 * CSR) and the column lists (CSC: each post neuron's incoming synapse ids and their pre neurons). Listed synapses have
 * them from the start. A regular shape ({@link SynapseList.Shape}) builds them on first use, as its propagation, STDP,
 * normalisation and sleep compute synapse ids instead: N_e = 6 400's all-but-self inhibition, which no rule changes,
 * would otherwise hold 0.66 GB of them. Shared by the projections that share one weight array.
 */
final class SynapseIndex {
    /** Bytes the lists take per synapse: four ints. */
    static final int BYTES_PER_SYNAPSE = 4 * Integer.BYTES;

    /** The arrays, published together. */
    record Lists(int[] postIndex, int[] preIndex, int[] colSynapse, int[] colPre) { }

    /** The regular pairs (the index's own, which no caller can add to), or null when listed. */
    private final SynapseList regular;
    private final int[] colStart;
    private volatile Lists lists;

    /** Lists built now from a projection's synapses in synapse order. */
    static SynapseIndex listed(int[] postIndex, int[] preIndex, int[] colStart) {
        SynapseIndex index = new SynapseIndex(null, colStart);
        index.lists = columns(postIndex, preIndex, colStart);
        return index;
    }

    /** Lists built when first asked for, from the pairs of a regular shape in synapse order. */
    static SynapseIndex regular(SynapseList.Shape shape, int preSize, int postSize, int[] colStart) {
        SynapseList pairs = shape == SynapseList.Shape.ALL_TO_ALL ? SynapseList.allToAll(preSize, postSize)
                : SynapseList.allButSelf(preSize);
        return new SynapseIndex(pairs, colStart);
    }

    private SynapseIndex(SynapseList regular, int[] colStart) {
        this.regular = regular;
        this.colStart = colStart;
    }

    Lists lists() {
        Lists l = lists;
        if (l == null) {
            synchronized (this) {
                l = lists;
                if (l == null) {
                    int n = regular.size();
                    int[] postIndex = new int[n];
                    int[] preIndex = new int[n];
                    for (int s = 0; s < n; s++) {
                        postIndex[s] = regular.post(s);
                        preIndex[s] = regular.pre(s);
                    }
                    l = columns(postIndex, preIndex, colStart);
                    lists = l;
                }
            }
        }
        return l;
    }

    /** The pre neuron of synapse {@code s}: a regular shape's without building the lists. */
    int pre(int s) {
        return regular != null ? regular.pre(s) : lists().preIndex()[s];
    }

    /** The post neuron of synapse {@code s}, as {@link #pre}. */
    int post(int s) {
        return regular != null ? regular.post(s) : lists().postIndex()[s];
    }

    /** Whether the lists are held. */
    boolean built() {
        return lists != null;
    }

    /** Each post neuron's incoming synapse ids in synapse order, and their pre neurons. */
    private static Lists columns(int[] postIndex, int[] preIndex, int[] colStart) {
        int n = postIndex.length;
        int[] colSynapse = new int[n];
        int[] colFill = Arrays.copyOf(colStart, colStart.length - 1);
        for (int s = 0; s < n; s++) {
            colSynapse[colFill[postIndex[s]]++] = s;
        }
        int[] colPre = new int[n];
        for (int c = 0; c < n; c++) {
            colPre[c] = preIndex[colSynapse[c]];
        }
        return new Lists(postIndex, preIndex, colSynapse, colPre);
    }
}
