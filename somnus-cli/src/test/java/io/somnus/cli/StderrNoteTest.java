package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A long note on terminals 80 and 120 columns wide, and in a log. */
class StderrNoteTest {
    private static final String NOTE = "somnus: note: the frozen network will see 2400 images (5 checkpoints, 200 "
            + "readout and 50 validation images each, and 1000 test images), 8.0× the 300 it trains on; a checkpoint's "
            + "readout costs as much as training on as many images, so evaluation_interval or evaluation.images "
            + "shorten the run where its curve is not needed at every checkpoint";

    /** Each line fits, no word is broken, and the words in order are the note's. */
    @ParameterizedTest
    @ValueSource(ints = {80, 120})
    void aTerminalWrapsTheNoteAtWordBoundaries(int columns) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StderrNote.say(new PrintStream(bytes, true, StandardCharsets.UTF_8), NOTE, columns - 1);
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.size() > 1, lines.toString());
        for (String l : lines) {
            assertTrue(l.length() <= columns - 1, l.length() + ": " + l);
        }
        List<String> words = lines.stream().flatMap(l -> List.of(l.trim().split(" ")).stream()).toList();
        assertEquals(List.of(NOTE.split(" ")), words, "whole words, in order");
        for (String l : lines.subList(1, lines.size())) {
            assertTrue(l.startsWith(" ".repeat(14)) && l.charAt(14) != ' ', "under the text after its label: " + l);
        }
    }

    /** In a log (no columns), one line, whole, so grep finds it. */
    @Test
    void aLogKeepsTheNoteOnOneLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StderrNote.say(new PrintStream(bytes, true, StandardCharsets.UTF_8), NOTE, 0);
        assertEquals(NOTE + System.lineSeparator(), bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aWordLongerThanTheLineStandsAloneWhole() {
        assertEquals("ab\n  abcdefgh\n  cd", StderrNote.wrap("ab abcdefgh cd", 5, 2));
    }

    /** A message of several lines (a failure's cause below it) keeps its lines; each is wrapped on its own. */
    @Test
    void eachLineOfAMessageIsWrappedOnItsOwn() {
        assertEquals("somnus: ab cd\n        ef\n  short\nx: gh ij kl\n   mn", StderrNote.wrapped(
                "somnus: ab cd ef\n  short\nx: gh ij kl mn", 13));
        assertEquals("one line\ntwo", StderrNote.wrapped("one line\ntwo", 0), "in a log, as it is");
    }

    /** picocli's error stream (a test's writer: no terminal) gets the line whole, as a log does. */
    @Test
    void picocliErrorStreamOffATerminalKeepsTheLineWhole() {
        StringWriter text = new StringWriter();
        StderrNote.say(new PrintWriter(text), NOTE);
        assertEquals(NOTE + System.lineSeparator(), text.toString());
    }
}
