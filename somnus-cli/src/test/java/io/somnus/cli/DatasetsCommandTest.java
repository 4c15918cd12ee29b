package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code somnus datasets --data-dir D} where D holds one dataset's files under the common IDX names (every dataset
 * looks there first): those files are that dataset's, and the others are not found there, where each was reported as
 * found with mismatched checksums and the command exited 1 on good data.
 */
class DatasetsCommandTest {
    private static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");

    @Test
    void aFlatDataDirOfOneDatasetIsThatDatasetsAlone(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(FASHION.resolve("train-images-idx3-ubyte.gz")),
                "Debian's dataset-fashion-mnist (scripts/install-deps installs it)");
        for (String f : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                "t10k-labels-idx1-ubyte.gz")) {
            Files.createSymbolicLink(tmp.resolve(f), FASHION.resolve(f));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            exit = SomnusCli.commandLine().execute("datasets", "--data-dir", tmp.toString());
        } finally {
            System.setOut(out);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, text);
        assertTrue(text.matches("(?s).*fashion-mnist +found +found in " + java.util.regex.Pattern.quote(tmp.toString())
                + ".*"), text);
        assertTrue(text.contains("mnist            not found     the files found (" + tmp + ") are fashion-mnist's"),
                text);
        assertTrue(!text.contains("mismatch"), text);
    }
}
