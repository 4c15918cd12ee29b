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
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * One result file of two runs (or sweeps) compared: byte for byte, then, where the bytes differ, by what it holds
 * (numbers within the comparison's {@link Tolerance} the same).
 *
 * @param file        the file's name in the run (or sweep) directory, e.g. {@code weights.npz}, {@code aggregate.csv}
 * @param outcome     what the comparison found
 * @param partsAt     where the two first part, in words ("data row 3, images_seen 180"; "array input_e, entry [12, 3]";
 *                    "test_accuracy"; "only in A"); {@code null} where the numbers are the same (or within the
 *                    tolerance)
 * @param maxAbsDelta the largest |B − A| over the numbers that differ (within the tolerance or not); NaN where none
 *                    do, or where the file is no array, table or JSON file both have
 * @param arrays      a {@code .npz} file's arrays; {@code null} for another file or identical bytes
 * @param table       a CSV table's comparison; {@code null} for another file or identical bytes
 * @param summary     a JSON file's differing values (summary.json; a sweep's stats.json, verdict.json); {@code null}
 *                    for another file or identical bytes
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileComparison(String file, Outcome outcome, String partsAt, double maxAbsDelta,
        List<ArrayComparison> arrays, TableComparison table, List<SummaryDifference> summary) {

    /** What comparing one file found. */
    public enum Outcome {
        /** The same bytes. */
        IDENTICAL_BYTES,
        /** Other bytes holding the same numbers (e.g. another compression of the same arrays). */
        SAME_NUMBERS,
        /** Other numbers, each within the tolerance. */
        WITHIN_TOLERANCE,
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
                Double.NaN, null, null, null);
    }

    /**
     * Compares result file {@code name} of two runs or sweeps, {@code a} with {@code b}: byte for byte, then by what it
     * holds ({@code .npz} arrays, a CSV table's rows, a JSON file's values), numbers within {@code tolerance} of each
     * other the same.
     *
     * @param keys    the columns that place a CSV table's row; {@code null} for its first
     * @param leftOut a JSON file's top-level fields left out of its comparison: the time it was written (stats.json's
     *                {@code generated_at}), which differs every time. Without them the same values count as the same
     *                bytes: the file's writer writes the same values as the same text.
     */
    static FileComparison of(String name, Path a, Path b, List<String> keys, Set<String> leftOut, Tolerance tolerance)
            throws IOException {
        if (Files.mismatch(a, b) == -1L) {
            return identicalBytes(name);
        }
        if (name.endsWith(".npz")) {
            return ofArrays(name, NpzComparison.of(a, b, tolerance));
        }
        if (name.endsWith(".csv")) {
            CsvTable x = Csv.read(a);
            CsvTable y = Csv.read(b);
            return ofTable(name, TableComparison.of(x, y, keys, tolerance));
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
        return ofSummary(name, SummaryDifference.of(x, y, tolerance));
    }

    /** The file of {@code results} holding the largest |B − A| of a number that differs; {@code null} where none. */
    public static FileComparison largestDelta(List<FileComparison> results) {
        return results.stream().filter(r -> !Double.isNaN(r.maxAbsDelta()))
                .max(Comparator.comparingDouble(FileComparison::maxAbsDelta)).orElse(null);
    }

    static FileComparison identicalBytes(String file) {
        return new FileComparison(file, Outcome.IDENTICAL_BYTES, null, Double.NaN, null, null, null);
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
        double largest = arrays.stream().mapToDouble(ArrayComparison::maxAbsDelta).reduce(Double.NaN,
                Tolerance::larger);
        Outcome outcome = first != null ? Outcome.DIFFERENT : arrays.stream().anyMatch(x -> x.outcome()
                == ArrayComparison.Outcome.WITHIN_TOLERANCE) ? Outcome.WITHIN_TOLERANCE : Outcome.SAME_NUMBERS;
        return new FileComparison(file, outcome, at, largest, arrays, null, null);
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
        Outcome outcome = !t.same() ? Outcome.DIFFERENT : t.rowsWithinTolerance() > 0 ? Outcome.WITHIN_TOLERANCE
                : Outcome.SAME_NUMBERS;
        return new FileComparison(file, outcome, at, t.maxAbsDelta(), null, t, null);
    }

    static FileComparison ofSummary(String file, List<SummaryDifference> differences) {
        SummaryDifference first = differences.stream().filter(d -> !d.withinTolerance()).findFirst().orElse(null);
        Outcome outcome = first != null ? Outcome.DIFFERENT : differences.isEmpty() ? Outcome.SAME_NUMBERS
                : Outcome.WITHIN_TOLERANCE;
        double largest = differences.stream().mapToDouble(d -> Math.abs(d.delta())).reduce(Double.NaN,
                Tolerance::larger);
        return new FileComparison(file, outcome, first == null ? null : first.field(), largest, null, null,
                differences);
    }

    /** "[784, 100] float32"-like: the shape and numpy type. */
    static String shape(int[] shape, String type) {
        return Arrays.toString(shape) + " " + type;
    }
}
