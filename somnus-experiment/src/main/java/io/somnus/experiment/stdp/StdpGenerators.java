package io.somnus.experiment.stdp;

import io.somnus.core.SplittableState;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * An STDP-SNN run's generators (connectivity, training input, sleep noise, wake noise), through which every part of
 * the run draws: each user asks for the generator at each use and keeps none, so that a snapshot can replace one by
 * its twin. Writing a snapshot takes each generator's state without reflection, from two draws
 * ({@link SplittableState#drain}, which spends it), and puts in its place a generator built in that state
 * ({@link SplittableState#rebuild}) that draws on what the spent one would have: the same numbers, and no
 * {@code --add-opens java.base/java.util} needed (a library user's plain {@code java -jar}). Reading one puts in
 * generators built in the snapshot's states. The snapshot holds each as its SplitMix64 seed and γ (docs/run-directory.md).
 */
final class StdpGenerators {
    /** In the order the snapshot holds them. */
    private static final String[] NAMES = {"connectivity", "training input", "sleep noise", "wake noise"};
    private final SplittableRandom[] g = new SplittableRandom[NAMES.length];
    private final long seed;
    /** The seeds of the frozen evaluations and of the readouts (drawn in the split order below). */
    final long evalSeed;
    final long readoutSeed;

    /** Split from the run's seed, one per consumer in a fixed order, so adding a consumer later shifts no other. */
    StdpGenerators(long seed) {
        this.seed = seed;
        SplittableRandom root = new SplittableRandom(seed);
        g[0] = root.split();
        g[1] = root.split();
        g[2] = root.split();
        evalSeed = root.split().nextLong();
        readoutSeed = root.split().nextLong();
        g[3] = root.split();
    }

    /** Whether a snapshot can take and put back the states on this JDK ({@link SplittableState#rebuildable()}). */
    static boolean recordable() {
        return SplittableState.rebuildable();
    }

    SplittableRandom connectivity() {
        return g[0];
    }

    SplittableRandom train() {
        return g[1];
    }

    SplittableRandom sleep() {
        return g[2];
    }

    SplittableRandom wakeNoise() {
        return g[3];
    }

    /** Writes each generator's seed and γ, replacing it by its twin (it is spent by being read). */
    void write(DataOutput out) throws IOException {
        for (int i = 0; i < g.length; i++) {
            long[] state = SplittableState.drain(g[i]);
            g[i] = SplittableState.rebuild(state[0], state[1]);
            out.writeLong(state[0]);
            out.writeLong(state[1]);
        }
    }

    /**
     * Puts the snapshot's states in place of the generators; a γ (fixed from a generator's creation) other than this
     * run's means another seed, refused. Nothing is replaced unless all four are this run's.
     */
    void read(DataInput in) throws IOException {
        long[][] states = new long[g.length][];
        for (int i = 0; i < g.length; i++) {
            states[i] = new long[] {in.readLong(), in.readLong()};
        }
        // this run's γs, read from generators split from the seed as these were (the run's own stay unspent)
        StdpGenerators fresh = new StdpGenerators(seed);
        for (int i = 0; i < g.length; i++) {
            if (states[i][1] != SplittableState.drain(fresh.g[i])[1]) {
                throw new IOException("the run's generators: the snapshot's " + NAMES[i]
                        + " generator is not this run's (another seed)");
            }
        }
        for (int i = 0; i < g.length; i++) {
            g[i] = SplittableState.rebuild(states[i][0], states[i][1]);
        }
    }
}
