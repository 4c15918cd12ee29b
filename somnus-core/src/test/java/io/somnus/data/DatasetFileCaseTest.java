package io.somnus.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dataset files under their names in another case ({@code TRAIN-IMAGES-IDX3-UBYTE.GZ}, as copies from other systems
 * come) are found; two files whose names differ only in case are refused, both named.
 */
class DatasetFileCaseTest {
    private static final LoadOptions UNVERIFIED = LoadOptions.DEFAULTS.withAllowUnverified(true);

    @TempDir
    Path tmp;

    private DatasetRegistry registry() {
        return new DatasetRegistry(DatasetCatalog.builtIn(), new DatasetLocations(tmp.resolve("cache"), List.of()),
                (uri, target) -> {
                    throw new AssertionError("no download expected");
                });
    }

    private static void rename(Path dir, String name, String to) throws IOException {
        Files.move(dir.resolve(name), dir.resolve(to));
    }

    @Test
    void upperCaseAndMixedCaseNamesAreFound() throws IOException {
        Path dir = tmp.resolve("data");
        IdxBytes.writeMnistSplit(dir, "train", 12, true);
        IdxBytes.writeMnistSplit(dir, "t10k", 4, false);
        rename(dir, "train-images-idx3-ubyte.gz", "TRAIN-IMAGES-IDX3-UBYTE.GZ");
        rename(dir, "train-labels-idx1-ubyte.gz", "Train-Labels-Idx1-Ubyte.gz");
        rename(dir, "t10k-images-idx3-ubyte", "T10K-IMAGES-IDX3-UBYTE");
        LabeledImages train = registry().load("notmnist", Split.TRAIN, dir, UNVERIFIED);
        LabeledImages test = registry().load("notmnist", Split.TEST, dir, UNVERIFIED);
        assertEquals(12, train.size());
        assertEquals(4, test.size());
        assertEquals(dir.resolve("TRAIN-IMAGES-IDX3-UBYTE.GZ"), train.sources().get(0).file());
        assertEquals(dir.resolve("Train-Labels-Idx1-Ubyte.gz"), train.sources().get(1).file());
        assertEquals(dir.resolve("T10K-IMAGES-IDX3-UBYTE"), test.sources().get(0).file());
        assertEquals(7 % 10, train.labels()[7]);
        DatasetStatus notMnist = registry().status(dir, false).stream().filter(s -> s.name().equals("notmnist"))
                .findFirst().orElseThrow();
        assertEquals(DatasetStatus.Availability.FOUND, notMnist.availability(), notMnist.detail());
    }

    @Test
    void twoNamesThatDifferInCaseOnlyAreRefusedBothNamed() throws IOException {
        Path dir = tmp.resolve("data");
        IdxBytes.writeMnistSplit(dir, "train", 12, true);
        IdxBytes.writeMnistSplit(dir, "t10k", 4, true);
        Files.copy(dir.resolve("train-labels-idx1-ubyte.gz"),
                dir.resolve("train-labels-idx1-ubyte.gz".toUpperCase(Locale.ROOT)));
        DatasetException e = assertThrows(DatasetException.class,
                () -> registry().load("notmnist", Split.TRAIN, dir, UNVERIFIED));
        assertEquals(dir + ": holds TRAIN-LABELS-IDX1-UBYTE.GZ and train-labels-idx1-ubyte.gz, whose names differ only "
                + "in case; Somnus cannot tell which is train-labels-idx1-ubyte.gz: remove or rename all but one",
                e.getMessage());
        // the test split, whose names are unambiguous, still loads
        assertEquals(4, registry().load("notmnist", Split.TEST, dir, UNVERIFIED).size());
        assertTrue(Files.exists(dir.resolve("train-labels-idx1-ubyte.gz")), "nothing removed");
    }
}
