package io.somnus.report;

import io.somnus.experiment.config.StudyControl;
import io.somnus.experiment.stats.AggregateRow;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The untrained controls beside one trained group of the versus-sleep panels (the same preset, dataset and grid
 * variant): their weights never change and they never sleep, so that each had a grid of its own of one point per
 * panel, which made the page long and said little. Here each is a reference line across its trained group's panels,
 * and one table holds their means with their intervals.
 */
final class UntrainedControls {
    /** A control's label (untrained, untrained_sleep_target) → its rows, labels in order: each keeps its stroke. */
    private final Map<String, List<AggregateRow>> byLabel = new TreeMap<>();

    /** The colour of a legend entry that stands for a control's lines in several series' colours. */
    static final Color LEGEND_GREY = new Color(0x55, 0x55, 0x55);

    /**
     * The controls by the trained group they stand beside, for those whose trained group the rows hold; a control
     * without one keeps a grid of its own.
     */
    static Map<Group, UntrainedControls> byTrainedGroup(Map<Group, List<AggregateRow>> rowsByGroup) {
        Map<Group, UntrainedControls> out = new LinkedHashMap<>();
        for (Map.Entry<Group, List<AggregateRow>> g : rowsByGroup.entrySet()) {
            trainedOf(g.getKey()).filter(rowsByGroup::containsKey).ifPresent(t -> out
                    .computeIfAbsent(t, k -> new UntrainedControls()).byLabel
                    .put(StudyControl.labelIn(g.getKey().variant()), g.getValue()));
        }
        return out;
    }

    /** The trained group a control's group stands beside; empty for a group that is not a control's. */
    static Optional<Group> trainedOf(Group g) {
        return StudyControl.labelIn(g.variant()).isEmpty() ? Optional.empty()
                : Optional.of(new Group(g.preset(), g.model(), g.dataset(), StudyControl.gridPartOf(g.variant())));
    }

    /** The labels of the controls with a row of any of {@code metrics}, in order. */
    List<String> labels(List<String> metrics) {
        return byLabel.keySet().stream().filter(l -> metrics.stream().anyMatch(m -> row(l, m).isPresent())).toList();
    }

    private Optional<AggregateRow> row(String label, String metric) {
        return byLabel.get(label).stream().filter(r -> r.metric().equals(metric)).findFirst();
    }

    /**
     * Draws each control's mean of each of {@code metrics} (the panel's series, in their order) as a horizontal line
     * from {@code x0} to {@code x1}, in its series' colour and the control's own stroke (the STDP-versus-SG panel's),
     * and adds it to {@code extent} at {@code x}, an x value of the panel's points. One series: the line is the
     * control's legend entry; several: a grey entry of the control's stroke stands for its lines. Returns the largest
     * mean drawn (−∞ for none).
     */
    double draw(XYChart chart, List<String> metrics, double x0, double x1, double x, Extent extent) {
        double largest = Double.NEGATIVE_INFINITY;
        List<String> all = List.copyOf(byLabel.keySet());
        for (String label : labels(metrics)) {
            // by its place among all the controls: one stroke in every panel, though a panel may lack one of them
            int k = all.indexOf(label);
            var stroke = ModelComparisonSection.CONTROL_STROKES[k % ModelComparisonSection.CONTROL_STROKES.length];
            double first = Double.NaN;
            for (int i = 0; i < metrics.size(); i++) {
                Optional<AggregateRow> r = row(label, metrics.get(i));
                if (r.isEmpty() || !Double.isFinite(r.get().stats().mean())) {
                    continue;
                }
                double mean = r.get().stats().mean();
                first = Double.isNaN(first) ? mean : first;
                largest = Math.max(largest, mean);
                XYSeries line = Charts.line(chart, metrics.size() == 1 ? label : label + " " + metrics.get(i),
                        new double[] {x0, x1}, new double[] {mean, mean}, Charts.qualitative(i));
                line.setMarker(SeriesMarkers.NONE);
                line.setLineStyle(stroke);
                line.setShowInLegend(metrics.size() == 1);
                extent.add(new double[] {x}, new double[] {mean}, new double[] {Double.NaN}, new double[] {Double.NaN});
            }
            if (metrics.size() > 1 && !Double.isNaN(first)) {
                // a line of no length on one the plot draws already: a legend entry that draws nothing
                XYSeries entry = Charts.line(chart, label, new double[] {x0, x0}, new double[] {first, first}, LEGEND_GREY);
                entry.setMarker(SeriesMarkers.NONE);
                entry.setLineStyle(stroke);
            }
        }
        return largest;
    }

    /**
     * One table of every control's mean and 95 % interval of each panel's quantities, the numbers their own panels
     * showed: a row per quantity (per projection where a panel has several), a column per control.
     */
    void table(Html html, List<VersusSleepSection.Panel> panels) {
        List<String> labels = new ArrayList<>(byLabel.keySet());
        List<List<String>> t = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("quantity"));
        Map<String, Integer> runs = new LinkedHashMap<>();
        for (String label : labels) {
            int n = byLabel.get(label).stream().mapToInt(r -> r.stats().n()).max().orElse(0);
            runs.put(label, n);
            String fractions = String.join(", ", byLabel.get(label).stream().map(r -> r.cell().sleepFraction()).distinct()
                    .sorted().map(Formats::fraction).toList());
            head.add(label + " (f = " + fractions + " asked, n = " + n + "): mean [95 % CI]");
        }
        t.add(head);
        for (VersusSleepSection.Panel panel : panels) {
            for (String metric : panel.metrics()) {
                List<Optional<AggregateRow>> cells = labels.stream().map(l -> row(l, metric)).toList();
                if (cells.stream().allMatch(Optional::isEmpty)) {
                    continue;
                }
                NumberColumn rule = NumberColumn.of(cells.stream().flatMap(Optional::stream)
                        .mapToDouble(r -> r.stats().mean()), Formats.NOISE);
                List<String> row = new ArrayList<>(List.of(panel.metrics().size() > 1
                        ? panel.title() + ", " + panel.label().apply(metric) : panel.title()));
                for (int k = 0; k < labels.size(); k++) {
                    int n = runs.get(labels.get(k));
                    row.add(cells.get(k).map(r -> Formats.meanCi(r.stats(), Formats.NOISE, n, rule)).orElse("not recorded"));
                }
                t.add(row);
            }
        }
        html.table(t, "data");
    }
}
