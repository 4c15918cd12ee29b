package io.somnus.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LabeledImagesTest {
    /** Three 1×2 images labelled 0, 1, 0. */
    private static LabeledImages three() {
        return new LabeledImages("tiny", 1, 2, new float[][] {{0f, 1f}, {1f, 0f}, {0.5f, 0.5f}}, new int[] {0, 1, 0}, 2);
    }

    /**
     * Equality is by content: two sets built from separate but equal arrays are equal with equal hashes; a pixel, a
     * label, the name or the class count changed makes them differ.
     */
    @Test
    void equalityComparesTheImagesAndLabelsNotTheArrays() {
        LabeledImages set = three();
        LabeledImages copy = three();                                   // new arrays, same values
        assertEquals(set, copy);
        assertEquals(set.hashCode(), copy.hashCode());
        assertEquals(set, set.head(3));
        float[][] otherPixel = {{0f, 1f}, {1f, 0f}, {0.5f, 0.25f}};
        assertNotEquals(set, new LabeledImages("tiny", 1, 2, otherPixel, new int[] {0, 1, 0}, 2));
        assertNotEquals(set, new LabeledImages("tiny", 1, 2, copy.images(), new int[] {0, 1, 1}, 2));
        assertNotEquals(set, new LabeledImages("other", 1, 2, copy.images(), copy.labels(), 2));
        assertNotEquals(set, new LabeledImages("tiny", 1, 2, copy.images(), copy.labels(), 3));
        assertNotEquals(set, new LabeledImages("tiny", 2, 1, copy.images(), copy.labels(), 2));
    }

    @Test
    void headAndSliceTakeTheImagesAsked() {
        LabeledImages set = three();
        assertEquals(2, set.head(2).size());
        assertEquals(3, set.head(10).size(), "more than the set: all of it");
        assertEquals(0, set.head(0).size());
        assertArrayEquals(new int[] {1, 0}, set.slice(1, 3).labels());
        assertEquals(0, set.slice(2, 2).size());
    }

    @Test
    void aNegativeHeadOrAReversedSliceIsRefusedNamingIt() {
        LabeledImages set = three();
        IllegalArgumentException head = assertThrows(IllegalArgumentException.class, () -> set.head(-1));
        assertTrue(head.getMessage().contains("head(-1)"), head.getMessage());
        IllegalArgumentException reversed = assertThrows(IllegalArgumentException.class, () -> set.slice(2, 1));
        assertTrue(reversed.getMessage().contains("slice(2, 1)") && reversed.getMessage().contains("<= 3"),
                reversed.getMessage());
        IllegalArgumentException past = assertThrows(IllegalArgumentException.class, () -> set.slice(1, 4));
        assertTrue(past.getMessage().contains("slice(1, 4)"), past.getMessage());
        assertThrows(IllegalArgumentException.class, () -> set.slice(-1, 2));
    }

    /** toString names the set, its count, size and classes, not the arrays' identities (the record's own). */
    @Test
    void toStringSaysWhatTheSetHolds() {
        LabeledImages set = new LabeledImages("drawn", 2, 3, new float[][] {new float[6], new float[6]}, new int[] {0, 2},
                3, Map.of());
        assertEquals("LabeledImages[drawn, 2 images of 2×3, 3 classes]", set.toString());
    }
}
