package io.somnus.experiment.sg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.core.SplittableState;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.model.RunProgress;
import io.somnus.experiment.run.StandardRunExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM started without {@code --add-opens java.base/java.util} (a library user's, a plain {@code java -jar}) keeps
 * an SG-SNN run's resume snapshot all the same (the generators' states are taken without reflection), and the run
 * resumed from it writes the uninterrupted run's files, byte for byte. Before, such a JVM silently wrote none. An
 * STDP-SNN run, which reads its generators' states through the opens, is warned there that it keeps no snapshot.
 */
class SnapshotWithoutOpensTest {
    @TempDir
    Path tmp;

    /** Run in the forked JVM: refuses to go on where java.util is open, then trains and is cut short at epoch 2. */
    public static void main(String[] args) throws Exception {
        if (SplittableState.available()) {
            System.err.println("java.util is open in this JVM: the test proves nothing");
            System.exit(3);
        }
        // an STDP-SNN run cannot take its generators' states here: it says so before it starts
        io.somnus.experiment.run.StandardResolver stdp = new io.somnus.experiment.run.StandardResolver();
        List<String> said = stdp.warnings(stdp.resolve(java.util.Map.of("preset", "paper")));
        if (said.stream().noneMatch(w -> w.contains("keeps no resume snapshot"))) {
            System.err.println("no warning for an STDP-SNN run: " + said);
            System.exit(5);
        }
        try {
            new StandardRunExecutor().execute(SgResumeTest.config("paper-sg"), Path.of(args[0]), SgResumeTest.stopAt(3));
        } catch (IllegalStateException cut) {
            System.exit(0); // cut short after epoch 2, as a kill would
        }
        System.exit(4);
    }

    @Test
    void aJvmWithoutAddOpensKeepsAResumableSnapshot() throws Exception {
        Path whole = tmp.resolve("whole");
        new StandardRunExecutor().execute(SgResumeTest.config("paper-sg"), whole, RunProgress.NONE);
        Path cut = tmp.resolve("cut");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the surefire JVM's modules and the noise's opens, but not java.util's
        Process p = new ProcessBuilder(List.of(java, "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "--add-opens", "java.base/jdk.internal.util.random=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), SnapshotWithoutOpensTest.class.getName(), cut.toString()))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("fork.log").toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the forked run ended");
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("fork.log")));
        assertTrue(Files.isRegularFile(cut.resolve(RunDirectory.RESUME_SNAPSHOT)), "a snapshot without --add-opens");
        new StandardRunExecutor().resume(cut, RunProgress.NONE);
        for (String f : SgResumeTest.RESULTS) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(f)), Files.readAllBytes(cut.resolve(f)), f);
        }
    }
}
