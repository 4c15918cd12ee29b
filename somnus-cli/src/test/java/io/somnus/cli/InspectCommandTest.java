package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code somnus inspect PRESET}: the preset's file with its comments, which a parsed tree would lose. */
class InspectCommandTest {
    @Test
    void aBundledPresetIsShownWithItsComments() {
        CommandLine cl = SomnusCli.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        assertEquals(0, cl.execute("inspect", "paper"));
        String text = out.toString();
        assertTrue(text.contains("wake_steps: 35000           # an episode after every 350 images"), text);
        assertTrue(text.strip().endsWith("# (with options: somnus train --preset paper ... --print-config)"), text);
    }
}
