package io.somnus.experiment.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/fields.md is what the code checks and the presets set; a field added or changed fails here until it is. */
class FieldReferenceTest {
    @Test
    void theFieldsDocumentIsTheGeneratedReference() throws Exception {
        Path doc = List.of(Path.of("docs", "fields.md"), Path.of("..", "docs", "fields.md")).stream()
                .filter(Files::isRegularFile).findFirst().orElseThrow();
        assertEquals(FieldReference.markdown(), Files.readString(doc),
                "docs/fields.md is out of date: run ./somnus inspect --fields > docs/fields.md");
    }

    @Test
    void eachRowGivesTheOwnerTheDomainAndThePresetsValues() {
        String md = FieldReference.markdown();
        // one row per declared field, besides the header's two
        assertEquals(FieldDomains.paths().size(), md.lines().filter(l -> l.startsWith("| `")).count());
        assertTrue(md.contains("| `sleep.wake_steps` | model stdp | an integer >= 1 | "
                + "`35000`: paper, paper-code, diehl-cook, diehl-cook-recurrent |"), md);
        assertTrue(md.contains("| `projections.*.plasticity.nu_pre` | model stdp, rule triplet | a finite number >= 0 | "
                + "`0.0001`: diehl-cook, diehl-cook-recurrent |"), md);
        // the presets' numbers as NumberText writes them, not Java's 5.0E-4 and 25.0
        assertTrue(md.contains("| a finite number >= 0 | `0.0005`: paper |"), md);
        assertTrue(md.contains("`0.01, -25`: paper-code"), md);
        assertTrue(md.contains("| `sg.hidden` | model sg | an integer >= 1 | `1000`: paper-sg, paper-sg-code · "
                + "`200`: sg-fc |"), md);
        assertTrue(md.contains("| `seed` | every model | any integer | "), md);
        assertTrue(md.contains("| `train.initial_weights` | model stdp | one of preset, sleep_target (optional) |  |"), md);
    }
}
