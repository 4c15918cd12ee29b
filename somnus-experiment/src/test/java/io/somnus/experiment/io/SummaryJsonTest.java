package io.somnus.experiment.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.somnus.experiment.stats.RunRecord;
import io.somnus.experiment.sweep.SweepResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** summary.json's undefined numbers: written null (JSON has no NaN), read as NaN, whether null or an older "NaN". */
class SummaryJsonTest {
    @TempDir
    Path tmp;

    /** A summary with undefined numbers where runs have them: in a map, a matrix (continual), a list. */
    private static Map<String, Object> summary(double lastQuarterStd, double unseen, double rfCosine) {
        Map<String, Object> stability = new LinkedHashMap<>();
        stability.put("final", 0.5);
        stability.put("last_quarter_std", lastQuarterStd);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("model", "stdp");
        s.put("seed", 3);
        s.put("sleep_fraction", 0.2);
        s.put("test_accuracy", 0.71);
        s.put("stability", stability);
        s.put("diversity", Map.of("rf_cosine", rfCosine));
        s.put("continual", Map.of("task_accuracy", new double[][] {{0.9, unseen}, {0.6, 0.3}}));
        s.put("float_field", (float) unseen);
        s.put("early_stopping_accuracies", Arrays.asList(0.25, unseen));
        s.put("input_weights", null);
        return s;
    }

    @Test
    void undefinedNumbersAreWrittenNullAndEveryOtherAsTheMapperWritesIt() throws Exception {
        String text = SummaryJson.text(summary(Double.NaN, Double.NaN, Double.POSITIVE_INFINITY));
        assertTrue(!text.contains("NaN") && !text.contains("Infinity"), text);
        JsonNode s = Mappers.JSON.readTree(text);
        for (String pointer : List.of("/stability/last_quarter_std", "/diversity/rf_cosine",
                "/continual/task_accuracy/0/1", "/float_field", "/early_stopping_accuracies/1", "/input_weights")) {
            assertEquals(NullNode.getInstance(), s.at(pointer), pointer + " in " + text);
        }
        assertEquals(0.9, s.at("/continual/task_accuracy/0/0").asDouble());
        // where every number is defined, the bytes are those summary.json had before
        Map<String, Object> defined = summary(0.0125, 0.4, 0.3);
        assertEquals(Mappers.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(defined), SummaryJson.text(defined));
    }

    @Test
    void aSummarysNumberIsNaNWhereItHasNone() throws Exception {
        assertEquals(0.25, SummaryJson.number(Mappers.JSON.readTree("0.25")));
        assertEquals(3.0, SummaryJson.number(Mappers.JSON.readTree("3")));
        assertTrue(Double.isNaN(SummaryJson.number(NullNode.getInstance())));
        assertTrue(Double.isNaN(SummaryJson.number(TextNode.valueOf("NaN")))); // summaries written before
        assertTrue(Double.isNaN(SummaryJson.number(Mappers.JSON.readTree("{}").path("absent"))));
        assertTrue(Double.isNaN(SummaryJson.number(null)));
    }

    /**
     * Aggregation reads a summary written now (null) and one written before (the string "NaN") alike: the metric is
     * NaN, and is left out of the run's metrics in both, as before.
     */
    @Test
    void anOlderSummarysNaNStringAndNullAggregateAlike() throws Exception {
        Path now = Files.createDirectories(tmp.resolve("now"));
        Files.writeString(now.resolve(RunDirectory.SUMMARY), SummaryJson.text(summary(Double.NaN, Double.NaN, 0.3)));
        Path before = Files.createDirectories(tmp.resolve("before"));
        Files.writeString(before.resolve(RunDirectory.SUMMARY), Mappers.JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(summary(Double.NaN, Double.NaN, 0.3)));
        assertTrue(Files.readString(before.resolve(RunDirectory.SUMMARY)).contains("\"last_quarter_std\" : \"NaN\""));
        RunRecord a = SweepResults.load(now).runs().get(0);
        RunRecord b = SweepResults.load(before).runs().get(0);
        assertTrue(Double.isNaN(a.metric("stability.last_quarter_std")));
        assertTrue(Double.isNaN(b.metric("stability.last_quarter_std")));
        assertEquals(b.metrics(), a.metrics());
        assertEquals(0.3, a.metric("diversity.rf_cosine"));
    }
}
