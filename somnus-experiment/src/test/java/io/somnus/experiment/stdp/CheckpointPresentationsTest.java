package io.somnus.experiment.stdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.io.Csv;
import io.somnus.experiment.io.CsvTable;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.model.RunProgress;
import io.somnus.experiment.run.StandardRunExecutor;
import io.somnus.experiment.stats.PresentationStretches;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * metrics.csv's {@code presentations}: the training presentations so far at each checkpoint, re-presentations
 * included, its last row summary.json's {@code presentations}; and a run resumed from a snapshot written before the
 * column existed goes on, its earlier rows' cells empty.
 */
class CheckpointPresentationsTest {
    private static final String COLUMN = RunDirectory.Metrics.PRESENTATIONS;

    @TempDir
    Path tmp;

    private static CsvTable metrics(Path run) throws Exception {
        return Csv.read(run.resolve(RunDirectory.METRICS));
    }

    private static long summaryPresentations(Path run) throws Exception {
        return Mappers.JSON.readTree(run.resolve(RunDirectory.SUMMARY).toFile()).get("presentations").asLong();
    }

    /** diehl-cook re-presents images that evoke few spikes: the count runs ahead of the images, within the cap. */
    @Test
    void aRePresentingRunCountsItsPresentationsAtEachCheckpoint() throws Exception {
        ObjectNode config = StdpResumeTest.config("diehl-cook");
        Path run = tmp.resolve("dc");
        new StandardRunExecutor().execute(config, run, RunProgress.NONE);
        CsvTable t = metrics(run);
        double[] images = t.doubles(RunDirectory.Metrics.IMAGES_SEEN);
        double[] shown = t.doubles(COLUMN);
        int cap = config.path("encoding").path("max_presentations").asInt();
        assertEquals(3, shown.length);
        for (int k = 0; k < shown.length; k++) {
            assertTrue(shown[k] >= images[k] && shown[k] <= cap * images[k], k + ": " + shown[k]);
            assertTrue(k == 0 || shown[k] >= shown[k - 1], "cumulative");
        }
        assertEquals(summaryPresentations(run), shown[shown.length - 1], "the last checkpoint's is the run's");
        assertTrue(shown[shown.length - 1] > images[images.length - 1], "some images are shown again");
    }

    /** paper shows each image once: the count is the images seen. */
    @Test
    void aRunThatShowsEachImageOnceCountsItsImages() throws Exception {
        Path run = tmp.resolve("paper");
        new StandardRunExecutor().execute(StdpResumeTest.config("paper"), run, RunProgress.NONE);
        CsvTable t = metrics(run);
        assertArrayEquals(t.doubles(RunDirectory.Metrics.IMAGES_SEEN), t.doubles(COLUMN));
    }

    /**
     * A snapshot written before the column existed (its rows without it) resumes: the column in its usual place, the
     * rows it holds with an empty cell, the later ones have the uninterrupted run's counts, every other column is the uninterrupted run's, and the
     * stretches read from it start at the first image.
     */
    @Test
    void aSnapshotWithoutTheColumnResumes() throws Exception {
        ObjectNode config = StdpResumeTest.config("diehl-cook");
        Path whole = tmp.resolve("whole");
        new StandardRunExecutor().execute(config, whole, RunProgress.NONE);
        Path cut = tmp.resolve("cut");
        // stopped after the first checkpoint (10 of 30 images): its snapshot holds that checkpoint's row
        assertThrows(IllegalStateException.class, () -> new StandardRunExecutor().execute(config, cut,
                StdpResumeTest.stopAt(15)));
        withoutColumn(cut.resolve(RunDirectory.RESUME_SNAPSHOT));
        new StandardRunExecutor().resume(cut, RunProgress.NONE);
        CsvTable resumed = metrics(cut);
        CsvTable expected = metrics(whole);
        assertEquals(expected.header(), resumed.header(), "the column in its usual place, not last");
        assertTrue(Double.isNaN(resumed.number(0, COLUMN)), "the snapshot's row has no count");
        for (int k = 1; k < expected.rowCount(); k++) {
            assertEquals(expected.number(k, COLUMN), resumed.number(k, COLUMN), "row " + k);
        }
        for (String c : expected.header()) {
            if (!c.equals(COLUMN)) {
                assertArrayEquals(expected.doubles(c), resumed.doubles(c), c);
            }
        }
        for (String f : new String[] {RunDirectory.SUMMARY, RunDirectory.WEIGHTS}) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(f)), Files.readAllBytes(cut.resolve(f)), f);
        }
        var stretches = PresentationStretches.of(resumed, false);
        assertEquals(2, stretches.size());
        assertEquals(1, stretches.get(0).firstImage());
        assertEquals(20, stretches.get(0).lastImage());
        assertEquals(expected.number(1, COLUMN) / 20, stretches.get(0).perImage());
    }

    /**
     * The snapshot as a build before the column wrote it: each recorded row's {@code presentations} entry (the key
     * written after {@code images_seen}'s value) taken out, the row's entry count lowered, the closing SHA-256 made
     * again (docs/run-directory.md, "Resume snapshot").
     */
    private static void withoutColumn(Path snapshot) throws Exception {
        byte[] all = Files.readAllBytes(snapshot);
        byte[] body = Arrays.copyOf(all, all.length - 32);
        byte[] seen = utf(RunDirectory.Metrics.IMAGES_SEEN);
        byte[] shown = utf(COLUMN);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rows = 0;
        int from = 0;
        for (int i = 4; i + seen.length + 8 + shown.length + 8 <= body.length; i++) {
            int after = i + seen.length + 8;
            if (startsWith(body, i, seen) && startsWith(body, after, shown)) {
                out.write(body, from, i - 4 - from);
                int entries = ((body[i - 4] & 0xff) << 24) | ((body[i - 3] & 0xff) << 16) | ((body[i - 2] & 0xff) << 8)
                        | (body[i - 1] & 0xff);
                out.write(new byte[] {(byte) ((entries - 1) >>> 24), (byte) ((entries - 1) >>> 16),
                        (byte) ((entries - 1) >>> 8), (byte) (entries - 1)});
                out.write(body, i, after - i);
                from = after + shown.length + 8;
                i = from - 1;
                rows++;
            }
        }
        out.write(body, from, body.length - from);
        assertEquals(1, rows, "the snapshot's one row");
        byte[] edited = out.toByteArray();
        byte[] written = Arrays.copyOf(edited, edited.length + 32);
        System.arraycopy(MessageDigest.getInstance("SHA-256").digest(edited), 0, written, edited.length, 32);
        Files.write(snapshot, written);
        assertFalse(Arrays.equals(all, written));
    }

    /** {@code DataOutput.writeUTF}'s bytes of an ASCII key: its length in two bytes, then the key. */
    private static byte[] utf(String key) {
        byte[] k = key.getBytes(StandardCharsets.US_ASCII);
        byte[] b = new byte[k.length + 2];
        b[0] = (byte) (k.length >>> 8);
        b[1] = (byte) k.length;
        System.arraycopy(k, 0, b, 2, k.length);
        return b;
    }

    private static boolean startsWith(byte[] body, int at, byte[] prefix) {
        if (at + prefix.length > body.length) {
            return false;
        }
        for (int j = 0; j < prefix.length; j++) {
            if (body[at + j] != prefix[j]) {
                return false;
            }
        }
        return true;
    }
}
