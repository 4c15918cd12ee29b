package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Ctrl-C on a terminal: a child JVM on a pseudo-terminal (util-linux's {@code script}) draws a progress bar as train
 * does, sends itself SIGINT, and must say the interrupt notice. progressbar's own reading of the terminal's width
 * opened a JLine terminal that set SIGINT back to the OS's default action: the JVM died at once, no shutdown hook run
 * and no notice said, while SIGTERM said it.
 */
class InterruptOnATerminalTest {
    static final String NOTICE = "somnus: interrupted; the same command with --resume goes on";

    @Test
    void ctrlCWhileABarIsDrawnSaysTheNotice() throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux") && ScriptRun.onPath("script"),
                "needs util-linux's script for a pseudo-terminal");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String command = List.of(java.toString(), "-cp", classpath, Child.class.getName()).stream()
                .map(a -> "'" + a.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
        Process script = new ProcessBuilder("script", "-qec", command, "/dev/null")
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        // a deadline, not a timing: the child ends within a second or two once started
        boolean ended = script.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            script.destroyForcibly();
        }
        String terminal = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(ended, "the child did not end: " + terminal);
        assertTrue(terminal.contains(Child.DRAWN), "the bar was not drawn: " + terminal);
        assertTrue(terminal.contains(NOTICE), "no interrupt notice after SIGINT: " + terminal);
    }

    /** The child: train's bar on the terminal, its notice said through the bar, then SIGINT to itself. */
    static final class Child {
        static final String DRAWN = "bar drawn, sending SIGINT";

        public static void main(String[] args) throws Exception {
            try (Progress bar = new Progress("train", 10, System.err, true);
                 InterruptNotice notice = new InterruptNotice("the same command with --resume goes on")) {
                notice.sayThrough(bar::say);
                bar.update("train", 1, 10);
                bar.note("train", "checkpoint 1/2"); // drawn at once, the terminal's width read
                bar.say(DRAWN);
                new ProcessBuilder("kill", "-INT", Long.toString(ProcessHandle.current().pid())).inheritIO().start()
                        .waitFor();
                Thread.sleep(60_000); // SIGINT stops the JVM long before
            }
        }
    }
}
