package io.somnus.sg;

import io.somnus.core.GaussianDraws;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.random.RandomGenerator;

/**
 * A sleep episode's membrane noise drawn ahead on a second thread: the same draws from the same generator in the
 * same order as {@link GaussianDraws#fill} on the episode's own thread, handed over in chunks, so a run's numbers do
 * not depend on whether the helper ran.
 * <p>
 * Why: the draws are about a third of an episode's time and depend on nothing the episode computes, so another
 * core can draw while the episode's thread integrates the neurons and runs the STDP products. The count of draws
 * is known before the episode starts (steps × copies × neurons); the helper draws exactly that many, so the
 * generator ends where the episode's own draws would have left it. The generator must not be used by anyone else
 * until {@link #close()} returns (which joins the helper, so its state is visible afterwards).
 * <p>
 * Whether a helper runs is {@link SgThreading}'s choice.
 */
final class SgSleepNoiseAhead implements AutoCloseable {
    /** Draws per chunk handed over (64 KiB of floats: a few dozen microseconds of drawing). */
    static final int CHUNK = 16_384;
    private static final int CHUNKS = 4;
    private static final float[] FAILED = new float[0];

    private final BlockingQueue<float[]> full = new ArrayBlockingQueue<>(CHUNKS + 1);
    private final BlockingQueue<float[]> free = new ArrayBlockingQueue<>(CHUNKS);
    private final Thread helper;
    private volatile Throwable failure;
    private float[] chunk;
    private int position;
    private int length;
    /** Draws announced and not yet taken by {@link #fill}. */
    private long remaining;
    /** Draws not yet received in a chunk. */
    private long toReceive;

    /**
     * Starts drawing {@code draws} values from {@code noise} on a new thread.
     *
     * @param draws the episode's draws, all of which the caller must take through {@link #fill} before
     *              {@link #close()}
     */
    SgSleepNoiseAhead(RandomGenerator noise, long draws) {
        if (draws < 0) {
            throw new IllegalArgumentException("draws must be >= 0, got " + draws);
        }
        this.remaining = draws;
        this.toReceive = draws;
        for (int i = 0; i < CHUNKS; i++) {
            free.add(new float[CHUNK]);
        }
        SgThreading.handingOver();
        helper = new Thread(() -> draw(noise, draws), "somnus-sleep-noise");
        helper.setDaemon(true);
        helper.start();
    }

    private void draw(RandomGenerator noise, long draws) {
        try {
            for (long left = draws; left > 0; ) {
                float[] buffer = free.take();
                int n = (int) Math.min(CHUNK, left);
                GaussianDraws.fill(noise, buffer, 0, n);
                left -= n;
                full.put(buffer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the episode was abandoned
        } catch (Throwable t) {
            failure = t;
            full.offer(FAILED);
        }
    }

    /** {@code out[from..to)} = the next draws, as {@link GaussianDraws#fill} on the generator would give them. */
    void fill(float[] out, int from, int to) {
        if (to - from > remaining) {
            throw new IllegalStateException("the episode asked for more than the " + remaining
                    + " draws left of those it announced");
        }
        remaining -= to - from;
        int i = from;
        while (i < to) {
            if (position == length) {
                next();
            }
            int n = Math.min(to - i, length - position);
            System.arraycopy(chunk, position, out, i, n);
            position += n;
            i += n;
        }
    }

    private void next() {
        try {
            if (chunk != null) {
                free.put(chunk);
            }
            chunk = full.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the sleep noise", e);
        }
        if (chunk == FAILED) {
            throw new IllegalStateException("drawing the sleep noise failed: " + failure, failure);
        }
        position = 0;
        length = (int) Math.min(CHUNK, toReceive);
        toReceive -= length;
    }

    /** Stops the helper if the episode ended early, and waits for it (its draws are then visible). */
    @Override
    public void close() {
        helper.interrupt();
        boolean interrupted = false;
        while (true) {
            try {
                helper.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
