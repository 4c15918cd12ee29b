package io.somnus.experiment.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Comma-separated files as docs/run-directory.md describes them: a header row, plain-decimal numbers, an empty cell
 * for "not applicable". Parsing and quoting are Jackson's (jackson-dataformat-csv).
 */
public final class Csv {
    private static final CsvMapper MAPPER = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);

    private Csv() {}

    /**
     * Reads a CSV file with a header row.
     *
     * @throws FileFormatException naming the file when it is empty or not CSV
     */
    public static CsvTable read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new FileFormatException(file + ": not UTF-8 text (binary data?)", e);
        }
        if (!text.isEmpty() && !text.endsWith("\n")) {
            // every CSV Somnus (and R's write.csv) writes ends its last row with a line end: a file cut short need not
            // have fewer cells in its last row, only a shorter last number
            throw new FileFormatException(file + ": its last line has no line end, so the file was cut short (every "
                    + "table is written whole with one); the run that wrote it did not finish writing it");
        }
        return parse(file, new StringReader(text));
    }

    /** Parses CSV text with a header row ({@code source} only names it in messages; may be null). */
    public static CsvTable parse(Path source, Reader reader) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<String[]> it = MAPPER.readerFor(String[].class)
                .with(CsvSchema.emptySchema()).readValues(reader)) {
            while (it.hasNextValue()) {
                String[] row = it.nextValue();
                if (row.length == 1 && row[0].isEmpty()) {
                    continue; // blank line
                }
                rows.add(Arrays.asList(row));
            }
        } catch (JacksonException e) {
            throw new FileFormatException((source == null ? "CSV" : source.toString()) + ": not valid CSV: "
                    + e.getOriginalMessage(), e);
        }
        if (rows.isEmpty()) {
            throw new FileFormatException((source == null ? "CSV" : source.toString()) + ": empty file, expected a header row");
        }
        List<String> header = new ArrayList<>();
        for (String h : rows.get(0)) {
            header.add(h.strip());
        }
        for (int r = 1; r < rows.size(); r++) {
            if (rows.get(r).size() != header.size()) {
                throw new FileFormatException((source == null ? "CSV" : source.toString()) + ": row " + r + " has "
                        + rows.get(r).size() + " cells where the header has " + header.size() + ", so the file is damaged "
                        + "(cut short or edited)");
            }
        }
        return new CsvTable(source, header, new ArrayList<>(rows.subList(1, rows.size())));
    }

    /** Writes a header and rows atomically (see {@link #format(Object)} for how cells are written). */
    public static void write(Path file, List<String> header, List<? extends List<?>> rows) throws IOException {
        AtomicFiles.write(file, out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            write(writer, header, rows);
            writer.flush();
        });
    }

    /** CSV text for a header and rows. */
    public static String toString(List<String> header, List<? extends List<?>> rows) {
        StringWriter writer = new StringWriter();
        try {
            write(writer, header, rows);
        } catch (IOException e) {
            throw new AssertionError("StringWriter does not fail", e);
        }
        return writer.toString();
    }

    private static void write(Writer writer, List<String> header, List<? extends List<?>> rows) throws IOException {
        CsvGenerator gen = MAPPER.getFactory().createGenerator(writer);
        gen.setSchema(CsvSchema.emptySchema().withLineSeparator("\n"));
        gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        writeRow(gen, header);
        for (List<?> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("row of " + row.size() + " cells for a header of " + header.size());
            }
            writeRow(gen, row);
        }
        gen.close();
    }

    private static void writeRow(CsvGenerator gen, List<?> row) throws IOException {
        gen.writeStartArray();
        for (Object cell : row) {
            gen.writeString(format(cell));
        }
        gen.writeEndArray();
    }

    /**
     * How a cell is written: null and non-finite numbers as an empty cell, floating-point numbers in plain
     * decimal with the fewest digits that read back to the same double ({@code 1.0E-5} becomes
     * {@code 0.00001}), other values by {@code toString()}.
     */
    public static String format(Object cell) {
        if (cell == null) {
            return "";
        }
        if (cell instanceof Double || cell instanceof Float) {
            double d = ((Number) cell).doubleValue();
            return number(d);
        }
        return cell.toString();
    }

    /** A double in plain decimal (shortest round-trip digits), or "" for NaN and infinities. */
    public static String number(double d) {
        if (!Double.isFinite(d)) {
            return "";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }
}
