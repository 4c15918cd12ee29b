package io.somnus.data;

import static io.somnus.data.IdxBytes.images;
import static io.somnus.data.IdxBytes.labels;
import static io.somnus.data.IdxBytes.pattern;
import static io.somnus.data.IdxBytes.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxCacheTest {
    private static final IdxFormat DIGITS = new IdxFormat("digits", 2, 3, 10, 0, false);

    @TempDir
    Path dir;

    @Test
    void theSameUnchangedFilesAreReadOnceAndEveryCallerGetsItsOwnCopy() {
        Path img = write(dir, "i", images(3, 2, 3, pattern(18)));
        Path lab = write(dir, "l", labels((byte) 4, (byte) 0, (byte) 9));
        long before = IdxCache.reads();
        LabeledImages first = IdxCache.read("digits", img, lab, DIGITS, 0);
        first.images()[0][0] = 42f; // a caller writing to its images must not change what the next one gets
        first.labels()[0] = 7;
        LabeledImages second = IdxCache.read("digits", img, lab, DIGITS, 0);
        assertEquals(before + 1, IdxCache.reads());
        LabeledImages fresh = IdxReader.read("digits", img, lab, DIGITS, 0);
        assertArrayEquals(fresh.images(), second.images());
        assertArrayEquals(fresh.labels(), second.labels());
        assertEquals(fresh.sha256(), second.sha256());
        assertNotSame(first.images()[1], second.images()[1]);
        // a limit within what was read is served from it: the first images, as a read with that limit gives them
        LabeledImages two = IdxCache.read("digits", img, lab, DIGITS, 2);
        assertEquals(before + 1, IdxCache.reads());
        assertSameSet(IdxReader.read("digits", img, lab, DIGITS, 2), two);
    }

    @Test
    void aLargerLimitReadsAgainAndKeepsTheLargerSet() {
        Path img = write(dir, "i", images(3, 2, 3, pattern(18)));
        Path lab = write(dir, "l", labels((byte) 4, (byte) 0, (byte) 9));
        long before = IdxCache.reads();
        assertSameSet(IdxReader.read("digits", img, lab, DIGITS, 1), IdxCache.read("digits", img, lab, DIGITS, 1));
        assertSameSet(IdxReader.read("digits", img, lab, DIGITS, 2), IdxCache.read("digits", img, lab, DIGITS, 2));
        assertEquals(before + 2, IdxCache.reads());
        assertSameSet(IdxReader.read("digits", img, lab, DIGITS, 1), IdxCache.read("digits", img, lab, DIGITS, 1));
        assertEquals(before + 2, IdxCache.reads());
        // a limit beyond the file's 3 images reads them all: every later request is served
        assertEquals(3, IdxCache.read("digits", img, lab, DIGITS, 5).size());
        assertSameSet(IdxReader.read("digits", img, lab, DIGITS, 0), IdxCache.read("digits", img, lab, DIGITS, 0));
        assertEquals(3, IdxCache.read("digits", img, lab, DIGITS, 4).size());
        assertEquals(before + 3, IdxCache.reads());
    }

    private static void assertSameSet(LabeledImages expected, LabeledImages actual) {
        assertArrayEquals(expected.images(), actual.images());
        assertArrayEquals(expected.labels(), actual.labels());
        assertEquals(expected.sha256(), actual.sha256());
        assertEquals(expected.numClasses(), actual.numClasses());
    }

    @Test
    void aReplacedFileIsReadAgain() throws Exception {
        Path img = write(dir, "i", images(2, 2, 3, pattern(12)));
        Path lab = write(dir, "l", labels((byte) 1, (byte) 2));
        assertArrayEquals(new int[] {1, 2}, IdxCache.read("digits", img, lab, DIGITS, 0).labels());
        write(dir, "l", labels((byte) 3, (byte) 5));
        Files.setLastModifiedTime(lab, FileTime.fromMillis(Files.getLastModifiedTime(lab).toMillis() + 2_000));
        assertArrayEquals(new int[] {3, 5}, IdxCache.read("digits", img, lab, DIGITS, 0).labels());
    }
}
