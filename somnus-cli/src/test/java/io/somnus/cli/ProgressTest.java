package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The bar of a run: a new phase starts with its own name, total and clock. */
class ProgressTest {
    @Test
    void aNewPhaseIsDrawnWithItsOwnNameAndTotal() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        String out;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try (Progress p = new Progress("train", 10)) { // no console in tests: lines, not a redrawn bar
                p.update("train", 10, 10);
                p.update("evaluate", 0, 5);
                p.update("evaluate", 2, 5);
            }
        } finally {
            System.setErr(err);
        }
        out = captured.toString(StandardCharsets.UTF_8);
        // the reset that restarts the clock draws the bar at once: with the new phase's name and total set first it
        // shows 0/5 evaluate (set after, it drew 0/10 train). The bar's own timer also draws, at moments a test cannot
        // choose, so only the lines the updates draw themselves are checked.
        boolean resetLine = false;
        boolean phaseEnd = false;
        for (String line : out.split("\\R")) {
            resetLine |= line.contains(" 0/5 ") && line.contains("evaluate");
            // a phase's last state is drawn before the next phase replaces it, also where the bar draws a line every
            // few seconds only (its timer's first line comes seconds later, so this one is the update's)
            phaseEnd |= !resetLine && line.contains("10/10") && line.contains("train");
        }
        assertTrue(resetLine, "no line of the new phase at 0/5: " + out);
        assertTrue(phaseEnd, "the training phase ends without its line at 10/10: " + out);
        String[] lines = out.strip().split("\\R");
        String last = lines[lines.length - 1];
        assertTrue(last.contains(" 2/5 ") && last.contains("evaluate"), "the last line: " + out);
    }

    /** In a log, the bar's closing drew its last line again: every run's log ended with the same 100 % line twice. */
    @Test
    void aLogHasNoLineTwiceInARow() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try (Progress p = new Progress("train", 10)) {
                p.update("train", 10, 10);
                p.note("train", "checkpoint 1/1: readouts");
                p.note("train", "checkpoint 1/1: readouts");
            }
        } finally {
            System.setErr(err);
        }
        String[] lines = captured.toString(StandardCharsets.UTF_8).strip().split("\\R");
        // the note draws its line at once and the closing draws it again (which lines the bar's timer adds is not the
        // test's to choose)
        for (int i = 1; i < lines.length; i++) {
            assertTrue(!lines[i].equals(lines[i - 1]),
                    "line " + (i + 1) + " repeats the one before:\n" + String.join("\n", lines));
        }
        assertTrue(lines[lines.length - 1].contains("10/10") && lines[lines.length - 1].contains("checkpoint 1/1"),
                String.join("\n", lines));
    }

    @Test
    void aNoteIsDrawnAtOnceBesideThePhaseAndItsNextUpdateEndsIt() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try (Progress p = new Progress("train", 10)) {
                p.update("train", 4, 10);
                p.note("evaluate", "not this phase's");
                p.note("train", "checkpoint 1/2: readouts");
                p.update("train", 5, 10);
                p.update("evaluate", 0, 5); // a new phase: the reset draws its line at once
            }
        } finally {
            System.setErr(err);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        boolean noteLine = false;
        for (String line : out.split("\\R")) {
            noteLine |= line.contains(" 4/10 ") && line.endsWith(") checkpoint 1/2: readouts");
            assertTrue(!line.contains("not this phase's"), "another phase's note: " + out);
            assertTrue(!line.contains(" 5/10 ") || !line.contains("checkpoint"), "the note outlives it: " + out);
        }
        assertTrue(noteLine, "no line with the note at 4/10: " + out);
    }

    /**
     * A note at a count the bar has drawn already is drawn too: progressbar's refresh() draws only where the count
     * moved since its last drawing, so the second note at 4/10 (the first one's drawing was the last) was not shown,
     * nor a first one where the bar's timer had drawn 4/10 before it (a loaded machine: the test above failed so).
     */
    @Test
    void aNoteAtACountAlreadyDrawnIsDrawn() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (Progress p = new Progress("train", 10, new PrintStream(captured, true, StandardCharsets.UTF_8), false)) {
            p.update("train", 4, 10);
            p.note("train", "checkpoint 1/2: readouts");
            p.note("train", "checkpoint 1/2: test images");
            p.update("train", 5, 10); // ends the note: the bar's closing line does not show it
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertTrue(out.lines().anyMatch(line -> line.contains(" 4/10 ") && line.endsWith(") checkpoint 1/2: test "
                + "images")), "the second note at 4/10 was not drawn: " + out);
    }

    /** netlib-java's INFO line, once per JVM at the first SG-SNN product, used to break into the bar. */
    @Test
    void theBlasLibrarysInfoLineIsNotLoggedByTheProgram() {
        Logger builder = Logger.getLogger("dev.ludovic.netlib.blas.InstanceBuilder");
        SomnusCli.commandLine();
        assertTrue(!builder.isLoggable(Level.INFO), "netlib's INFO would be printed");
        assertTrue(builder.isLoggable(Level.WARNING), "netlib's warnings would be lost");
    }

    /**
     * On a terminal (faked: a byte stream), a line said while the bar is live ("made by another process", the
     * interrupt notice) shows above the bar, which is drawn again below it: printed straight to stderr, the bar's next
     * redraw wrote over it.
     */
    @Test
    void onATerminalALineSaidShowsAboveTheBar() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String said = "somnus: runs/x was made by another process; this run is in runs/x-2"; // < 80 columns
        try (Progress p = new Progress("train", 10, new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
             InterruptNotice notice = new InterruptNotice("it goes on with --resume")) {
            p.update("train", 3, 10);
            p.note("train", "checkpoint 1/2: readouts"); // drawn at once
            p.say(said);
            assertTrue(bytes.toString(StandardCharsets.UTF_8).contains(said), "said at once");
            notice.sayThrough(p::say);
            notice.sayNow();
            p.note("train", "checkpoint 2/2: readouts"); // the bar's redraw stays on its own line
        }
        List<String> screen = TerminalBarsTest.screen(bytes.toString(StandardCharsets.UTF_8));
        String all = String.join("\n", screen);
        int at = screen.indexOf(said);
        int notice = screen.indexOf("somnus: interrupted; it goes on with --resume");
        assertTrue(at >= 0 && notice > at, all);
        assertEquals(notice + 2, screen.size(), "the bar alone below the notice: " + all);
        assertTrue(screen.get(notice + 1).startsWith("train") && screen.get(notice + 1).contains("checkpoint 2/2"), all);
    }
}
