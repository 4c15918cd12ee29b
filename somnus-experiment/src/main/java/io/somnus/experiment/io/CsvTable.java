package io.somnus.experiment.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV file held in memory as strings: a header row and data rows. Number accessors turn empty
 * cells (docs/run-directory.md: "empty cell = not applicable") into NaN.
 */
public final class CsvTable {
    private final Path source;
    private final List<String> header;
    private final Map<String, Integer> index;
    private final List<List<String>> rows;

    CsvTable(Path source, List<String> header, List<List<String>> rows) {
        this.source = source;
        this.header = List.copyOf(header);
        this.index = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            index.putIfAbsent(header.get(i), i);
        }
        this.rows = Collections.unmodifiableList(rows);
    }

    /** The file this table was read from ({@code null} when built in memory). */
    public Path source() {
        return source;
    }

    /** The column names, in file order (unmodifiable). */
    public List<String> header() {
        return header;
    }

    /** The number of data rows (the header not counted). */
    public int rowCount() {
        return rows.size();
    }

    /** Whether the header names {@code column}. */
    public boolean hasColumn(String column) {
        return index.containsKey(column);
    }

    /** The data rows, each a list of cells in header order (unmodifiable; a row may be shorter than the header). */
    public List<List<String>> rows() {
        return rows;
    }

    /** The cell, or "" where the row is shorter than the header or the column is absent. */
    public String cell(int row, String column) {
        Integer c = index.get(column);
        if (c == null) {
            return "";
        }
        List<String> r = rows.get(row);
        return c < r.size() ? r.get(c) : "";
    }

    /** Cells of a column as strings; an absent column gives empty strings. */
    public List<String> strings(String column) {
        List<String> out = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            out.add(cell(r, column));
        }
        return out;
    }

    /**
     * Cells of a column as numbers; empty cells and an absent column give NaN.
     *
     * @throws FileFormatException naming the file, row, column and value when a cell is not a number
     */
    public double[] doubles(String column) {
        double[] out = new double[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            out[r] = number(r, column);
        }
        return out;
    }

    /** One cell as a number (NaN when empty). */
    public double number(int row, String column) {
        String text = cell(row, column).strip();
        if (text.isEmpty() || text.equalsIgnoreCase("nan") || text.equals("NA")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new FileFormatException((source == null ? "CSV" : source.toString()) + ", data row " + (row + 1)
                    + ", column '" + column + "': '" + text + "' is not a number");
        }
    }
}
