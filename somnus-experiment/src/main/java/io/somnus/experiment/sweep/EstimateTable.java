package io.somnus.experiment.sweep;

import io.somnus.experiment.sweep.StudyEstimate.Estimate;
import io.somnus.experiment.sweep.StudyEstimate.Projection;
import io.somnus.experiment.sweep.StudyEstimate.Row;
import java.util.List;
import java.util.Locale;

/**
 * A study's projection as a Markdown table ({@link StudyEstimate}): CPU time per cost key and phase, the wall time,
 * the presentations per image of re-presenting presets and the phases no calibration run measured.
 */
public final class EstimateTable {
    private EstimateTable() {
    }

    /** The estimate as a Markdown table (hours with one decimal; seconds below an hour). */
    public static String format(Estimate e) {
        return format(new Projection(e, e, List.of()));
    }

    /**
     * The projection as a Markdown table. Where its two ends differ, a cell reads "low – high" and the wall time is
     * given at both; the presentations per image of re-presenting presets follow, with where they come from. Without
     * such presets, the table of {@link #format(Estimate)}.
     */
    public static String format(Projection p) {
        Estimate lo = p.low();
        Estimate hi = p.high();
        StringBuilder b = new StringBuilder();
        b.append("| preset | runs | train | sleep | evaluation | CPU total |\n|---|---|---|---|---|---|\n");
        for (int i = 0; i < lo.rows().size(); i++) {
            Row r = lo.rows().get(i);
            Row h = hi.rows().get(i);
            b.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s |%n", r.key(), r.runs(),
                    durations(r.trainSeconds(), h.trainSeconds()), durations(r.sleepSeconds(), h.sleepSeconds()),
                    durations(r.evaluationSeconds(), h.evaluationSeconds()), durations(r.cpuSeconds(), h.cpuSeconds())));
        }
        int runs = lo.rows().stream().mapToInt(Row::runs).sum();
        b.append(String.format(Locale.ROOT, "| **all** | %d | | | | %s |%n%n", runs,
                durations(lo.cpuSeconds(), hi.cpuSeconds())));
        b.append(String.format(Locale.ROOT, "Projected wall time on %d core%s (runs longest first, one per core): **%s**",
                lo.cores(), lo.cores() == 1 ? "" : "s", duration(lo.wallSeconds())));
        if (p.isRange()) {
            b.append(String.format(Locale.ROOT, " at the presentations per image measured, **%s** at "
                    + "encoding.max_presentations (the worst case)", duration(hi.wallSeconds())));
        }
        b.append(String.format("%n"));
        b.append(presentations(p));
        if (!lo.unmeasured().isEmpty()) {
            b.append(String.format(Locale.ROOT, "%nNot measured by the calibration runs, so counted as 0 s (the "
                    + "projection is too low; calibrate with runs that do this work, e.g. that sleep): %s%n",
                    String.join(", ", lo.unmeasured())));
        }
        return b.toString();
    }

    /** The re-presenting keys' presentations per image and their source; "" without such keys. */
    private static String presentations(Projection p) {
        if (p.presentations().isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%nPresentations per image (an image is shown "
                + "again, brighter, while E fires fewer than encoding.min_spikes spikes, up to "
                + "encoding.max_presentations times; training, the sleep it schedules and the evaluation scale with "
                + "them):%n"));
        for (PresentationRates.Expected x : p.presentations()) {
            String where;
            if (!x.isRange()) {
                where = String.format(Locale.ROOT, "the median of %d finished run%s of at least %.0f images", x.runs(),
                        x.runs() == 1 ? "" : "s", x.images());
            } else if (x.runs() == 0) {
                where = "low: 1, as no run measured it; high: encoding.max_presentations";
            } else {
                where = String.format(Locale.ROOT, "low: the median of %d finished run%s of at most %.0f images; high: "
                        + "encoding.max_presentations", x.runs(), x.runs() == 1 ? "" : "s", x.measuredImages());
            }
            b.append(String.format(Locale.ROOT, "- %s, %.0f images: training %s, evaluation %s (%s)%n", x.key(),
                    x.images(), rates(x.low().train(), x.high().train()),
                    rates(x.low().evaluation(), x.high().evaluation()), where));
        }
        if (p.isRange()) {
            b.append(String.format(Locale.ROOT, "%nRe-presentations grow with training (θ rises, so E fires less), and "
                    + "the runs measured saw only their first images: the low end is too low for longer runs, the "
                    + "high end a bound. For one figure, give --calibration a sweep directory with finished runs of the "
                    + "preset, at the same network size, that trained at least as many images.%n"));
        }
        return b.toString();
    }

    /** "low – high", or the one duration where both read the same. */
    private static String durations(double low, double high) {
        String a = duration(low);
        String b = duration(high);
        return a.equals(b) ? a : a + " – " + b;
    }

    private static String rates(double low, double high) {
        String a = String.format(Locale.ROOT, low == Math.rint(low) ? "%.0f" : "%.2f", low);
        String b = String.format(Locale.ROOT, high == Math.rint(high) ? "%.0f" : "%.2f", high);
        return a.equals(b) ? a : a + " – " + b;
    }

    /** Seconds below 90 s, minutes below 90 min, else hours; "< 0.1 s" for a cost measured but below the 0.1 s shown. */
    static String duration(double seconds) {
        if (seconds > 0 && seconds < 0.05) {
            return "< 0.1 s"; // not "0.0 s", which reads as a phase that costs nothing (a run without sleep)
        }
        if (seconds < 90) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        if (seconds < 5400) {
            return String.format(Locale.ROOT, "%.1f min", seconds / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }
}
