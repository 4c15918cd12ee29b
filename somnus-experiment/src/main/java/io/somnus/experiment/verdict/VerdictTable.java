package io.somnus.experiment.verdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verdict as a plain-text table for the console: one line per claim × preset the study ran, with the criteria's
 * outcomes; the named presets it has no runs of (a user's own sweep of one preset has most) are listed after it on one
 * line rather than as a row each, {@link #absentPresets}, which the report shares (verdict.csv keeps a row for every
 * one).
 */
public final class VerdictTable {
    private VerdictTable() {}

    /** The verdict as a plain-text table for the terminal: claim, preset, verdict and why. */
    public static String format(StudyVerdict verdict) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"claim", "preset", "verdict", "why (criteria of docs/verdict.md)"});
        for (ClaimVerdict c : verdict.claims()) {
            for (PresetVerdict p : c.presets()) {
                if (p.ran()) {
                    rows.add(new String[] {String.valueOf(c.number()), p.preset(), p.outcome().words(), p.reason()});
                }
            }
        }
        int[] width = new int[3];
        for (String[] r : rows) {
            for (int i = 0; i < 3; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder b = new StringBuilder("Verdict (rule: docs/verdict.md; numbers: verdict.csv, report.html)\n");
        if (rows.size() > 1) {
            for (String[] r : rows) {
                b.append(String.format("%-" + width[0] + "s  %-" + width[1] + "s  %-" + width[2] + "s  %s%n", r[0], r[1],
                        r[2], r[3]));
            }
        }
        String absent = absentPresets(verdict);
        if (!absent.isEmpty()) {
            b.append(absent).append('\n');
        }
        return b.toString();
    }

    /**
     * The named presets the study has no runs of, with the claims each would be needed for, on one line: "Not run,
     * the study having no runs of them: paper-code (claims 1, 2); paper-sg (claim 3)"; "" when it ran every one.
     */
    public static String absentPresets(StudyVerdict verdict) {
        Map<String, List<Integer>> absent = new LinkedHashMap<>(); // preset → the claims it is named for
        for (ClaimVerdict c : verdict.claims()) {
            for (PresetVerdict p : c.presets()) {
                if (!p.ran()) {
                    absent.computeIfAbsent(p.preset(), k -> new ArrayList<>()).add(c.number());
                }
            }
        }
        if (absent.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        absent.forEach((preset, claims) -> parts.add(preset + " (claim" + (claims.size() == 1 ? " " : "s ")
                + String.join(", ", claims.stream().map(String::valueOf).toList()) + ")"));
        return "Not run, the study having no runs of them: " + String.join("; ", parts);
    }
}
