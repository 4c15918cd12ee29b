package io.somnus.experiment.compare;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.somnus.experiment.io.CsvTable;
import io.somnus.experiment.io.FileFormatException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two CSV tables of a run (metrics.csv, sleep_traces.csv, weight_histograms.csv) compared row by row over the columns
 * both have. Two cells are the same when their text is, or when both are the same number (an empty cell, NaN and NA
 * are one "no value"), or numbers within the comparison's {@link Tolerance}.
 *
 * @param onlyInA       columns only A's header has
 * @param onlyInB       columns only B's header has
 * @param rowsA         A's data rows
 * @param rowsB         B's data rows
 * @param differingRows data rows, among those both have, that differ in a shared column beyond the tolerance
 * @param rowsWithinTolerance data rows, among those both have, whose cells differ only within the tolerance (0 without
 *                      one)
 * @param maxAbsDelta   the largest |B − A| over the cells that hold other numbers (within the tolerance or not); NaN
 *                      where none do
 * @param firstRow      the first data row that differs beyond the tolerance, counted from 1 after the header;
 *                      {@code null} where none does
 * @param keyColumns    the columns that place a row: a run's tables' first ({@code images_seen}, {@code step},
 *                      {@code episode}), a sweep's those that name its cell ({@code preset}, …, {@code metric})
 * @param firstKey      that row's cells in {@code keyColumns} (A's, or B's where A has fewer rows); {@code null} where
 *                      none differs
 * @param firstCells    the columns that differ beyond the tolerance in that row, each with A's and B's cell; empty
 *                      where none differs
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TableComparison(List<String> onlyInA, List<String> onlyInB, int rowsA, int rowsB, int differingRows,
        int rowsWithinTolerance, double maxAbsDelta, Integer firstRow, List<String> keyColumns,
        Map<String, String> firstKey, Map<String, List<String>> firstCells) {

    /** Whether the tables hold the same columns, rows and numbers (or numbers within the tolerance). */
    public boolean same() {
        return onlyInA.isEmpty() && onlyInB.isEmpty() && rowsA == rowsB && differingRows == 0;
    }

    /** Compares {@code a} with {@code b}, placing a row by its first column, numbers the same only when equal. */
    static TableComparison of(CsvTable a, CsvTable b) {
        return of(a, b, null, Tolerance.EXACT);
    }

    /**
     * Compares {@code a} with {@code b}, placing a row by its cells in {@code keys} (those A's header has; {@code null}
     * for the first column), numbers within {@code tolerance} of each other the same.
     */
    static TableComparison of(CsvTable a, CsvTable b, List<String> keys, Tolerance tolerance) {
        if (keys == null) {
            keys = a.header().isEmpty() ? List.of() : List.of(a.header().get(0));
        }
        List<String> shared = a.header().stream().filter(b::hasColumn).toList();
        int rows = Math.min(a.rowCount(), b.rowCount());
        int differing = 0;
        int within = 0;
        double[] maxAbs = {Double.NaN};
        Integer first = null;
        Map<String, List<String>> cells = new LinkedHashMap<>();
        for (int r = 0; r < rows; r++) {
            boolean differs = false;
            boolean near = false;
            for (String c : shared) {
                switch (cell(a, b, r, c, tolerance, maxAbs)) {
                    case SAME -> { }
                    case WITHIN -> near = true;
                    case DIFFERENT -> {
                        differs = true;
                        if (first == null) {
                            cells.put(c, List.of(a.cell(r, c), b.cell(r, c)));
                        }
                    }
                }
            }
            if (differs) {
                differing++;
                first = first == null ? r + 1 : first;
            } else if (near) {
                within++;
            }
        }
        if (first == null && a.rowCount() != b.rowCount()) {
            first = rows + 1; // the shorter table ends there
        }
        List<String> keyColumns = keys.stream().filter(a::hasColumn).toList();
        Map<String, String> key = null;
        if (first != null) {
            CsvTable holder = first <= a.rowCount() ? a : b;
            key = new LinkedHashMap<>();
            for (String c : keyColumns) {
                key.put(c, holder.hasColumn(c) ? holder.cell(first - 1, c) : "");
            }
        }
        return new TableComparison(missing(a, b), missing(b, a), a.rowCount(), b.rowCount(), differing, within,
                maxAbs[0], first, keyColumns, key, cells);
    }

    private static List<String> missing(CsvTable from, CsvTable in) {
        List<String> out = new ArrayList<>();
        for (String c : from.header()) {
            if (!in.hasColumn(c)) {
                out.add(c);
            }
        }
        return out;
    }

    /** A cell's integer (a long), or {@code null} where it holds none. */
    private static Long integer(String cell) {
        try {
            return Long.parseLong(cell.strip());
        } catch (NumberFormatException notAnInteger) {
            return null;
        }
    }

    /** How two cells compare. */
    private enum Cell { SAME, WITHIN, DIFFERENT }

    /**
     * The same text, or the same number ({@code 1} and {@code 1.0}; empty, NaN and NA as no value; two integers
     * compared as integers, exactly); else numbers within {@code tolerance}, or different. Two numbers' |B − A| raises {@code maxAbs[0]}.
     */
    private static Cell cell(CsvTable a, CsvTable b, int row, String column, Tolerance tolerance, double[] maxAbs) {
        if (a.cell(row, column).equals(b.cell(row, column))) {
            return Cell.SAME;
        }
        Long i = integer(a.cell(row, column));
        Long j = integer(b.cell(row, column));
        if (i != null && j != null) { // exactly: 2^53 + 1 and 2^53 are one double
            if (i.longValue() == j.longValue()) {
                return Cell.SAME;
            }
            maxAbs[0] = Tolerance.larger(maxAbs[0], Tolerance.absDelta(i, j));
            return tolerance.same(i, j) ? Cell.WITHIN : Cell.DIFFERENT;
        }
        double u;
        double v;
        try {
            u = a.number(row, column);
            v = b.number(row, column);
        } catch (FileFormatException notANumber) {
            return Cell.DIFFERENT;
        }
        if (u == v || (Double.isNaN(u) && Double.isNaN(v))) {
            return Cell.SAME;
        }
        maxAbs[0] = Tolerance.larger(maxAbs[0], Math.abs(v - u));
        return tolerance.same(u, v) ? Cell.WITHIN : Cell.DIFFERENT;
    }
}
