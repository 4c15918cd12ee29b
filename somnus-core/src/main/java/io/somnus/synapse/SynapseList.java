package io.somnus.synapse;

import java.util.Arrays;

/** A growable list of (pre, post) index pairs produced by a {@link Connector}. */
public final class SynapseList {
    private int[] pre;
    private int[] post;
    private int size;

    public SynapseList(int capacity) {
        pre = new int[Math.max(4, capacity)];
        post = new int[Math.max(4, capacity)];
    }

    public void add(int i, int j) {
        if (size == pre.length) {
            pre = Arrays.copyOf(pre, size * 2);
            post = Arrays.copyOf(post, size * 2);
        }
        pre[size] = i;
        post[size] = j;
        size++;
    }

    public int size() {
        return size;
    }

    public int pre(int k) {
        return pre[k];
    }

    public int post(int k) {
        return post[k];
    }
}
