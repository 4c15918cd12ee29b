package io.somnus.sg;

/** Receives progress from {@link SgTrainer#train}. Called on the training thread; keep it quick. */
public interface SgListener {
    /** A listener that ignores everything. */
    SgListener NONE = e -> { };

    /** Once the network is initialised, before the first epoch ({@link SgTrainer#weights()} gives its weights). */
    default void onStart() {
    }

    /** After every epoch (its training, its sleep if any, and its validation). */
    void onEpoch(SgEpoch epoch);

    /** After every sleep episode, before the epoch's {@link #onEpoch}. */
    default void onSleepEpisode(SgSleepEpisode episode) {
    }

    /**
     * Whether {@link #onCheckpoint} should be called after every epoch (copying the whole training state each time).
     */
    default boolean wantsCheckpoints() {
        return false;
    }

    /**
     * After every epoch's {@link #onEpoch}, when {@link #wantsCheckpoints()}: everything the rest of the run depends
     * on, from which {@link SgTrainer#train(io.somnus.data.LabeledImages, io.somnus.data.LabeledImages, SgConfig,
     * java.util.SplittableRandom, SgListener, SgCheckpoint)} goes on as if never stopped.
     */
    default void onCheckpoint(SgCheckpoint checkpoint) {
    }

    /** Whether {@link SgSleepEpisode} should carry copies of the weights before and after the episode. */
    default boolean wantsWeightSnapshots() {
        return false;
    }
}
