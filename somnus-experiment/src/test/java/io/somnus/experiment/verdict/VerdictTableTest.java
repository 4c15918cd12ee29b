package io.somnus.experiment.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The console's verdict: a row per claim × preset the study ran, the named presets it has no runs of on one line. */
class VerdictTableTest {
    /** A preset the study ran: its runs fall in a condition. */
    private static PresetVerdict decided(String preset, Outcome outcome, String reason) {
        return new PresetVerdict(preset, outcome, reason, List.of(new ConditionVerdict("geomfig", "", 0.2, outcome, "",
                List.of())));
    }

    private static PresetVerdict absent(String preset) {
        return new PresetVerdict(preset, Outcome.NOT_RUN, "the study has no runs of this preset", List.of());
    }

    @Test
    void presetsWithoutRunsAreListedOnOneLine() {
        StudyVerdict v = new StudyVerdict(List.of(
                new ClaimVerdict(1, "one", "stdp", List.of(absent("paper"), absent("paper-code"),
                        decided("diehl-cook", Outcome.HOLDS, "1a holds"))),
                new ClaimVerdict(2, "two", "stdp", List.of(absent("paper"), absent("paper-code"),
                        decided("diehl-cook", Outcome.NOT_RUN, "no untrained control"))),
                new ClaimVerdict(3, "three", "sg", List.of(absent("paper-sg"), absent("paper-sg-code")))));
        assertEquals(String.join("\n",
                "Verdict (rule: docs/verdict.md; numbers: verdict.csv, report.html)",
                "claim  preset      verdict  why (criteria of docs/verdict.md)",
                "1      diehl-cook  holds    1a holds",
                "2      diehl-cook  not run  no untrained control",
                "Not run, the study having no runs of them: paper (claims 1, 2); paper-code (claims 1, 2); paper-sg "
                        + "(claim 3); paper-sg-code (claim 3)", ""), VerdictTable.format(v));
    }

    @Test
    void aStudyOfNoNamedPresetPrintsTheLineAlone() {
        StudyVerdict v = new StudyVerdict(List.of(new ClaimVerdict(3, "three", "sg", List.of(absent("paper-sg")))));
        assertEquals("Verdict (rule: docs/verdict.md; numbers: verdict.csv, report.html)\n"
                + "Not run, the study having no runs of them: paper-sg (claim 3)\n", VerdictTable.format(v));
    }
}
