package io.somnus.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import me.tongfei.progressbar.ProgressBarRenderer;
import me.tongfei.progressbar.ProgressState;

/**
 * A bar's line that fits its columns: {@code train  42% [====>     ] 84/200 (elapsed 0:03, left 0:05) note}.
 * progressbar's own renderer gave the bar whatever its message left over, so a checkpoint's note ("readouts on 200 +
 * 50 images") shrank it to a character or none, and its times, {@code (0:00:03 / 0:00:05)}, said not which was which.
 * Here the bar keeps {@link #MIN_BAR} columns and the message is cut where the line would pass its columns ({@link
 * #cut}).
 */
final class BarRenderer implements ProgressBarRenderer {
    /** The fewest columns the bar itself keeps, however long the message beside it. */
    static final int MIN_BAR = 10;

    /** The bar's characters: brackets (with their colour codes, if any), the done part, its head, the rest. */
    enum Glyphs {
        ASCII("[", "]", '=', '>', ' '),
        /** progressbar's COLORFUL_UNICODE_BLOCK without its fractional heads: yellow, full blocks. */
        COLOURED_BLOCKS("\u001b[33m│", "│\u001b[0m", '█', '█', ' ');

        private final String left;
        private final String right;
        private final char done;
        private final char head;
        private final char rest;

        Glyphs(String left, String right, char done, char head, char rest) {
            this.left = left;
            this.right = right;
            this.done = done;
            this.head = head;
            this.rest = rest;
        }
    }

    private final Glyphs glyphs;
    /** After the counts, e.g. " runs"; "" for none. */
    private final String unit;
    /**
     * The time left, empty where unknown (then not shown: the sweep's message says why, in words); null: never shown.
     */
    private final Function<ProgressState, Optional<Duration>> left;
    /** Whether a message too long for the columns is cut (a terminal) or kept whole, the line longer (a log). */
    private final boolean cut;

    /**
     * @param left the time left from the bar's state, empty where unknown; null to show the elapsed time alone
     * @param cut  cut a long message with "…" at the columns (a terminal), or keep it whole (a log, so grep finds it)
     */
    BarRenderer(Glyphs glyphs, String unit, Function<ProgressState, Optional<Duration>> left, boolean cut) {
        this.glyphs = glyphs;
        this.unit = unit;
        this.left = left;
        this.cut = cut;
    }

    @Override
    public String render(ProgressState state, int columns) {
        // the count read once: the training moves it while this thread renders, and a line read "19% … 100/500"
        long current = state.getCurrent();
        long max = Math.max(1, state.getMax());
        double fraction = Math.min(1, Math.max(0, (double) current / max));
        String prefix = state.getTaskName() + " "
                + String.format(Locale.ROOT, "%3d%%", (int) (fraction * 100)) + " ";
        String times = "elapsed " + clock(state.getTotalElapsed())
                + (left == null ? "" : left.apply(state).map(d -> ", left " + clock(d)).orElse(""));
        String suffix = " " + current + "/" + state.getMax() + unit + " (" + times + ")";
        String message = state.getExtraMessage() == null || state.getExtraMessage().isEmpty() ? ""
                : " " + state.getExtraMessage();
        int fixed = prefix.length() + 2 + suffix.length(); // the brackets: one column each
        int room = columns - fixed - MIN_BAR; // for the message, the bar at its least
        if (cut && message.length() > room) {
            message = cut(message, room);
        }
        int width = Math.max(MIN_BAR, columns - fixed - message.length());
        return prefix + bar(fraction, width) + suffix + message;
    }

    /**
     * {@code message} in {@code room} columns: its first clause where that fits ("checkpoint 2/5" of "checkpoint 2/5:
     * readouts on 1000 + 500 images", as whole words read better than a cut), else cut with "…"; "" in under 2.
     */
    static String cut(String message, int room) {
        int clause = message.indexOf(": ");
        if (clause > 1 && clause <= room) {
            return message.substring(0, clause);
        }
        return room >= 2 ? message.substring(0, room - 1) + "…" : "";
    }

    /** The bar {@code width} columns wide, between its brackets. */
    private String bar(double fraction, int width) {
        int full = (int) (fraction * width);
        StringBuilder s = new StringBuilder(glyphs.left);
        s.append(String.valueOf(glyphs.done).repeat(full));
        if (full < width) {
            s.append(fraction > 0 ? glyphs.head : glyphs.rest);
            s.append(String.valueOf(glyphs.rest).repeat(width - full - 1));
        }
        return s.append(glyphs.right).toString();
    }

    /** M:SS under an hour, H:MM:SS from one on: the columns the hours took are the note's. */
    static String clock(Duration d) {
        long s = Math.max(0, d.getSeconds());
        return s < 3600 ? String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
