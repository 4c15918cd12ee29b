package io.somnus.experiment.sg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.core.SplittableState;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.model.RunProgress;
import io.somnus.experiment.run.StandardResolver;
import io.somnus.experiment.run.StandardRunExecutor;
import io.somnus.experiment.stdp.StdpResumeTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM started without {@code --add-opens java.base/java.util} (a library user's, a plain {@code java -jar}) keeps
 * the resume snapshots of both models all the same (the generators' states are taken without reflection), and a run
 * resumed from one writes the uninterrupted run's files, byte for byte. Before, such a JVM silently wrote none for an
 * SG-SNN run, and an STDP-SNN run (which read its generators' states through the opens) was warned that it kept none.
 */
class SnapshotWithoutOpensTest {
    @TempDir
    Path tmp;

    /**
     * Run in the forked JVM: refuses to go on where java.util is open; then an STDP-SNN run (paper-code) is cut short
     * after image 14 (its last snapshot the checkpoint's after image 12) and resumed here, and an SG-SNN run is cut
     * short at epoch 2 (resumed by the test).
     */
    public static void main(String[] args) throws Exception {
        if (SplittableState.available()) {
            System.err.println("java.util is open in this JVM: the test proves nothing");
            System.exit(3);
        }
        StandardResolver stdp = new StandardResolver();
        List<String> said = stdp.warnings(stdp.resolve(Map.of("preset", "paper")));
        if (said.stream().anyMatch(w -> w.contains("keeps no resume snapshot"))) {
            System.err.println("an STDP-SNN run is warned it keeps no snapshot: " + said);
            System.exit(5);
        }
        Path cutStdp = Path.of(args[1]);
        try {
            new StandardRunExecutor().execute(StdpResumeTest.config("paper-code"), cutStdp, StdpResumeTest.stopAt(14));
            System.exit(6);
        } catch (IllegalStateException cut) {
            // cut short after image 14, as a kill would
        }
        if (!Files.isRegularFile(cutStdp.resolve(RunDirectory.RESUME_SNAPSHOT))) {
            System.err.println("no STDP-SNN snapshot without --add-opens");
            System.exit(7);
        }
        new StandardRunExecutor().resume(cutStdp, RunProgress.NONE);
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
        Path wholeStdp = tmp.resolve("whole-stdp");
        new StandardRunExecutor().execute(StdpResumeTest.config("paper-code"), wholeStdp, RunProgress.NONE);
        Path cutStdp = tmp.resolve("cut-stdp");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the surefire JVM's modules and the noise's opens, but not java.util's
        Process p = new ProcessBuilder(List.of(java, "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "--add-opens", "java.base/jdk.internal.util.random=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), SnapshotWithoutOpensTest.class.getName(), cut.toString(),
                cutStdp.toString()))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("fork.log").toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the forked run ended");
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("fork.log")));
        assertTrue(Files.isRegularFile(cut.resolve(RunDirectory.RESUME_SNAPSHOT)), "a snapshot without --add-opens");
        new StandardRunExecutor().resume(cut, RunProgress.NONE);
        for (String f : StdpResumeTest.RESULTS) { // cut, snapshot and resume without --add-opens
            assertArrayEquals(Files.readAllBytes(wholeStdp.resolve(f)), Files.readAllBytes(cutStdp.resolve(f)),
                    "STDP-SNN: " + f);
        }
        for (String f : SgResumeTest.RESULTS) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(f)), Files.readAllBytes(cut.resolve(f)), f);
        }
    }
}
