package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * train's bar on terminals 80 and 120 columns wide with a checkpoint's note beside it: progressbar's own line gave
 * the bar what the note left (1 to 6 columns) and was cut after "readouts on " at 80 columns; its times,
 * "(0:00:03 / 0:00:05)", said not which was elapsed and which left. At 80 columns the note then kept
 * "train · checkpoint …", its number cut off.
 */
class ProgressWidthTest {
    private static final String NOTE = "checkpoint 4/5: readouts on 200 + 50 images";

    @ParameterizedTest
    @ValueSource(ints = {80, 120})
    void aNoteLeavesTheBarReadableAndTheLineFitsTheTerminal(int columns) {
        AtomicLong now = new AtomicLong();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Progress p = new Progress("train", 5, new PrintStream(bytes, true, StandardCharsets.UTF_8), true,
                columns - 1, now::get)) {
            now.set(TimeUnit.SECONDS.toNanos(10)); // the warm-up's end, whose pace is not the training's (TimeLeft)
            p.update("train", 2, 5);
            now.set(TimeUnit.SECONDS.toNanos(12));
            p.update("train", 4, 5);
            p.note("train", NOTE);
        }
        List<String> screen = TerminalBarsTest.screen(bytes.toString(StandardCharsets.UTF_8));
        String line = screen.get(screen.size() - 1);
        assertTrue(line.length() <= columns - 1, line.length() + " columns: " + line);
        Matcher bar = Pattern.compile("\\[([=> ]*)\\]").matcher(line);
        assertTrue(bar.find(), line);
        assertTrue(bar.group(1).length() >= BarRenderer.MIN_BAR, "the bar's width: " + line);
        assertTrue(Pattern.compile("\\(elapsed \\d+:\\d\\d, left \\d+:\\d\\d\\)").matcher(line).find(),
                "the times named: " + line);
        if (columns == 120) {
            assertTrue(line.endsWith(") " + NOTE), "whole where it fits: " + line);
        } else {
            assertTrue(line.endsWith(") checkpoint 4/5"), "its first clause, whole, where the rest does not fit: " + line);
        }
    }

    /**
     * At 80 columns a checkpoint's note kept ≈ 20 characters ("train · checkpoint …"), and the time left grew all
     * through its evaluation: the clock here stands at 12 s for 4 of 5 images, 2 of them in the 2 s after the warm-up,
     * then a minute into the checkpoint.
     */
    @Test
    void theTimeLeftStandsStillThroughACheckpoint() {
        AtomicLong now = new AtomicLong();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Progress p = new Progress("train", 5, new PrintStream(bytes, true, StandardCharsets.UTF_8), true, 79,
                now::get)) {
            now.set(TimeUnit.SECONDS.toNanos(10));
            p.update("train", 2, 5);
            now.set(TimeUnit.SECONDS.toNanos(12));
            p.update("train", 4, 5);
            p.note("train", NOTE);
            now.set(TimeUnit.SECONDS.toNanos(72));
            p.note("train", NOTE); // drawn again, a minute on
        }
        List<String> screen = TerminalBarsTest.screen(bytes.toString(StandardCharsets.UTF_8));
        String line = screen.get(screen.size() - 1);
        assertTrue(line.contains("left 0:01)"), "1 s a image, 1 image to go: " + line);
    }

    /**
     * train --resume: the training goes on from its snapshot's image, 3 000 of 4 000; 10 images in the 10 s after the
     * warm-up (image 3 010 at 13 s), the bar's time left is 980 images at this process's 1 s each, 16:20 (it read
     * 0:03, the 3 000 images before the snapshot counted as done in no time). A checkpoint's note at 23 s draws it.
     */
    @Test
    void aResumedTrainingsTimeLeftIsAtThisProcesssPace() {
        AtomicLong now = new AtomicLong();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Progress p = new Progress("train", 4000, new PrintStream(bytes, true, StandardCharsets.UTF_8), true, 79,
                now::get).goesOnFrom("train", 3000)) {
            p.update("data", 0, 1);
            now.set(TimeUnit.SECONDS.toNanos(2));
            p.update("data", 1, 1);
            now.set(TimeUnit.SECONDS.toNanos(3));
            p.update("train", 3000, 4000);
            now.set(TimeUnit.SECONDS.toNanos(13));
            p.update("train", 3010, 4000);
            now.set(TimeUnit.SECONDS.toNanos(23));
            p.update("train", 3020, 4000);
            p.note("train", NOTE);
        }
        List<String> screen = TerminalBarsTest.screen(bytes.toString(StandardCharsets.UTF_8));
        String line = screen.get(screen.size() - 1);
        assertTrue(line.contains("left 16:20)"), "980 images at 1 s each: " + line);
    }

    /** The first clause where it fits, else a cut with "…"; nothing in under two columns. */
    @Test
    void aMessageIsCutAtItsFirstClauseWhereThatFits() {
        assertEquals(" checkpoint 2/5", BarRenderer.cut(" checkpoint 2/5: readouts on 300 + 100 images", 20));
        assertEquals(" checkp…", BarRenderer.cut(" checkpoint 2/5: readouts on 300 + 100 images", 8));
        assertEquals(" run-1 train, fr…", BarRenderer.cut(" run-1 train, from image 41 of 100", 17));
        assertEquals("", BarRenderer.cut(" checkpoint 2/5: readouts", 1));
    }

    /** In a log (not a terminal), the note is kept whole however long, so grep finds it. */
    @Test
    void aLogKeepsTheNoteWhole() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Progress p = new Progress("train", 5, new PrintStream(bytes, true, StandardCharsets.UTF_8), false)) {
            p.update("train", 4, 5);
            p.note("train", NOTE + " " + "x".repeat(80));
        }
        String log = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(log.lines().anyMatch(l -> l.endsWith(NOTE + " " + "x".repeat(80))), log);
        assertEquals(-1, log.indexOf('…'), log);
    }
}
