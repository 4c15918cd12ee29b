package io.somnus.experiment.compare;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One result file of two runs compared: byte for byte, then, where the bytes differ, by what it holds.
 *
 * @param file    the file's name in the run directory, e.g. {@code weights.npz}
 * @param outcome what the comparison found
 * @param partsAt where the two first part, in words ("data row 3, images_seen 180"; "array input_e, entry [12, 3]";
 *                "test_accuracy"); {@code null} unless {@link Outcome#DIFFERENT}
 * @param arrays  a {@code .npz} file's arrays; {@code null} for another file or identical bytes
 * @param table   a CSV table's comparison; {@code null} for another file or identical bytes
 * @param summary summary.json's differing values; {@code null} for another file or identical bytes
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileComparison(String file, Outcome outcome, String partsAt, List<ArrayComparison> arrays,
        TableComparison table, List<SummaryDifference> summary) {

    /** What comparing one file found. */
    public enum Outcome {
        /** The same bytes. */
        IDENTICAL_BYTES,
        /** Other bytes holding the same numbers (e.g. another compression of the same arrays). */
        SAME_NUMBERS,
        /** Other numbers. */
        DIFFERENT
    }

    static FileComparison identicalBytes(String file) {
        return new FileComparison(file, Outcome.IDENTICAL_BYTES, null, null, null, null);
    }

    static FileComparison ofArrays(String file, List<ArrayComparison> arrays) {
        ArrayComparison first = arrays.stream().filter(x -> !x.same()).findFirst().orElse(null);
        String at = first == null ? null : switch (first.outcome()) {
            case ONLY_IN_A -> "array " + first.name() + ": only in A";
            case ONLY_IN_B -> "array " + first.name() + ": only in B";
            case DIFFERENT_SHAPE -> "array " + first.name() + ": shape " + shape(first.shapeA(), first.typeA()) + " vs "
                    + shape(first.shapeB(), first.typeB());
            default -> "array " + first.name() + ", entry " + java.util.Arrays.toString(first.firstIndex());
        };
        return new FileComparison(file, first == null ? Outcome.SAME_NUMBERS : Outcome.DIFFERENT, at, arrays, null,
                null);
    }

    static FileComparison ofTable(String file, TableComparison t) {
        String at = null;
        if (!t.onlyInA().isEmpty() || !t.onlyInB().isEmpty()) {
            at = "header: columns only in A " + t.onlyInA() + ", only in B " + t.onlyInB();
        } else if (t.firstRow() != null) {
            at = "data row " + t.firstRow() + (t.firstKey() == null ? "" : ", " + t.keyColumn() + " " + t.firstKey());
        }
        return new FileComparison(file, t.same() ? Outcome.SAME_NUMBERS : Outcome.DIFFERENT, at, null, t, null);
    }

    static FileComparison ofSummary(String file, List<SummaryDifference> differences) {
        return new FileComparison(file, differences.isEmpty() ? Outcome.SAME_NUMBERS : Outcome.DIFFERENT,
                differences.isEmpty() ? null : differences.get(0).field(), null, null, differences);
    }

    /** "[784, 100] float32"-like: the shape and numpy type. */
    static String shape(int[] shape, String type) {
        return java.util.Arrays.toString(shape) + " " + type;
    }
}
