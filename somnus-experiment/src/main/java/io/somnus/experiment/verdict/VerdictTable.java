package io.somnus.experiment.verdict;

import java.util.ArrayList;
import java.util.List;

/** The verdict as a plain-text table for the console: one line per claim × preset, with the criteria's outcomes. */
public final class VerdictTable {
    private VerdictTable() {}

    public static String format(StudyVerdict verdict) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"claim", "preset", "verdict", "why (criteria of docs/verdict.md)"});
        for (ClaimVerdict c : verdict.claims()) {
            for (PresetVerdict p : c.presets()) {
                rows.add(new String[] {String.valueOf(c.number()), p.preset(), p.outcome().words(), p.reason()});
            }
        }
        int[] width = new int[3];
        for (String[] r : rows) {
            for (int i = 0; i < 3; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder b = new StringBuilder("Verdict (rule: docs/verdict.md; numbers: verdict.csv, report.html)\n");
        for (String[] r : rows) {
            b.append(String.format("%-" + width[0] + "s  %-" + width[1] + "s  %-" + width[2] + "s  %s%n", r[0], r[1], r[2], r[3]));
        }
        return b.toString();
    }
}
