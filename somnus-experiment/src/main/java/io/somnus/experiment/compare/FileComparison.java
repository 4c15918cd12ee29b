package io.somnus.experiment.compare;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.io.Csv;
import io.somnus.experiment.io.CsvTable;
import io.somnus.experiment.io.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One result file of two runs (or sweeps) compared: byte for byte, then, where the bytes differ, by what it holds.
 *
 * @param file    the file's name in the run (or sweep) directory, e.g. {@code weights.npz}, {@code aggregate.csv}
 * @param outcome what the comparison found
 * @param partsAt where the two first part, in words ("data row 3, images_seen 180"; "array input_e, entry [12, 3]";
 *                "test_accuracy"; "only in A"); {@code null} where the numbers are the same
 * @param arrays  a {@code .npz} file's arrays; {@code null} for another file or identical bytes
 * @param table   a CSV table's comparison; {@code null} for another file or identical bytes
 * @param summary a JSON file's differing values (summary.json; a sweep's stats.json, verdict.json); {@code null} for
 *                another file or identical bytes
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
        DIFFERENT,
        /** Only A has the file (a sweep's; two runs must both have each). */
        ONLY_IN_A,
        /** Only B has the file. */
        ONLY_IN_B
    }

    /** Whether only one side has the file. */
    public boolean onlyInOne() {
        return outcome == Outcome.ONLY_IN_A || outcome == Outcome.ONLY_IN_B;
    }

    static FileComparison onlyIn(String file, boolean inA) {
        return new FileComparison(file, inA ? Outcome.ONLY_IN_A : Outcome.ONLY_IN_B, inA ? "only in A" : "only in B",
                null, null, null);
    }

    /**
     * Compares result file {@code name} of two runs or sweeps, {@code a} with {@code b}: byte for byte, then by what it
     * holds ({@code .npz} arrays, a CSV table's rows, a JSON file's values).
     *
     * @param keys    the columns that place a CSV table's row; {@code null} for its first
     * @param leftOut a JSON file's top-level fields left out of its comparison: the time it was written (stats.json's
     *                {@code generated_at}), which differs every time. Without them the same values count as the same
     *                bytes: the file's writer writes the same values as the same text.
     */
    static FileComparison of(String name, Path a, Path b, List<String> keys, Set<String> leftOut) throws IOException {
        if (Files.mismatch(a, b) == -1L) {
            return identicalBytes(name);
        }
        if (name.endsWith(".npz")) {
            return ofArrays(name, NpzComparison.of(a, b));
        }
        if (name.endsWith(".csv")) {
            CsvTable x = Csv.read(a);
            CsvTable y = Csv.read(b);
            return ofTable(name, keys == null ? TableComparison.of(x, y) : TableComparison.of(x, y, keys));
        }
        JsonNode x = JsonFiles.readObject(a);
        JsonNode y = JsonFiles.readObject(b);
        if (!leftOut.isEmpty()) {
            x = x.deepCopy();
            y = y.deepCopy();
            ((ObjectNode) x).remove(leftOut);
            ((ObjectNode) y).remove(leftOut);
            if (x.equals(y)) {
                return identicalBytes(name);
            }
        }
        return ofSummary(name, SummaryDifference.of(x, y));
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
            default -> "array " + first.name() + ", entry " + Arrays.toString(first.firstIndex());
        };
        return new FileComparison(file, first == null ? Outcome.SAME_NUMBERS : Outcome.DIFFERENT, at, arrays, null,
                null);
    }

    static FileComparison ofTable(String file, TableComparison t) {
        String at = null;
        if (!t.onlyInA().isEmpty() || !t.onlyInB().isEmpty()) {
            at = "header: columns only in A " + t.onlyInA() + ", only in B " + t.onlyInB();
        } else if (t.firstRow() != null) {
            StringBuilder where = new StringBuilder("data row " + t.firstRow());
            t.firstKey().forEach((column, cell) -> where.append(cell.isEmpty() ? "" : ", " + column + " " + cell));
            at = where.toString();
        }
        return new FileComparison(file, t.same() ? Outcome.SAME_NUMBERS : Outcome.DIFFERENT, at, null, t, null);
    }

    static FileComparison ofSummary(String file, List<SummaryDifference> differences) {
        return new FileComparison(file, differences.isEmpty() ? Outcome.SAME_NUMBERS : Outcome.DIFFERENT,
                differences.isEmpty() ? null : differences.get(0).field(), null, null, differences);
    }

    /** "[784, 100] float32"-like: the shape and numpy type. */
    static String shape(int[] shape, String type) {
        return Arrays.toString(shape) + " " + type;
    }
}
