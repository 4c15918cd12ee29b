package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
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
        assertTrue(text.matches("(?s).*fashion-mnist +found +found in " + Pattern.quote(tmp.toString())
                + ".*"), text);
        assertTrue(text.contains("mnist            not found     the files found (" + tmp + ") are fashion-mnist's"),
                text);
        assertTrue(!text.contains("mismatch"), text);
    }

    @Test
    void aCaseOnlyNameClashIsThatDatasetsLineNotTheEndOfTheList(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(FASHION.resolve("train-images-idx3-ubyte.gz")),
                "Debian's dataset-fashion-mnist (scripts/install-deps installs it)");
        for (String f : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                "t10k-labels-idx1-ubyte.gz")) {
            Files.createSymbolicLink(tmp.resolve(f), FASHION.resolve(f));
        }
        Files.createSymbolicLink(tmp.resolve("TRAIN-LABELS-IDX1-UBYTE.GZ"), FASHION.resolve("train-labels-idx1-ubyte.gz"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            exit = SomnusCli.commandLine().execute("datasets", "--data-dir", tmp.toString(), "--no-verify");
        } finally {
            System.setOut(out);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(2, exit, text);
        // every IDX dataset looks in --data-dir first, so each is ambiguous there; the rest of the list still comes
        assertTrue(text.matches("(?s).*fashion-mnist +ambiguous +.*TRAIN-LABELS-IDX1-UBYTE.GZ and "
                + "train-labels-idx1-ubyte.gz, whose names differ only in case.*"), text);
        assertTrue(text.matches("(?s).*\\ngeomfig +procedural .*"), text);
    }

    private static String run(int expectedExit, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            exit = SomnusCli.commandLine().execute(args);
        } finally {
            System.setOut(out);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(expectedExit, exit, text);
        return text;
    }

    /**
     * notMNIST's PNG folders imported with --data-dir D land in D/notmnist, where `datasets --data-dir D` lists them as
     * verified: no --allow-unverified-data needed for what Somnus made; the unreadable file is named.
     */
    @Test
    void anImportedNotMnistIsListedAsVerified(@TempDir Path tmp) throws Exception {
        Path from = tmp.resolve("notMNIST_small");
        for (char letter = 'A'; letter <= 'J'; letter++) {
            Path dir = Files.createDirectories(from.resolve(String.valueOf(letter)));
            for (int i = 0; i < 2; i++) {
                BufferedImage img = new BufferedImage(28, 28,
                        BufferedImage.TYPE_BYTE_GRAY);
                img.getRaster().setSample(i, letter - 'A', 0, 200);
                ImageIO.write(img, "png", dir.resolve(i + ".png").toFile());
            }
        }
        Files.write(from.resolve("C").resolve("broken.png"), new byte[0]);
        Path data = tmp.resolve("data");
        String text = run(0, "datasets", "import", "notmnist", "--from", from.toString(), "--data-dir", data.toString(),
                "--test-fraction", "0.5");
        assertTrue(text.contains("notmnist: 10 train and 10 test images written to " + data.resolve("notmnist")), text);
        assertTrue(text.contains("notmnist: skipped 1 file(s) that could not be read:\n    C/broken.png: empty file"),
                text);
        String listing = run(0, "datasets", "--data-dir", data.toString(), "--no-verify");
        assertTrue(listing.contains("notmnist         found         found in " + data.resolve("notmnist")), listing);
        listing = run(0, "datasets", "--data-dir", data.toString());
        assertTrue(listing.contains(data.resolve("notmnist").resolve("t10k-labels-idx1-ubyte.gz")
                + "  verified (made by somnus datasets import from " + from), listing);
    }
}
