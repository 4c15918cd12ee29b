package io.somnus.experiment.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
    @TempDir
    Path tmp;

    @Test
    void numbersArePlainDecimalAndMissingIsEmpty() {
        assertEquals("0.00001", Csv.number(1e-5));
        assertEquals("123456789012", Csv.number(123456789012.0));
        assertEquals("0.1", Csv.number(0.1));
        assertEquals("-2.5", Csv.number(-2.5));
        assertEquals("", Csv.number(Double.NaN));
        assertEquals("", Csv.format(null));
        assertEquals("3", Csv.format(3));
    }

    @Test
    void writesQuotesWhereNeededAndReadsBack() throws Exception {
        Path file = tmp.resolve("t.csv");
        Csv.write(file, List.of("run_id", "metric", "value"),
                List.of(List.of("a,b", "acc", 0.5), Arrays.asList("c\"d", "acc", null)));
        String text = Files.readString(file);
        assertEquals("run_id,metric,value\n\"a,b\",acc,0.5\n\"c\"\"d\",acc,\n", text);
        CsvTable t = Csv.read(file);
        assertEquals(List.of("run_id", "metric", "value"), t.header());
        assertEquals("a,b", t.cell(0, "run_id"));
        assertEquals("c\"d", t.cell(1, "run_id"));
        double[] v = t.doubles("value");
        assertEquals(0.5, v[0]);
        assertTrue(Double.isNaN(v[1]));
    }

    @Test
    void readsMetricsWithEmptyCellsAndAbsentColumns() throws Exception {
        Path file = tmp.resolve("metrics.csv");
        Files.writeString(file, "images_seen,val_accuracy,phi\n100,0.5,\n200,0.625,0.1\n");
        CsvTable t = Csv.read(file);
        assertArrayEquals(new double[] {100, 200}, t.doubles("images_seen"));
        assertTrue(Double.isNaN(t.doubles("phi")[0]));
        assertFalse(t.hasColumn("rf_cosine"));
        assertTrue(Double.isNaN(t.doubles("rf_cosine")[1]));
    }

    @Test
    void aBadNumberNamesFileRowColumnAndValue() throws Exception {
        Path file = tmp.resolve("metrics.csv");
        Files.writeString(file, "images_seen,val_accuracy\n100,abc\n");
        CsvTable t = Csv.read(file);
        FileFormatException e = assertThrows(FileFormatException.class, () -> t.doubles("val_accuracy"));
        assertTrue(e.getMessage().contains("metrics.csv") && e.getMessage().contains("row 1")
                && e.getMessage().contains("val_accuracy") && e.getMessage().contains("'abc'"), e.getMessage());
    }

    /**
     * A file cut short: mid-row it has a short last row, at a cell's middle a shorter last number; either way its last
     * line has no line end. Both are errors naming the file, where the short row read as an absent value before.
     */
    @Test
    void aFileCutShortIsAnErrorNamingIt() throws Exception {
        String whole = "images_seen,val_accuracy,phi\n100,0.5,1.25\n200,0.625,0.125\n";
        Path file = tmp.resolve("metrics.csv");
        Files.writeString(file, whole);
        assertEquals(2, Csv.read(file).rowCount());
        for (int cut : new int[] {whole.length() - 1, whole.length() - 3, whole.length() - 9}) {
            Files.writeString(file, whole.substring(0, cut));
            FileFormatException e = assertThrows(FileFormatException.class, () -> Csv.read(file), "cut at " + cut);
            assertTrue(e.getMessage().startsWith(file + ": its last line has no line end"), e.getMessage());
        }
        Files.writeString(file, "images_seen,val_accuracy,phi\n100,0.5\n200,0.625,0.125\n"); // a row short inside
        FileFormatException e = assertThrows(FileFormatException.class, () -> Csv.read(file));
        assertTrue(e.getMessage().contains("metrics.csv: row 1 has 2 cells where the header has 3"), e.getMessage());
    }

    @Test
    void anEmptyFileIsAnError() throws Exception {
        Path file = tmp.resolve("empty.csv");
        Files.writeString(file, "");
        FileFormatException e = assertThrows(FileFormatException.class, () -> Csv.read(file));
        assertTrue(e.getMessage().contains("empty.csv"));
    }
}
