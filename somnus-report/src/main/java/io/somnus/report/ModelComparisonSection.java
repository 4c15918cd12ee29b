package io.somnus.report;

import io.somnus.experiment.config.StudyControl;
import io.somnus.experiment.stats.AggregateRow;
import io.somnus.experiment.stats.RunRecord;
import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * STDP-SNN versus SG-SNN: final test accuracy against the sleep fraction asked for, one line per preset, one chart per
 * dataset.
 */
final class ModelComparisonSection implements ComparingSection {
    @Override
    public String id() {
        return "stdp-vs-sg";
    }

    @Override
    public String title() {
        return "STDP-SNN versus SG-SNN";
    }

    @Override
    public String navLabel() {
        return "STDP vs SG";
    }

    @Override
    public void write(ReportContext ctx) {
        Html html = ctx.html();
        Set<String> models = ctx.runs().stream().map(RunRecord::model).collect(Collectors.toCollection(TreeSet::new));
        if (models.size() < 2) {
            html.note("not recorded: this sweep has only the "
                    + String.join(", ", models) + " model; sweep presets of both models (e.g. paper and paper-sg) to compare them");
            return;
        }
        html.p("Final test accuracy against the " + AxisTitles.SLEEP_ASKED + ", one line per preset (mean and 95 % CI across "
                + "seeds; the cell means' \"sleep achieved\" says how much of its time each spent asleep); the "
                + "untrained controls of a sweep with controls as flat lines at their mean, each dashed its own way; the presets are drawn a "
                + "little to either side of each fraction, with their own markers, so that their intervals stay in sight. "
                + "The paper's claim: sleep helps the STDP-SNN and makes no measurable difference to the SG-SNN.");
        // panels and their presets in the rows' order, the sweep's (SweepResults.cellOrder: as its file lists them)
        Map<String, List<AggregateRow>> byDataset = new LinkedHashMap<>();
        Map<String, List<AggregateRow>> controls = new TreeMap<>(); // untrained STDP-SNNs: reference lines, not presets
        for (AggregateRow r : ctx.rows()) {
            if (r.metric().equals("test_accuracy")) {
                String grid = StudyControl.gridPartOf(r.cell().variant());
                boolean control = !StudyControl.labelIn(r.cell().variant()).isEmpty();
                String key = r.cell().dataset() + (grid.isEmpty() ? "" : ", " + grid);
                (control ? controls : byDataset).computeIfAbsent(key, k -> new ArrayList<>()).add(r);
            }
        }
        html.wideGridStart();
        for (Map.Entry<String, List<AggregateRow>> d : byDataset.entrySet()) {
            Map<String, List<AggregateRow>> byPreset = new LinkedHashMap<>();
            for (AggregateRow r : d.getValue()) {
                byPreset.computeIfAbsent(r.cell().preset() + " (" + r.cell().model() + ")", k -> new ArrayList<>()).add(r);
            }
            List<AggregateRow> refs = controls.getOrDefault(d.getKey(), List.of());
            List<String> names = new ArrayList<>(byPreset.keySet());
            refs.forEach(c -> names.add(controlName(c)));
            // the legend below the plot: at the right it took two fifths of the chart (three presets, two controls)
            XYChart chart = Charts.xyLegendBelow(d.getKey(), AxisTitles.SLEEP_ASKED, AxisTitles.accuracy("test"), 560, 320,
                    names);
            int i = 0;
            for (Map.Entry<String, List<AggregateRow>> p : byPreset.entrySet()) {
                List<AggregateRow> s = p.getValue().stream().sorted(Comparator.comparingDouble(r -> r.cell().sleepFraction())).toList();
                // presets side by side: at one fraction their interval bars lay on one line, the last drawn hiding the rest
                double dodge = Charts.dodge(i, byPreset.size());
                Charts.intervals(chart, p.getKey(), s.stream().mapToDouble(r -> r.cell().sleepFraction() + dodge).toArray(),
                        s.stream().mapToDouble(r -> r.stats().mean()).toArray(),
                        s.stream().mapToDouble(r -> r.stats().ciLow()).toArray(),
                        s.stream().mapToDouble(r -> r.stats().ciHigh()).toArray(), Charts.qualitative(i)).setMarker(Charts.marker(i));
                i++;
            }
            double[] span = {d.getValue().stream().mapToDouble(r -> r.cell().sleepFraction()).min().orElse(0),
                    d.getValue().stream().mapToDouble(r -> r.cell().sleepFraction()).max().orElse(0)};
            int k = 0;
            for (AggregateRow c : refs) {
                double m = c.stats().mean();
                // dashed: a reference level, not a preset's curve (it had whichever stroke XChart gave its place); each
                // control its own dashes, as the untrained control's pink and the sleep-target control's orange read
                // as one grey
                Charts.line(chart, controlName(c), span,
                        new double[] {m, m}, Charts.qualitative(i++)).setMarker(SeriesMarkers.NONE)
                        .setLineStyle(CONTROL_STROKES[k++ % CONTROL_STROKES.length]);
            }
            chart.getStyler().setXAxisDecimalPattern("0.00");
            Charts.padDodged(chart, span[0], span[1], byPreset.size());
            html.svgFigure(ctx.svg(chart), "final test accuracy against the " + AxisTitles.SLEEP_ASKED + ", one line per preset ("
                    + String.join(", ",
                    byPreset.keySet()) + "), STDP versus SG on " + d.getKey(), null, "fig");
        }
        html.gridEnd();
    }

    /** The strokes of the controls' reference lines, one each, none of them a preset's solid line. */
    static final BasicStroke[] CONTROL_STROKES = {SeriesLines.DASH_DASH, SeriesLines.DOT_DOT, SeriesLines.DASH_DOT};

    /** An untrained control's reference line's name: "paper, untrained". */
    private static String controlName(AggregateRow c) {
        return c.cell().preset() + ", " + StudyControl.labelIn(c.cell().variant());
    }
}
