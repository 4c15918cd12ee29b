package io.somnus.experiment.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.somnus.kernel.Kernels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rounds of {@link Brian2SideBySide#alternate}: a stand-in for Brian2's compiled binary (a shell script that writes
 * {@code results/last_run_info.txt} as Brian2's {@code main} does, from its own folder) is run again each round and its
 * time read; a run that fails, writes nothing or reports an incomplete run is refused by name. (The real binary's rounds
 * run in {@code BenchCommandTest} where Brian2 is installed.)
 */
class Brian2RoundsTest {
    /** A stand-in for Brian2's {@code main} in {@code dir/cpp}: runs {@code body} (sh) from that folder. */
    private static Path binary(Path dir, String body) throws IOException {
        Path cpp = Files.createDirectories(dir.resolve("cpp"));
        Path main = cpp.resolve("main");
        Files.writeString(main, "#!/bin/sh\n" + body + "\n", StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(main, PosixFilePermissions.fromString("rwx------"));
        return cpp;
    }

    @Test
    void theBinarysTimeIsReadFromItsRunInfoWrittenInItsOwnFolder(@TempDir Path dir) throws Exception {
        Path cpp = binary(dir, "mkdir -p results && echo '0.25 1' > results/last_run_info.txt");
        assertEquals(0.25, Brian2SideBySide.rerunBinary(cpp));
        assertTrue(Files.isRegularFile(cpp.resolve("results").resolve("last_run_info.txt")));
    }

    @Test
    void aFailedIncompleteOrSilentRunIsRefusedByName(@TempDir Path dir) throws Exception {
        Path cpp = binary(dir, "mkdir -p results && echo '0.25 0.5' > results/last_run_info.txt");
        IOException partial = assertThrows(IOException.class, () -> Brian2SideBySide.rerunBinary(cpp));
        assertTrue(partial.getMessage().contains("last_run_info.txt") && partial.getMessage().contains("0.5"),
                partial.getMessage());

        binary(dir, "echo broken; exit 3");
        IOException failed = assertThrows(IOException.class, () -> Brian2SideBySide.rerunBinary(cpp));
        assertTrue(failed.getMessage().contains("exited with 3") && failed.getMessage().contains("broken"),
                failed.getMessage());

        // the previous run's file is still there: a run that writes none must not be read as taking its time
        binary(dir, "true");
        Files.writeString(cpp.resolve("results").resolve("last_run_info.txt"), "0.25 1");
        IOException silent = assertThrows(IOException.class, () -> Brian2SideBySide.rerunBinary(cpp));
        assertTrue(silent.getMessage().contains("wrote no"), silent.getMessage());

        binary(dir, "mkdir -p results && echo 'nan% 1' > results/last_run_info.txt");
        IOException garbled = assertThrows(IOException.class, () -> Brian2SideBySide.rerunBinary(cpp));
        assertTrue(garbled.getMessage().contains("nan%"), garbled.getMessage());

        Files.delete(cpp.resolve("main"));
        IOException missing = assertThrows(IOException.class, () -> Brian2SideBySide.rerunBinary(cpp));
        assertTrue(missing.getMessage().contains("no built Brian2 binary"), missing.getMessage());
    }

    @Test
    void theMedianRatioIsTheMiddleRoundsOrTheMeanOfTheMiddleTwo() {
        // ratios 4, 2, 10 (Brian2 / Somnus): sorted 2, 4, 10
        List<Brian2SideBySide.Round> three = List.of(new Brian2SideBySide.Round(1, 4), new Brian2SideBySide.Round(2, 4),
                new Brian2SideBySide.Round(0.5, 5));
        assertEquals(4.0, Brian2SideBySide.medianRatio(three));
        // and a fourth of 1: sorted 1, 2, 4, 10, the middle two's mean 3
        List<Brian2SideBySide.Round> four = List.of(three.get(0), three.get(1), three.get(2),
                new Brian2SideBySide.Round(3, 3));
        assertEquals(3.0, Brian2SideBySide.medianRatio(four));
    }

    @Test
    void eachRoundPairsSomnussRunsWithTheBinarysNextRun(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist")), "dataset-fashion-mnist not installed");
        // the stand-in reports 0.1 s, then 0.2 s, … (a counter in its folder): 2 images, so 50, 100, … ms per image
        binary(dir, "n=$(cat n 2>/dev/null || echo 0); n=$((n + 1)); echo $n > n; mkdir -p results && "
                + "echo \"0.$n 1\" > results/last_run_info.txt");
        Brian2SideBySide.SomnusSide somnus = new Brian2SideBySide.SomnusSide(2, 100, new double[] {1.0}, dir);
        List<Brian2SideBySide.Round> rounds = Brian2SideBySide.alternate(somnus, 3, Kernels.preferred());
        assertEquals(3, rounds.size());
        for (int k = 0; k < 3; k++) {
            Brian2SideBySide.Round r = rounds.get(k);
            assertEquals(50.0 * (k + 1), r.brian2MsPerImage(), 1e-9, "round " + (k + 1));
            assertTrue(r.somnusMsPerImage() > 0 && Double.isFinite(r.somnusMsPerImage()), "round " + (k + 1));
            assertEquals(r.brian2MsPerImage() / r.somnusMsPerImage(), r.ratio(), 1e-12);
        }
        // Somnus's runs in the rounds wrote the inputs and results Brian2's comparison reads
        assertTrue(Files.isRegularFile(dir.resolve("inputs.npz")) && Files.isRegularFile(dir.resolve("somnus_out.npz")));
    }
}
