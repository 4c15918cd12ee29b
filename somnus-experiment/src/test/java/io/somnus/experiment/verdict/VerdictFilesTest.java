package io.somnus.experiment.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.somnus.experiment.io.Csv;
import io.somnus.experiment.io.CsvTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verdict.json and verdict.csv hold what the rule decided, numbers included. */
class VerdictFilesTest {
    @Test
    void bothFilesCarryTheOutcomesAndTheNumbers(@TempDir Path dir) throws Exception {
        List<VerdictRun> runs = new ArrayList<>();
        for (int s = 1; s <= 3; s++) {
            runs.add(new VerdictRun("paper-sg", "sg", "geomfig", "", "", 0.0, s,
                    Map.of(Quantity.TEST_ACCURACY, 0.8, Quantity.DRAWDOWN, 0.0)));
            runs.add(new VerdictRun("paper-sg", "sg", "geomfig", "", "", 0.2, s,
                    Map.of(Quantity.TEST_ACCURACY, 0.8 + 0.001 * s, Quantity.DRAWDOWN, 0.0)));
        }
        VerdictFiles.write(dir, VerdictRule.decide(runs));
        JsonNode json = new ObjectMapper().readTree(dir.resolve(VerdictFiles.JSON).toFile());
        JsonNode claim3 = json.get("claims").get(2);
        assertEquals(3, claim3.get("claim").asInt());
        JsonNode sg = claim3.get("presets").get(0);
        assertEquals("paper-sg", sg.get("preset").asText());
        assertEquals("holds", sg.get("outcome").asText());
        JsonNode accuracy = sg.get("datasets").get(0).get("criteria").get(0);
        assertEquals("3a", accuracy.get("id").asText());
        assertEquals(0.002, accuracy.get("estimate").asDouble(), 1e-12); // differences 0.001, 0.002, 0.003
        assertEquals(3, accuracy.get("n").asInt());

        CsvTable csv = Csv.read(dir.resolve(VerdictFiles.CSV));
        assertEquals(VerdictFiles.CSV_HEADER, csv.header());
        // claims 1 and 2: paper, paper-code not run (one row each); claim 3: paper-sg (claim, dataset, 3 criteria) and
        // paper-sg-code (one row)
        assertEquals(2 + 2 + 5 + 1, csv.rowCount());
        assertEquals("not run", csv.cell(0, "outcome"));
        assertEquals("3b", csv.cell(7, "criterion"));
        assertEquals("holds", csv.cell(7, "outcome")); // drawdown 0 everywhere: Δ = 0 with a zero-width interval
        assertEquals("3c", csv.cell(8, "criterion"));
        assertEquals("not run", csv.cell(8, "outcome")); // no continual runs: no forgetting to compare
    }
}
