package io.somnus.cli;

import io.somnus.core.NumberText;
import io.somnus.experiment.compare.ArrayComparison;
import io.somnus.experiment.compare.FileComparison;
import io.somnus.experiment.compare.RunComparison;
import io.somnus.experiment.compare.SummaryDifference;
import io.somnus.experiment.compare.SweepComparison;
import io.somnus.experiment.compare.TableComparison;
import io.somnus.experiment.compare.Tolerance;
import io.somnus.experiment.io.Csv;
import io.somnus.experiment.io.TreeDifferences;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The terminal's text of a {@link RunComparison}: the verdict on the first line, then where the runs part. */
final class ComparisonText {
    /** Values longer than this are cut in the text (--json gives them whole). */
    private static final int VALUE_CHARACTERS = 70;

    /** The differing cells of a table's first differing row shown in the text (--json gives them all). */
    private static final int CELLS_SHOWN = 8;
    /** Significant digits of a difference B − A: enough to see it, not its rounding noise (0.010000000000000009). */
    private static final MathContext DELTA_DIGITS = new MathContext(10);

    private ComparisonText() { }

    /**
     * Two sweeps: a line saying whether the sweep's results (its tables) are the same and how many runs are identical,
     * then each result file, then one line per run id with its verdict.
     */
    static List<String> lines(SweepComparison c) {
        Map<SweepComparison.Outcome, Long> counts = new EnumMap<>(SweepComparison.Outcome.class);
        c.runs().forEach(r -> counts.merge(r.outcome(), 1L, Long::sum));
        counts.remove(SweepComparison.Outcome.IDENTICAL_RESULTS);
        String others = counts.isEmpty() ? "" : " (" + String.join(", ", counts.entrySet().stream()
                .map(e -> e.getValue() + " " + label(e.getKey())).toList()) + ")";
        List<String> out = new ArrayList<>();
        out.add("sweeps: " + tables(c) + "; " + c.identicalRuns() + " of " + c.runs().size() + " run ids identical "
                + "results" + others);
        out.add("A: " + c.a());
        out.add("B: " + c.b());
        out.add("sweep.yaml (A → B; context, not results):" + (c.sweepFile() == null ? " neither sweep has one"
                : c.sweepFile().isEmpty() ? " same" : ""));
        if (c.sweepFile() != null) {
            c.sweepFile().forEach(d -> out.add("    " + text(d)));
        }
        out.add("results of the sweep:" + (c.results().isEmpty() ? " none in either (not aggregated)" : ""));
        files(c.results(), out);
        out.add("runs:");
        for (SweepComparison.Run r : c.runs()) {
            out.add("  " + r.id() + ": " + switch (r.outcome()) {
                case ONLY_IN_A, ONLY_IN_B -> label(r.outcome());
                case NOT_COMPARED -> label(r.outcome()) + ": " + r.problem();
                default -> verdict(r.comparison(), false);
            });
        }
        out.add("(one run's differences: somnus compare " + c.a().resolve("runs/ID") + " " + c.b().resolve("runs/ID")
                + ")");
        return out;
    }

    /** The sweep's result files in a phrase: identical, the same numbers, or where they part first. */
    private static String tables(SweepComparison c) {
        if (c.compared().isEmpty() && c.verdict() != RunComparison.Verdict.DIFFERENT) {
            return "no result tables to compare";
        }
        String files = String.join(", ", c.compared());
        return switch (c.verdict()) {
            case IDENTICAL_RESULTS -> "tables identical (" + files + " byte for byte the same"
                    + c.compared().stream().filter(f -> !SweepComparison.leftOut(f).isEmpty()).map(f -> ", " + f
                            + " but for its " + String.join(", ", SweepComparison.leftOut(f))).collect(
                                    Collectors.joining()) + ")";
            case SAME_NUMBERS_DIFFERENT_FILES -> "tables hold the same numbers (" + files + "), not all the same bytes";
            case SAME_WITHIN_TOLERANCE -> "tables the same within tolerance " + withinTolerance(c.tolerance(),
                    FileComparison.largestDelta(c.results()));
            case DIFFERENT -> "tables different: " + c.partsFirst() + " parts first, at "
                    + partsAt(c.results(), c.partsFirst()) + beyond(c.tolerance());
        };
    }

    private static String label(SweepComparison.Outcome o) {
        return switch (o) {
            case IDENTICAL_RESULTS -> "identical results";
            case SAME_NUMBERS_DIFFERENT_FILES -> "same numbers, different files";
            case SAME_WITHIN_TOLERANCE -> "same within tolerance";
            case DIFFERENT -> "different";
            case ONLY_IN_A -> "only in A";
            case ONLY_IN_B -> "only in B";
            case NOT_COMPARED -> "not compared";
        };
    }

    /** Two runs: the verdict, then the configuration, the provenance and each result file. */
    static List<String> lines(RunComparison c) {
        List<String> out = new ArrayList<>();
        out.add(verdict(c, true));
        out.add("A: " + c.a());
        out.add("B: " + c.b());
        out.add("configuration (A → B):" + (c.configuration().isEmpty() ? " same" : ""));
        c.configuration().forEach(d -> out.add("    " + text(d)));
        out.add("provenance (where and how each ran; context, not results):"
                + (c.provenance().isEmpty() ? " same, but for the start and end times" : ""));
        c.provenance().forEach(d -> out.add("    " + text(d)));
        out.add("results:");
        files(c.results(), out);
        return out;
    }

    /** Each result file's line, and under it where its arrays, rows or values differ. */
    private static void files(List<FileComparison> results, List<String> out) {
        for (FileComparison f : results) {
            out.add("  " + f.file() + ": " + switch (f.outcome()) {
                case IDENTICAL_BYTES -> "identical bytes" + (SweepComparison.leftOut(f.file()).isEmpty() ? ""
                        : " (but for " + String.join(", ", SweepComparison.leftOut(f.file())) + ", the time it was "
                                + "written)");
                case SAME_NUMBERS -> "same numbers, other bytes";
                case WITHIN_TOLERANCE -> "same within tolerance, largest |Δ| " + delta(f.maxAbsDelta());
                case DIFFERENT -> "different from " + f.partsAt();
                case ONLY_IN_A, ONLY_IN_B -> f.partsAt() + (SweepComparison.GLMM_FILES.contains(f.file())
                        ? " (R fitted the GLMM on one side only: not counted as a difference)" : "");
            });
            if (f.arrays() != null) {
                f.arrays().forEach(x -> out.add("      " + array(x)));
            }
            if (f.table() != null) {
                table(f.table(), out);
            }
            if (f.summary() != null) {
                f.summary().forEach(s -> out.add("      " + summary(s)));
            }
        }
    }

    /** Where {@code file}, the result file that parts first, parts, as its comparison in {@code results} says. */
    private static String partsAt(List<FileComparison> results, String file) {
        return results.stream().filter(r -> r.file().equals(file)).findFirst().orElseThrow().partsAt();
    }

    /** The verdict line: what the result files hold, and where they part first ({@code withFiles}: naming them all). */
    private static String verdict(RunComparison c, boolean withFiles) {
        String files = String.join(", ", c.compared());
        return switch (c.verdict()) {
            case IDENTICAL_RESULTS -> "identical results: " + files + " byte for byte the same";
            case SAME_NUMBERS_DIFFERENT_FILES -> "same numbers, different files: " + files + " hold the same numbers, "
                    + "but not all the same bytes";
            case SAME_WITHIN_TOLERANCE -> "same within tolerance " + withinTolerance(c.tolerance(), c.largestDelta())
                    + (withFiles ? " (compared " + files + ")" : "");
            case DIFFERENT -> "different: " + c.partsFirst() + " parts first, at "
                    + partsAt(c.results(), c.partsFirst()) + beyond(c.tolerance())
                    + (withFiles ? " (compared " + files + ")" : "");
        };
    }

    /** "(atol 1e-6, rtol 0)": the tolerances given. */
    private static String tolerance(Tolerance t) {
        return "(atol " + NumberText.of(t.atol()) + ", rtol " + NumberText.of(t.rtol()) + ")";
    }

    /** "(atol …, rtol …): largest |Δ| 2.5e-7 in weights.npz": the tolerance and the file of the largest |B − A|. */
    private static String withinTolerance(Tolerance t, FileComparison largest) {
        return tolerance(t) + ": largest |Δ| " + delta(largest.maxAbsDelta()) + " in " + largest.file();
    }

    /** Where a tolerance was given, that the place named is beyond it. */
    private static String beyond(Tolerance t) {
        return t.exact() ? "" : ", beyond the tolerance " + tolerance(t);
    }

    private static String text(TreeDifferences.Difference d) {
        return d.removedItem() ? d.toString() : d.field() + ": " + cut(TreeDifferences.Difference.text(d.a())) + " → "
                + cut(TreeDifferences.Difference.text(d.b()));
    }

    private static String cut(String value) {
        return value.length() <= VALUE_CHARACTERS ? value : value.substring(0, VALUE_CHARACTERS - 1) + "…";
    }

    private static String array(ArrayComparison x) {
        return x.name() + " " + switch (x.outcome()) {
            case IDENTICAL -> Arrays.toString(x.shapeA()) + " " + x.typeA() + ": identical";
            case WITHIN_TOLERANCE -> Arrays.toString(x.shapeA()) + " " + x.typeA() + ": " + x.withinTolerance() + " of "
                    + x.size() + " entries differ within the tolerance, max |Δ| " + delta(x.maxAbsDelta());
            case ONLY_IN_A -> Arrays.toString(x.shapeA()) + " " + x.typeA() + ": only in A";
            case ONLY_IN_B -> Arrays.toString(x.shapeB()) + " " + x.typeB() + ": only in B";
            case DIFFERENT_SHAPE -> "shape " + Arrays.toString(x.shapeA()) + " " + x.typeA() + " in A, "
                    + Arrays.toString(x.shapeB()) + " " + x.typeB() + " in B";
            case DIFFERENT_VALUES -> Arrays.toString(x.shapeA()) + " " + x.typeA() + ": " + x.differing() + " of "
                    + x.size() + " entries differ, max |Δ| " + number(x.maxAbsDelta()) + ", first at "
                    + Arrays.toString(x.firstIndex()) + " (A " + number(x.firstA()) + ", B " + number(x.firstB()) + ")"
                    + (x.withinTolerance() == 0 ? "" : "; " + x.withinTolerance() + " more within the tolerance");
        };
    }

    private static void table(TableComparison t, List<String> out) {
        if (!t.onlyInA().isEmpty() || !t.onlyInB().isEmpty()) {
            out.add("      columns only in A " + t.onlyInA() + ", only in B " + t.onlyInB());
        }
        int both = Math.min(t.rowsA(), t.rowsB());
        List<String> counts = new ArrayList<>();
        if (both > 0) {
            counts.add(t.differingRows() + " of the " + both + " data rows in both differ"
                    + (t.rowsWithinTolerance() == 0 ? "" : ", " + t.rowsWithinTolerance() + " more within the "
                            + "tolerance (max |Δ| " + delta(t.maxAbsDelta()) + ")"));
        }
        if (t.rowsA() != t.rowsB()) {
            counts.add("A has " + t.rowsA() + " data rows, B " + t.rowsB());
        }
        out.add("      " + String.join("; ", counts));
        int shown = 0;
        for (Map.Entry<String, List<String>> e : t.firstCells().entrySet()) {
            if (shown++ == CELLS_SHOWN) {
                out.add("      row " + t.firstRow() + ": and " + (t.firstCells().size() - CELLS_SHOWN) + " more columns "
                        + "(--json lists them)");
                break;
            }
            out.add("      row " + t.firstRow() + " " + e.getKey() + ": A " + cut(e.getValue().get(0)) + ", B "
                    + cut(e.getValue().get(1)));
        }
    }

    private static String summary(SummaryDifference s) {
        String line = s.field() + ": A " + cut(TreeDifferences.Difference.text(s.a())) + ", B "
                + cut(TreeDifferences.Difference.text(s.b()));
        return (Double.isNaN(s.delta()) ? line : line + ", B − A " + (s.delta() > 0 ? "+" : "")
                + rounded(s.delta()).stripTrailingZeros().toPlainString())
                + (s.withinTolerance() ? " (within the tolerance)" : "");
    }

    /** A difference to {@link #DELTA_DIGITS}. */
    private static BigDecimal rounded(double delta) {
        return new BigDecimal(delta).round(DELTA_DIGITS);
    }

    /** A |Δ| within a tolerance, to {@link #DELTA_DIGITS}, as people write numbers ({@code 1e-7}, {@code 0.001}). */
    private static String delta(double d) {
        return Double.isNaN(d) ? "NaN" : NumberText.of(rounded(d).doubleValue());
    }

    /** A number with the fewest digits that read back as it; NaN as "NaN"; an integer array's entry whole. */
    private static String number(Number n) {
        double d = n.doubleValue();
        return n instanceof Long ? n.toString() : Double.isNaN(d) ? "NaN" : Csv.number(d);
    }
}
