package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code source <(somnus generate-completion)}: bash completes the presets' names, and the command stays out of --help. */
class CompletionTest {
    @Test
    void bashCompletesAPresetName(@TempDir Path tmp) throws Exception {
        CommandLine cl = SomnusCli.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        assertEquals(0, cl.execute("generate-completion"));
        Path script = Files.writeString(tmp.resolve("completion.bash"), out.toString());
        // what bash does on `somnus train --preset paper-s<TAB>`
        Path driver = Files.writeString(tmp.resolve("complete.bash"), "source " + script + "\n"
                + "COMP_WORDS=(somnus train --preset paper-s); COMP_CWORD=3; COMP_LINE=\"${COMP_WORDS[*]}\"; "
                + "COMP_POINT=${#COMP_LINE}\n_complete_somnus 2>/dev/null\necho \"${COMPREPLY[*]}\"\n");
        ScriptRun r = ScriptRun.run(Path.of("/bin/bash"), driver.toString());
        assertEquals("paper-sg paper-sg-code", r.output().strip(), r.output());

        StringWriter help = new StringWriter();
        cl.setOut(new PrintWriter(help, true));
        cl.execute("--help");
        assertFalse(help.toString().contains("generate-completion"), help.toString());
    }
}
