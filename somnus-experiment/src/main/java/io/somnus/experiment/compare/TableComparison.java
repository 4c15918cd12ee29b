package io.somnus.experiment.compare;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.somnus.experiment.io.CsvTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two CSV tables of a run (metrics.csv, sleep_traces.csv, weight_histograms.csv) compared row by row over the columns
 * both have. Two cells are the same when their text is, or when both are the same number (an empty cell, NaN and NA
 * are one "no value").
 *
 * @param onlyInA    columns only A's header has
 * @param onlyInB    columns only B's header has
 * @param rowsA      A's data rows
 * @param rowsB      B's data rows
 * @param differingRows data rows, among those both have, that differ in a shared column
 * @param firstRow   the first such data row, counted from 1 after the header; {@code null} where none differs
 * @param keyColumn  the table's first column, which places a row: {@code images_seen}, {@code step}, {@code episode}
 * @param firstKey   that row's cell in {@code keyColumn} (A's, or B's where A has fewer rows); {@code null} where none
 * @param firstCells the columns that differ in that row, each with A's and B's cell; empty where none differs
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TableComparison(List<String> onlyInA, List<String> onlyInB, int rowsA, int rowsB, int differingRows,
        Integer firstRow, String keyColumn, String firstKey, Map<String, List<String>> firstCells) {

    /** Whether the tables hold the same columns, rows and numbers. */
    public boolean same() {
        return onlyInA.isEmpty() && onlyInB.isEmpty() && rowsA == rowsB && differingRows == 0;
    }

    /** Compares {@code a} with {@code b}. */
    static TableComparison of(CsvTable a, CsvTable b) {
        List<String> shared = a.header().stream().filter(b::hasColumn).toList();
        int rows = Math.min(a.rowCount(), b.rowCount());
        int differing = 0;
        Integer first = null;
        Map<String, List<String>> cells = new LinkedHashMap<>();
        for (int r = 0; r < rows; r++) {
            boolean differs = false;
            for (String c : shared) {
                if (!sameCell(a, b, r, c)) {
                    differs = true;
                    if (first == null) {
                        cells.put(c, List.of(a.cell(r, c), b.cell(r, c)));
                    }
                }
            }
            if (differs) {
                differing++;
                first = first == null ? r + 1 : first;
            }
        }
        if (first == null && a.rowCount() != b.rowCount()) {
            first = rows + 1; // the shorter table ends there
        }
        String key = first == null || a.header().isEmpty() ? null
                : first <= a.rowCount() ? a.cell(first - 1, a.header().get(0)) : b.cell(first - 1, a.header().get(0));
        return new TableComparison(missing(a, b), missing(b, a), a.rowCount(), b.rowCount(), differing, first,
                a.header().isEmpty() ? null : a.header().get(0), key, cells);
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

    /** The same text, or the same number ({@code 1} and {@code 1.0}; empty, NaN and NA as no value). */
    private static boolean sameCell(CsvTable a, CsvTable b, int row, String column) {
        if (a.cell(row, column).equals(b.cell(row, column))) {
            return true;
        }
        try {
            double u = a.number(row, column);
            double v = b.number(row, column);
            return u == v || (Double.isNaN(u) && Double.isNaN(v));
        } catch (io.somnus.experiment.io.FileFormatException notANumber) {
            return false;
        }
    }
}
