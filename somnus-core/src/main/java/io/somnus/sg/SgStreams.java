package io.somnus.sg;

import io.somnus.core.SplittableState;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The four generators a run's epochs draw from, split in this order: the shuffle of each epoch, the input encoding
 * during training, the sleep decision of each epoch and the sleep noise. A checkpoint reads each one's state and puts
 * its twin in its place ({@link SplittableState#drain}), so whoever draws takes the generator that is there now.
 */
final class SgStreams {
    private static final int SHUFFLE = 0;
    private static final int ENCODING = 1;
    private static final int SLEEP_DECISION = 2;
    private static final int SLEEP_NOISE = 3;

    private final SplittableRandom[] streams;

    /** Splits the four streams off {@code rng}, in the order of the class comment. */
    SgStreams(SplittableRandom rng) {
        streams = new SplittableRandom[SgCheckpoint.GENERATORS];
        for (int g = 0; g < streams.length; g++) {
            streams[g] = rng.split();
        }
    }

    /** The input encoding's generator now. */
    SplittableRandom encoding() {
        return streams[ENCODING];
    }

    /** The sleep noise's generator now. */
    SplittableRandom sleepNoise() {
        return streams[SLEEP_NOISE];
    }

    /** The sleep decisions' generator: the schedule holds this, which draws on whichever generator is there now. */
    RandomGenerator sleepDecision() {
        return new Current(streams, SLEEP_DECISION);
    }

    /**
     * Fisher–Yates shuffle of {@code order} on the shuffle's generator. A method of its own, so that its loop (one pass
     * per image; as the loop that would fill {@code order}) does not make the JIT compile {@link SgTrainer#train}: that
     * long method was compiled again and again over a sweep's runs (≈ 6 CPU-s of C2 time in the quick study), while
     * all it calls that matters is compiled on its own anyway.
     */
    void shuffle(int[] order) {
        SplittableRandom rng = streams[SHUFFLE];
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
    }

    /**
     * Each generator's SplitMix64 seed and γ, as {@code {seeds, gammas}}, for a checkpoint; each is replaced by its
     * twin, which draws on as it would have (read without reflection: no --add-opens needed).
     */
    long[][] checkpoint() {
        long[] seeds = new long[streams.length];
        long[] gammas = new long[streams.length];
        for (int g = 0; g < streams.length; g++) {
            long[] state = SplittableState.drain(streams[g]);
            streams[g] = SplittableState.rebuild(state[0], state[1]);
            seeds[g] = state[0];
            gammas[g] = state[1];
        }
        return new long[][] {seeds, gammas};
    }

    /**
     * Refuses a checkpoint of another seed (its γs are not these generators'), then puts its generators in their
     * places.
     */
    void restore(long[] seeds, long[] gammas) {
        for (int g = 0; g < streams.length; g++) {
            if (gammas[g] != SplittableState.drain(streams[g])[1]) { // spent: replaced below
                throw new IllegalArgumentException("the checkpoint's generator " + g + " is not this run's: another seed");
            }
        }
        for (int g = 0; g < streams.length; g++) {
            streams[g] = SplittableState.rebuild(seeds[g], gammas[g]);
        }
    }

    /**
     * Draws on {@code streams[index]}, whichever generator is there now (a checkpoint puts a twin in its place). Each
     * method draws as SplittableRandom's own does.
     */
    private static final class Current implements RandomGenerator {
        private final SplittableRandom[] streams;
        private final int index;

        Current(SplittableRandom[] streams, int index) {
            this.streams = streams;
            this.index = index;
        }

        @Override
        public long nextLong() {
            return streams[index].nextLong();
        }

        @Override
        public int nextInt() {
            return streams[index].nextInt();
        }

        @Override
        public int nextInt(int bound) {
            return streams[index].nextInt(bound);
        }

        @Override
        public double nextDouble() {
            return streams[index].nextDouble();
        }

        @Override
        public boolean nextBoolean() {
            return streams[index].nextBoolean();
        }

        @Override
        public float nextFloat() {
            return streams[index].nextFloat();
        }

        @Override
        public double nextGaussian() {
            return streams[index].nextGaussian();
        }
    }
}
