package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The bar of a run: a new phase starts with its own name, total and clock, never drawn under the last phase's. */
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
        assertTrue(out.contains("0/5") && out.contains("evaluate"), out);
        for (String line : out.split("\\R")) {
            assertFalse(line.contains("0/10") && line.contains("train"), "the old phase redrawn at zero: " + out);
            assertFalse(line.contains("/10") && line.contains("evaluate"), "the new phase under the old total: " + out);
        }
        assertTrue(out.contains("2/5"), out);
    }
}
