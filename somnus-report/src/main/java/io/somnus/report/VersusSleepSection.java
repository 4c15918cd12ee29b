package io.somnus.report;

import io.somnus.experiment.stats.AggregateRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.knowm.xchart.XYChart;

/** Final accuracy, stability, saturation and diversity against sleep fraction: a grid of panels per group. */
final class VersusSleepSection implements ComparingSection {
    /**
     * A panel; {@code floor} and {@code ceiling} bound its quantity (an accuracy's 0 and 1), ±∞ where none: its
     * interval bars are drawn within them; {@code needs}: what its quantity needs of the runs, said where none has it.
     */
    record Panel(String title, String yTitle, List<String> metrics, Function<String, String> label, double floor,
            double ceiling, String needs) {
        Panel(String title, String yTitle, List<String> metrics, Function<String, String> label, double floor,
                double ceiling) {
            this(title, yTitle, metrics, label, floor, ceiling, "");
        }

        /** Its title, and where its quantity has a condition the runs may not meet, that condition. */
        String absent() {
            return needs.isEmpty() ? title : title + " (" + needs + ")";
        }
    }

    private static final double NONE = Double.POSITIVE_INFINITY;

    @Override
    public String id() {
        return "vs-sleep";
    }

    @Override
    public String title() {
        return "Accuracy, stability, saturation and diversity versus sleep fraction";
    }

    @Override
    public String navLabel() {
        return "vs sleep";
    }

    @Override
    public void write(ReportContext ctx) {
        Html html = ctx.html();
        html.p("Each point is the mean across seeds at the end of training, with its 95 % confidence interval "
                + "(accuracies and fractions: a t-interval on the logit scale of the values squeezed away from 0 and 1 "
                + "by (x·(n − 1) + ½)/n, turned back and clipped to [0, 1] where that overshoots; other quantities: a "
                + "plain t-interval, its bar clipped at 0 where it reaches below for a quantity that cannot be negative "
                + "(the std of the last quarter, Σ|w|, φ) and at ±1 for the cosine similarity: a bar that ends there "
                + "marks the quantity's bound, not the interval's end, which aggregate.csv gives). The x axis is the sleep fraction a run "
                + "asked for; the sleep it got is in the verdict's details and the run table. In a panel of several "
                + "series, each is drawn a little to the side of the one before, with its own marker, so that equal "
                + "values stay visible. An untrained control (its weights never change, and it does not sleep) is a line at its mean "
                + "across the panels of the trained runs it stands beside, dashed or dotted its own way, in the colour of "
                + "the series it is read against; a table under those panels gives its means with their intervals. "
                + AxisTitles.WEIGHT_UNITS);
        Map<Group, List<AggregateRow>> byGroup = new LinkedHashMap<>();
        for (AggregateRow r : ctx.rows()) {
            byGroup.computeIfAbsent(Group.of(r.cell()), k -> new ArrayList<>()).add(r);
        }
        Map<Group, UntrainedControls> controls = UntrainedControls.byTrainedGroup(byGroup);
        for (Map.Entry<Group, List<AggregateRow>> g : byGroup.entrySet()) {
            if (UntrainedControls.trainedOf(g.getKey()).filter(controls::containsKey).isPresent()) {
                continue;   // drawn in its trained group's panels
            }
            UntrainedControls beside = controls.get(g.getKey());
            html.heading("h3", g.getKey().anchor(id()), g.getKey().title());
            List<AggregateRow> groupRows = g.getValue();
            Set<String> metrics = groupRows.stream().map(AggregateRow::metric).collect(Collectors.toCollection(LinkedHashSet::new));
            List<String> missing = new ArrayList<>();
            double[] fractions = groupRows.stream().mapToDouble(r -> r.cell().sleepFraction()).distinct().toArray();
            html.gridStart();
            List<String> projections = Projections.inNetworkOrder(metrics.stream().filter(m -> m.startsWith("weights."))
                    .map(VersusSleepSection::projection).distinct().toList(), ctx.groups().getOrDefault(g.getKey(), List.of()));
            List<Panel> panels = panels(projections, g.getKey().model());
            for (Panel panel : panels) {
                List<String> present = panel.metrics().stream().filter(metrics::contains).toList();
                if (present.isEmpty()) {
                    missing.add(panel.absent());
                    continue;
                }
                List<String> references = beside == null ? List.of() : beside.labels(present);
                List<String> names = new ArrayList<>(present.size() > 1 ? present.stream().map(panel.label()).toList()
                        : references.isEmpty() ? List.of() : List.of(TRAINED));
                names.addAll(references);
                // a legend below the plot, where it leaves the plot as large as its neighbours' of one series
                XYChart chart = names.size() > 1 ? Charts.xyLegendBelow(panel.title(), AxisTitles.SLEEP_ASKED,
                        panel.yTitle(), 380, 270, names)
                        : Charts.xy(panel.title(), AxisTitles.SLEEP_ASKED, panel.yTitle(), 380, 270);
                Extent extent = new Extent().within(panel.floor(), panel.ceiling());
                double hi = 0;
                int i = 0;
                for (String metric : present) {
                    List<AggregateRow> series = groupRows.stream().filter(r -> r.metric().equals(metric))
                            .sorted(Comparator.comparingDouble(r -> r.cell().sleepFraction())).toList();
                    // series side by side, so that one with the same values as another stays in sight
                    double dodge = Charts.dodge(i, present.size());
                    double[] x = series.stream().mapToDouble(r -> r.cell().sleepFraction() + dodge).toArray();
                    double[] y = series.stream().mapToDouble(r -> r.stats().mean()).toArray();
                    // a t-interval of two or three seeds is wide: drawn past the quantity's bound it would read as
                    // negative stds or sums of |w| possible (the logit interval of a fraction stays inside already)
                    double[] ciLo = series.stream().mapToDouble(r -> Math.max(panel.floor(), r.stats().ciLow())).toArray();
                    double[] ciHi = series.stream().mapToDouble(r -> Math.min(panel.ceiling(), r.stats().ciHigh())).toArray();
                    extent.add(x, y, ciLo, ciHi);
                    hi = Math.max(hi, Arrays.stream(y).max().orElse(0));
                    String name = present.size() > 1 ? panel.label().apply(metric)
                            : references.isEmpty() ? panel.title() : TRAINED;
                    Charts.intervals(chart, name, x, y, ciLo, ciHi, Charts.qualitative(i)).setMarker(Charts.marker(i));
                    i++;
                }
                if (!references.isEmpty()) {
                    // across the points and their side-by-side offsets, as wide as the x axis padDodged sets
                    double reach = present.size() > 1 ? Charts.dodge(present.size() - 1, present.size()) + Charts.DODGE
                            : fractions.length == 1 ? Charts.DODGE : 0;
                    double lo = Arrays.stream(fractions).min().orElse(0);
                    hi = Math.max(hi, beside.draw(chart, present, lo - reach, Arrays.stream(fractions).max().orElse(0)
                            + reach, lo + Charts.dodge(0, present.size()), extent));
                }
                // a log axis must stay above zero including the interval bars (XChart refuses otherwise)
                double lo = extent.bottom();
                boolean logScale = panel.title().equals("total |w|") && Ticks.logAxis(lo, hi);
                if (logScale) {
                    Ticks.logYTicks(chart, lo, hi);
                }
                // one sleep fraction (a control's panel), or a few without intervals (one seed): XChart labelled the
                // y axis at the values alone, two of them, or none where they differed in the fourth digit
                if (fractions.length == 1) {
                    // its series side by side: two of them (h_out, in_h) were labelled at their two values alone
                    extent.roundIfAtMost(chart, present.size());
                } else if (present.size() == 1) {
                    extent.roundIfAtMost(chart, FEW_FRACTIONS);
                }
                if (panel.title().equals("total |w|")) {
                    chart.setYAxisTitle(AxisTitles.totalWeight(g.getKey().model(), "", logScale));
                }
                chart.getStyler().setLegendVisible(names.size() > 1);
                chart.getStyler().setXAxisDecimalPattern("0.00");
                Charts.padDodged(chart, Arrays.stream(fractions).min().orElse(0), Arrays.stream(fractions).max().orElse(0),
                        present.size());
                if (names.size() > 1 && fractions.length == 1) {
                    // one sleep fraction: the series drawn to its sides must not read as fractions of their own
                    chart.getStyler().setXAxisTicksVisible(false);
                    chart.setXAxisTitle(AxisTitles.SLEEP_ASKED + ": " + Formats.fraction(fractions[0]));
                }
                html.svgFigure(ctx.svg(chart), panel.title() + " against the " + AxisTitles.SLEEP_ASKED + ", mean and 95 % CI across "
                        + "seeds, " + g.getKey().title(), null, "fig");
            }
            html.gridEnd();
            if (metrics.contains(SparseInputCosine.METRIC)) {
                // a cosine near p in every run, trained or not, read as "no learning"; said where any run is sparse
                SparseInputCosine.note(ctx.groups().getOrDefault(g.getKey(), List.of()),
                        SparseInputCosine.untrained(ctx.rows(), g.getKey())).ifPresent(html::note);
            }
            if (beside != null) {
                html.p("The untrained controls beside these runs (plasticity off: their weights stay as initialised, and "
                        + "they do not sleep), drawn above as lines at their means, each with its own stroke:");
                beside.table(html, panels);
            }
            if (!missing.isEmpty()) {
                html.note("not recorded: " + String.join(", ", missing));
            }
            if (groupRows.stream().allMatch(r -> r.stats().n() < 2)) {
                // without a note the bare points read as if their intervals had failed to draw
                html.note(ONE_SEED);
            }
        }
    }

    /** The legend's name of a panel's one series of trained runs, beside its untrained controls' lines. */
    static final String TRAINED = "trained";

    /** The note under a group whose every point is one run's: nothing to draw an interval from. */
    static final String ONE_SEED = "one seed per point: no confidence intervals (a sweep needs two seeds or more for them)";

    /** Up to this many sleep fractions, a panel of one series gets its y axis set to round steps. */
    static final int FEW_FRACTIONS = 3;

    /**
     * The panels, in order; those over projections have one series per projection, in the order given. Their y axes
     * say what is measured and in which unit ({@link AxisTitles}; {@code model} the weights').
     */
    static List<Panel> panels(List<String> projections, String model) {
        return List.of(
                new Panel("final test accuracy", AxisTitles.accuracy("test"), List.of("test_accuracy"), m -> "test", 0, 1),
                new Panel("max drawdown of validation accuracy", "largest fall (" + AxisTitles.ACCURACY_UNIT + ")", List.of("stability.max_drawdown"), m -> "", 0,
                        1),
                // a quick study's 4 checkpoints leave none: noted bare, its absence read as a file missing
                new Panel("std of the last quarter", "std of val. accuracy (" + AxisTitles.ACCURACY_UNIT + ")", List.of("stability.last_quarter_std"), m -> "", 0, NONE,
                        "the sample std of a curve's last ⌈n/4⌉ checkpoints, which needs n ≥ 5: train.checkpoints, or "
                                + "an SG-SNN's epochs"),
                new Panel("fraction saturated", "fraction of weights saturated",
                        projections.stream().map(p -> "weights." + p + ".frac_saturated").toList(), VersusSleepSection::projection,
                        0, 1),
                new Panel("total |w|", AxisTitles.totalWeight(model, "", false),
                        projections.stream().map(p -> "weights." + p + ".total_abs").toList(), VersusSleepSection::projection,
                        0, NONE),
                new Panel("winner fraction", "fraction of E neurons", List.of("diversity.winner_fraction"), m -> "", 0, 1),
                new Panel("assignment entropy", "H / log₂ K (0 to 1)", List.of("diversity.assignment_entropy"),
                        m -> "", 0, 1),
                new Panel("receptive-field cosine similarity", "mean pairwise cosine", List.of("diversity.rf_cosine"), m -> "",
                        -1, 1),
                // φ alone named nothing a reader of the page could look up
                new Panel("φ (class separation)", "between- / within-class variance", List.of("phi"), m -> "", 0, NONE));
    }

    /** {@code weights.<projection>.<stat>} → projection. */
    private static String projection(String metric) {
        return metric.substring("weights.".length(), metric.lastIndexOf('.'));
    }
}
