package me.tongfei.progressbar;

import java.time.Duration;

/**
 * A bar's state whose count moves on between two reads, as the training thread moves it while the bar's own thread
 * renders (the library's constructor is package-private: hence this package).
 */
public final class AdvancingState extends ProgressState {
    private long current;

    /** A state of task {@code task} out of {@code max}, its first read {@code first}, each read after it one more. */
    public AdvancingState(String task, long first, long max) {
        super(task, max, 0, Duration.ZERO);
        this.current = first;
    }

    @Override
    public synchronized long getCurrent() {
        return current++;
    }
}
