package io.somnus.report;

import io.somnus.experiment.stats.CellKey;
import io.somnus.experiment.stats.CellStats;
import io.somnus.experiment.stats.RunRecord;
import io.somnus.experiment.sweep.SweepPlanner;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** How the report writes sleep fractions, means with their CI, achieved sleep and lists of distinct values. */
final class Formats {
    private Formats() {}

    /** A sleep fraction as in run ids: at least two decimals, more where needed (0.2 → 0.20, 0.125 → 0.125). */
    static String fraction(double f) {
        return SweepPlanner.fraction(f);
    }

    /**
     * Below this magnitude a statistic is shown as 0: rounding noise in a value that is 0 in exact arithmetic (the
     * standard deviation of equal accuracies came out 5.78e-17 and was printed so). The CSV files keep every digit.
     */
    static final double NOISE = 1e-12;
    /** Also shown as 0: a value below this fraction of its column's largest magnitude ({@link #noiseFloor}). */
    static final double RELATIVE_NOISE = 1e-9;

    /** The magnitude below which a column's values are shown as 0: {@link #NOISE}, or more for a column of large values. */
    static double noiseFloor(double columnScale) {
        return Double.isFinite(columnScale) ? Math.max(NOISE, RELATIVE_NOISE * Math.abs(columnScale)) : NOISE;
    }

    /** The value as shown: 0 where its magnitude is below {@code floor} (NaN and ±∞ as they are). */
    static double shown(double v, double floor) {
        return Math.abs(v) < floor ? 0 : v;
    }

    /**
     * "mean [low, high]" by the column's rule ({@link NumberColumn}: the interval's ends with the mean's decimals), or
     * "mean" without a CI; values of magnitude below {@code floor} shown as 0; " (n = k)" added where k is not the
     * table row's {@code rowN} (the cell means repeated "(n = 3)" in each of seven columns beside the row's n, and the
     * table ran past the page's width).
     */
    static String meanCi(CellStats s, double floor, int rowN, NumberColumn column) {
        String n = s.n() == rowN ? "" : " (n = " + s.n() + ")";
        String mean = column.format(shown(s.mean(), floor));
        if (Double.isNaN(s.ciLow())) {
            return mean + n;
        }
        return mean + " [" + column.format(shown(s.ciLow(), floor)) + ", " + column.format(shown(s.ciHigh(), floor))
                + "]" + n;
    }

    /**
     * An achieved sleep fraction (the share of a run's steps asleep), to {@link NumberColumn#DIGITS} significant digits
     * in plain decimal wherever the report writes one: 0.200, 0.0267, 0.000781 (not 7.81e-04 under 0.00156).
     */
    static String achieved(double fraction) {
        return significant(fraction);
    }

    /**
     * A measurement on a run's page that is not an accuracy (firing rates, θ, diversity, times): {@link
     * NumberColumn#DIGITS} significant digits in plain decimal, trailing zeros kept, as the page's saturated fraction and
     * achieved sleep (12.3, 0.154, 0.000781; not 7.81e-04 nor 4 digits beside 3); "–" for NaN.
     */
    static String significant(double v) {
        return SIGNIFICANT.format(v);
    }

    private static final NumberColumn SIGNIFICANT = new NumberColumn(0, true);

    /**
     * An accuracy (a fraction of images classified right), or a fall or difference of accuracies, on a run's page: to
     * three decimals, as the study's tables write a column of accuracies (0.610, not 0.61 beside 0.5333).
     */
    static String accuracy(double v) {
        return new NumberColumn(3, false).format(v);
    }

    /** A table cell: a number to significant digits, anything else as it is. */
    static String number(String cell) {
        try {
            return Html.sig(Double.parseDouble(cell));
        } catch (NumberFormatException e) {
            return cell;
        }
    }

    /**
     * A time as the page shows it: ISO 8601 in UTC to the second ("2026-12-07T13:39:01Z"), where provenance.json and
     * the clock give nanoseconds ("…13:39:01.977503020Z"), digits no reader needs; text that is no instant as it is.
     */
    static String instant(String text) {
        try {
            return instant(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return text;
        }
    }

    /** {@code t} in UTC to the second, as {@link #instant(String)} writes it. */
    static String instant(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** The distinct values of {@code f} over the runs, numbers in numeric order, joined by commas. */
    static String distinct(List<RunRecord> runs, Function<RunRecord, String> f) {
        return runs.stream().map(f).distinct().sorted(Formats::naturalCompare).collect(Collectors.joining(", "));
    }

    /**
     * The distinct values of {@code f} over the runs in the order of {@code part} ({@link CellKey#presets}, {@link
     * CellKey#datasets}, {@link CellKey#variants} of the sweep's cell order) on what {@code key} gives, joined by commas.
     */
    static String distinct(List<RunRecord> runs, Function<RunRecord, String> f, Function<RunRecord, String> key,
                           Comparator<String> part) {
        return runs.stream().sorted(Comparator.comparing(key, part)).map(f).distinct().collect(Collectors.joining(", "));
    }

    private static int naturalCompare(String a, String b) {
        try {
            return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }
}
