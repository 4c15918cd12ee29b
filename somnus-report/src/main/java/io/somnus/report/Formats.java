package io.somnus.report;

import io.somnus.experiment.stats.CellStats;
import io.somnus.experiment.stats.RunRecord;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** How the report writes sleep fractions, means with their CI and lists of distinct values. */
final class Formats {
    private Formats() {}

    /** A sleep fraction as in run ids: at least two decimals, more where needed (0.2 → 0.20, 0.125 → 0.125). */
    static String fraction(double f) {
        BigDecimal d = new BigDecimal(Double.toString(f)).stripTrailingZeros();
        return (d.scale() < 2 ? d.setScale(2) : d).toPlainString();
    }

    /** "mean [low, high] (n = k)" to three significant digits; "mean (n = k)" without a CI. */
    static String meanCi(CellStats s) {
        String n = " (n = " + s.n() + ")";
        if (Double.isNaN(s.ciLow())) {
            return Html.sig(s.mean(), 3) + n;
        }
        return Html.sig(s.mean(), 3) + " [" + Html.sig(s.ciLow(), 3) + ", " + Html.sig(s.ciHigh(), 3) + "]" + n;
    }

    /** A table cell: a number to significant digits, anything else as it is. */
    static String number(String cell) {
        try {
            return Html.sig(Double.parseDouble(cell));
        } catch (NumberFormatException e) {
            return cell;
        }
    }

    /** The distinct values of {@code f} over the runs, numbers in numeric order, joined by commas. */
    static String distinct(List<RunRecord> runs, Function<RunRecord, String> f) {
        return runs.stream().map(f).distinct().sorted(Formats::naturalCompare).collect(Collectors.joining(", "));
    }

    private static int naturalCompare(String a, String b) {
        try {
            return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }
}
