package io.somnus.report;

import io.somnus.experiment.verdict.ClaimVerdict;
import io.somnus.experiment.verdict.ConditionVerdict;
import io.somnus.experiment.verdict.Criterion;
import io.somnus.experiment.verdict.Estimate;
import io.somnus.experiment.verdict.Outcome;
import io.somnus.experiment.verdict.PresetVerdict;
import io.somnus.experiment.verdict.StudyVerdict;
import io.somnus.experiment.verdict.VerdictTable;
import java.util.List;
import java.util.Locale;

/**
 * The page's first section: each of the paper's claims per preset — holds, does not hold, inconclusive, not run —
 * decided by the rule of docs/verdict.md, with the numbers behind each outcome and a link to the figure that shows
 * them. The named presets the study has no runs of share one line below the table, as on the console.
 */
final class VerdictSection implements ComparingSection {
    @Override
    public String id() {
        return "verdict";
    }

    @Override
    public String title() {
        return "Verdict: the paper's claims, tested";
    }

    @Override
    public String navLabel() {
        return "Verdict";
    }

    @Override
    public void write(ReportContext ctx) {
        Html html = ctx.html();
        StudyVerdict verdict = ctx.results().verdict();
        String unfinished = VerdictCaveats.unfinished(ctx.results().counts());
        if (unfinished != null) {
            html.raw("<div class=\"caveats\"><b>").text(unfinished).raw("</b></div>\n");
        }
        html.p("Each claim of Massey et al. (2026) per preset, decided by the rule in docs/verdict.md, which was fixed "
                + "before any number of a study was seen (one later change, made openly: a curve of fewer than two "
                + "checkpoints has no drawdown or growth; see its change log): the largest sleep fraction f* in the paper's 10–20 % against "
                + "f = 0 (and against the untrained controls), the effect Δ with its 95 % interval over seeds (paired by "
                + "seed where both sides have the same seeds), judged against a margin δ. A claim holds when every "
                + "criterion holds on every dataset, does not hold when one does not, and is inconclusive otherwise.");
        // the presets the study ran, a row per claim; those it has none of on one line below, as on the console
        List<ClaimVerdict> ran = verdict.claims().stream().filter(c -> c.presets().stream()
                .anyMatch(PresetVerdict::ran)).toList();
        if (!ran.isEmpty()) {
            html.raw("<div class=\"tablewrap\"><table class=\"verdict\">\n<thead><tr><th>claim</th><th>preset</th>"
                    + "<th>verdict</th><th>why</th></tr></thead>\n<tbody>\n");
            for (ClaimVerdict c : ran) {
                List<PresetVerdict> presets = c.presets().stream().filter(PresetVerdict::ran).toList();
                boolean first = true;
                for (PresetVerdict p : presets) {
                    html.raw("<tr>");
                    if (first) {
                        html.raw("<td rowspan=\"" + presets.size() + "\"><b>" + c.number() + "</b> ")
                                .text(c.statement()).raw("</td>");
                        first = false;
                    }
                    html.raw("<td>");
                    if (p.outcome() == Outcome.NOT_RUN) {
                        html.text(p.preset());
                    } else {
                        html.raw("<a href=\"#" + detailAnchor(c, p) + "\">").text(p.preset()).raw("</a>");
                    }
                    html.raw("</td><td>").raw(badge(p.outcome())).raw("</td><td>").text(p.reason())
                            .raw("</td></tr>\n");
                }
            }
            html.raw("</tbody></table></div>\n");
        }
        String absent = VerdictTable.absentPresets(verdict);
        if (!absent.isEmpty()) {
            html.raw("<p class=\"absent\">").text(absent).raw("</p>\n");
        }
        List<String> caveats = VerdictCaveats.of(verdict, ctx.runs());
        if (!caveats.isEmpty()) {
            html.raw("<div class=\"caveats\"><b>What these outcomes rest on</b> (from this study's runs; the rule above "
                    + "decides the outcomes, these say where they mean less than their words)<ul>\n");
            for (String c : caveats) {
                html.raw("<li>").text(c).raw("</li>\n");
            }
            html.raw("</ul></div>\n");
        }
        for (ClaimVerdict c : verdict.claims()) {
            for (PresetVerdict p : c.presets()) {
                if (p.outcome() != Outcome.NOT_RUN) {
                    details(ctx, c, p);
                }
            }
        }
    }

    private static void details(ReportContext ctx, ClaimVerdict c, PresetVerdict p) {
        Html html = ctx.html();
        html.heading("h4", detailAnchor(c, p), "Claim " + c.number() + ", " + p.preset() + ": " + p.outcome().words());
        html.raw("<div class=\"tablewrap\"><table class=\"data verdict\">\n<thead><tr><th>dataset</th><th>criterion</th>"
                + "<th>comparison</th><th>Δ [95 % CI] (n)</th><th>margin δ</th><th>test</th><th>outcome</th>"
                + "<th>figure</th></tr></thead>\n<tbody>\n");
        for (ConditionVerdict d : p.conditions()) {
            String dataset = d.dataset() + (d.variant().isEmpty() ? "" : " (" + d.variant() + ")");
            boolean first = true;
            for (Criterion k : d.criteria()) {
                String figure = k.figure().equals("vs-sleep") ? Group.anchor(k.figure(), p.preset(), d.dataset(), d.variant())
                        : k.figure();
                html.raw("<tr>");
                if (first) {
                    // the dataset once, with its outcome and what was not run there
                    html.raw("<td rowspan=\"" + d.criteria().size() + "\">").raw(Html.breakable(dataset)).raw("<br>").raw(badge(d.outcome()));
                    if (!d.note().isEmpty()) {
                        html.raw("<br><span class=\"muted\">").text(d.note()).raw("</span>");
                    }
                    if (d.dose() > 0) {
                        // what f* gave: a cell whose runs never slept tests no sleep against no sleep
                        SleepDose dose = SleepDose.of(ctx.runs().stream().filter(r -> r.preset().equals(p.preset())
                                && r.dataset().equals(d.dataset()) && r.variant().equals(d.variant())
                                && r.sleepFraction() == d.dose()).toList());
                        html.raw("<br><span class=\"muted\">").text("f* = " + Formats.fraction(d.dose())
                                + "; sleep achieved" + (dose.runs() > 1 ? " (mean of " + dose.runs() + " runs)" : "")
                                + ": " + dose.words()).raw("</span>");
                    }
                    html.raw("</td>");
                    first = false;
                }
                html.raw("<td>").text(k.id() + " " + k.description())
                        .raw("</td><td>").text(k.comparison() + ", " + k.quantity().words()).raw("</td><td>")
                        .text(estimate(k.estimate())).raw("</td><td>").text(margin(k.margin()))
                        .raw("</td><td>").text(k.test().words() + " (" + (k.higherIsBetter() ? "higher" : "lower")
                                + " is better)")
                        .raw("</td><td>").raw(badge(k.outcome())).raw("</td><td><a href=\"#" + Html.escape(figure) + "\">")
                        .text(figureLink(k.figure())).raw("</a></td></tr>\n");
            }
        }
        html.raw("</tbody></table></div>\n");
    }

    /**
     * A criterion's figure as the navigation names its section ("vs sleep", "Weight traces"), not by the section's id
     * that verdict.csv records ("vs-sleep"); the id itself where no section has it.
     */
    static String figureLink(String sectionId) {
        return ReportBuilder.SECTIONS.stream().filter(s -> s.id().equals(sectionId)).map(Section::navLabel)
                .findFirst().orElse(sectionId);
    }

    private static String detailAnchor(ClaimVerdict c, PresetVerdict p) {
        return "verdict-" + c.number() + "-" + p.preset().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    /**
     * "+0.050 [+0.025, +0.075] (n = 3, paired)"; "–" when nothing was measured. The effect and its interval's ends in
     * one precision: where one of them needs significant digits ({@link #signed}), all three get them ("−0.00105
     * [−0.00148, −0.000330]"), so that an effect never reads equal to an end it differs from ("−0.001 [−0.001, …]").
     */
    static String estimate(Estimate e) {
        if (!e.present()) {
            return "–";
        }
        String n = " (n = " + e.n() + (e.paired() ? ", paired" : "") + ")";
        if (!e.hasInterval()) {
            return signed(e.value()) + n;
        }
        boolean significant = roundsToZero(e.value()) || roundsToZero(e.low()) || roundsToZero(e.high());
        return signed(e.value(), significant) + " [" + signed(e.low(), significant) + ", "
                + signed(e.high(), significant) + "]" + n;
    }

    /**
     * An effect or an interval's end with its sign, to three decimals (+0.050, −0.012). A rule decides by an end's side
     * of 0 (BETTER holds only when the lower end is above 0), so an end that rounds to 0 at three decimals but is not 0
     * keeps its sign and gets {@link NumberColumn#DIGITS} significant digits: "−0.000312", not "−0.000", which read as
     * a negative zero, nor "0.000", which hid the side that decided. A value that is 0, or rounding noise below
     * {@link Formats#NOISE}, is "0.000" without a sign.
     */
    static String signed(double v) {
        return signed(v, roundsToZero(v));
    }

    /** {@code v} with its sign, to three decimals or, where {@code significant}, {@link NumberColumn#DIGITS} digits. */
    private static String signed(double v, boolean significant) {
        double shown = Formats.shown(v, Formats.NOISE);
        if (shown == 0) {
            return "0.000";
        }
        String s = significant ? (shown > 0 ? "+" : "") + NumberColumn.significant(shown)
                : String.format(Locale.ROOT, "%+.3f", shown);
        return s.replace('-', '−');
    }

    /** Whether {@code v} is not 0 (nor noise) but would be written as one at three decimals. */
    private static boolean roundsToZero(double v) {
        double shown = Formats.shown(v, Formats.NOISE);
        return shown != 0 && String.format(Locale.ROOT, "%.3f", shown).chars().noneMatch(c -> c >= '1' && c <= '9');
    }

    /** A margin δ, in the table and in the notes under it alike: three decimals, as the Δ it is held against (0.020). */
    static String margin(double delta) {
        return NumberColumn.fixed(delta, 3);
    }

    private static String badge(Outcome o) {
        return "<span class=\"badge " + o.name().toLowerCase(Locale.ROOT).replace('_', '-') + "\">" + Html.escape(o.words())
                + "</span>";
    }
}
