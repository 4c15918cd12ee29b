package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's help renders without picocli warnings (an unescaped '%' in a description makes one). */
class HelpTextTest {
    @Test
    void everyHelpTextRendersWithoutWarnings() {
        List<CommandLine> all = new ArrayList<>();
        collect(SomnusCli.commandLine(), all);
        assertTrue(all.size() > 5, "the CLI has its subcommands");
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            for (CommandLine cl : all) {
                String usage = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
                assertFalse(usage.isBlank(), cl.getCommandName());
            }
        } finally {
            System.setErr(saved);
        }
        String warnings = err.toString(StandardCharsets.UTF_8);
        assertFalse(warnings.contains("picocli WARN"), warnings);
    }

    private static void collect(CommandLine cl, List<CommandLine> out) {
        out.add(cl);
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!out.contains(sub)) {
                collect(sub, out);
            }
        }
    }
}
