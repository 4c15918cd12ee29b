package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * train's bar on terminals 80 and 120 columns wide with a checkpoint's note beside it: progressbar's own line gave
 * the bar what the note left (1 to 6 columns) and was cut after "readouts on " at 80 columns; its times,
 * "(0:00:03 / 0:00:05)", said not which was elapsed and which left.
 */
class ProgressWidthTest {
    private static final String NOTE = "checkpoint 4/5: readouts on 200 + 50 images";

    @ParameterizedTest
    @ValueSource(ints = {80, 120})
    void aNoteLeavesTheBarReadableAndTheLineFitsTheTerminal(int columns) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Progress p = new Progress("train", 5, new PrintStream(bytes, true, StandardCharsets.UTF_8), true,
                columns - 1)) {
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
            assertTrue(line.endsWith("train · " + NOTE), "whole where it fits: " + line);
        } else {
            assertTrue(line.endsWith("…") && line.length() == columns - 1, "cut with … at the width: " + line);
        }
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
