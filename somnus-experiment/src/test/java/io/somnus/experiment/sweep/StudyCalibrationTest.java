package io.somnus.experiment.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.run.StandardResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The calibration runs of a user's sweep: its sizes kept, its grid over network shapes kept, its image counts not. */
class StudyCalibrationTest {
    private static final String SWEEP = """
            name: mine
            presets: [paper, paper-sg]
            datasets: [geomfig, fashion-mnist]
            sleep_fractions: [0.0, 0.2]
            seeds: [1, 2, 3, 4, 5]
            controls: [untrained]
            grid:
              train.images: [300, 400]
              dataset.resize: [12, 15]
            set:
              train.test_images: 300
              paper/train.test_images: 999
              paper-sg/sg.hidden: 50
            """;

    @Test
    void aSweepsCalibrationKeepsItsNetworkSizesAndGridButNotItsImageCounts() {
        StandardResolver resolver = new StandardResolver();
        SweepPlan sweep = SweepPlanner.plan(SweepSpec.parse(Path.of("mine.yaml"), SWEEP), resolver);
        SweepPlan calibration = StudyCalibration.plan(sweep, resolver);
        // 2 presets × 2 input sizes × 3 seeds (train.images is the calibration's, fractions and datasets one each)
        assertEquals(12, calibration.runs().size());
        Map<String, Integer> perKey = new TreeMap<>();
        Function<JsonNode, String> key = StudyCalibration.costKey(sweep.spec());
        for (PlannedRun r : calibration.runs()) {
            JsonNode c = r.config();
            perKey.merge(key.apply(c), 1, Integer::sum);
            assertEquals("geomfig", c.at("/dataset/name").asText(), r.runId());
            assertEquals(0.5, c.at("/sleep/fraction").asDouble(), r.runId());
            RunWork w = RunWork.of(c);
            assertTrue(w.train() > 0 && w.sleep() > 0 && w.evaluation() > 0, r.runId() + ": " + w);
            if (c.at("/model").asText().equals("sg")) {
                // the sweep's hidden units kept; the calibration's images, one epoch, sleep every other minibatch
                assertEquals(50, c.at("/sg/hidden").asInt(), r.runId());
                assertEquals(512, c.at("/train/images").asInt(), r.runId());
                assertEquals(128, c.at("/train/test_images").asInt(), r.runId());
                assertEquals(1, c.at("/sg/epochs").asInt(), r.runId());
                assertEquals("every_minibatches", c.at("/sg/sleep_schedule").asText(), r.runId());
            } else {
                // the calibration's sizes win over the sweep's set, scoped or not
                assertEquals(200, c.at("/train/images").asInt(), r.runId());
                assertEquals(100, c.at("/train/test_images").asInt(), r.runId());
                assertEquals(5000, c.at("/sleep/wake_steps").asInt(), r.runId());
            }
        }
        assertEquals(Map.of("paper (dataset.resize=12)", 3, "paper (dataset.resize=15)", 3, "paper-sg (dataset.resize=12)", 3,
                "paper-sg (dataset.resize=15)", 3), perKey);
        // every run of the sweep, controls included, finds its costs among the calibration's keys
        assertEquals(perKey.keySet(), sweep.runs().stream().map(r -> key.apply(r.config()))
                .collect(Collectors.toCollection(TreeSet::new)));
        assertEquals(List.of(1L, 2L, 3L), calibration.runs().stream().map(r -> r.config().get("seed").asLong())
                .distinct().sorted().toList());
    }

    /**
     * Named variants are calibrated each, and a run's costs are looked up by the variant it runs: by its settings, a
     * section compared whole and numbers by value, the most specific where several match; a variant that differs only
     * in image counts is calibrated once, as the one before it.
     */
    @Test
    void namedVariantsAreCalibratedAndLookedUpByTheirSettings() {
        StandardResolver resolver = new StandardResolver();
        SweepPlan sweep = SweepPlanner.plan(SweepSpec.parse(Path.of("v.yaml"), """
                presets: [diehl-cook]
                datasets: [geomfig]
                sleep_fractions: [0.0]
                seeds: [1]
                variants:
                  preset: {}
                  longer: {train.images: 400}
                  delays: {projections.input_e.delay_ms: 0.5, projections.input_e.delay_max_ms: 10}
                  nearest:
                    projections.input_e.plasticity: {rule: nearest_pair, eta: 1.0e-4, a_plus: 1, a_minus: 1,
                                                     tau_plus_ms: 20, tau_minus_ms: 20}
                """), resolver);
        SweepPlan calibration = StudyCalibration.plan(sweep, resolver);
        Function<JsonNode, String> key = StudyCalibration.costKey(sweep.spec());
        assertEquals(List.of("diehl-cook (preset)", "diehl-cook (delays)", "diehl-cook (nearest)"),
                calibration.runs().stream().map(r -> key.apply(r.config())).distinct().toList());
        // as calibrate reads them back from config.yaml (10 there is an int, the setting's a long)
        assertEquals(List.of("diehl-cook (preset)", "diehl-cook (preset)", "diehl-cook (delays)", "diehl-cook (nearest)"),
                sweep.runs().stream().map(r -> key.apply(reread(r.config()))).toList());
    }

    private static JsonNode reread(JsonNode config) {
        try {
            return Mappers.YAML.readTree(Configs.toYaml(config));
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * A sweep entry that is a file changing a preset: calibrated by the entry, its runs named after the file (small,
     * without .yaml), so that it is swept beside the preset itself; a whole file that names itself as the preset is
     * refused beside it, since their runs would be averaged in one cell.
     */
    @Test
    void aPresetFileIsCalibratedByItsEntryAndRefusedBesideItsPreset(@TempDir Path tmp)
            throws Exception {
        Path small = Files.writeString(tmp.resolve("small.yaml"),
                "preset: paper\npopulations:\n  - name: e\n    size: 20\n");
        StandardResolver resolver = new StandardResolver();
        // (a sweep file names one in its own directory, e.g. small.yaml; the record takes the temporary path)
        SweepPlan sweep = SweepPlanner.plan(spec(List.of(small.toString())), resolver);
        SweepPlan calibration = StudyCalibration.plan(sweep, resolver);
        assertEquals(3, calibration.runs().size());
        assertEquals(20, calibration.runs().get(0).config().at("/populations/0/size").asInt());
        SweepPlan beside = SweepPlanner.plan(spec(List.of("paper", small.toString())), resolver);
        assertEquals(List.of("paper__geomfig__f0.00__s1", "small__geomfig__f0.00__s1"),
                beside.runs().stream().map(PlannedRun::runId).toList());
        assertEquals(List.of("paper", "small"), beside.runs().stream().map(r -> r.config().get("preset").asText())
                .toList());
        Path whole = Files.writeString(tmp.resolve("whole.yaml"), Configs
                .presetText("paper").replace("size: 200", "size: 20"));
        assertEquals(List.of("paper__geomfig__f0.00__s1"), SweepPlanner.plan(spec(List.of(whole.toString())), resolver)
                .runs().stream().map(PlannedRun::runId).toList(), "a whole file's runs carry its preset field's name");
        ConfigException e = Assertions.assertThrows(
                ConfigException.class,
                () -> SweepPlanner.plan(spec(List.of("paper", whole.toString())), resolver));
        assertTrue(e.getMessage().contains("all run as preset 'paper', so their runs would be averaged as one cell"),
                e.getMessage());
    }

    @Test
    void theEstimateGoesBetweenTheMarkers(@TempDir Path tmp) throws Exception {
        Path doc = tmp.resolve("doc.md");
        Files.writeString(doc, "intro\n<!-- estimate:begin -->\nold table\n<!-- estimate:end -->\noutro\n");
        StudyCalibration.writeBetweenMarkers(doc, "new table\n");
        assertEquals("intro\n<!-- estimate:begin -->\nnew table\n<!-- estimate:end -->\noutro\n", Files.readString(doc));
        Path bare = tmp.resolve("bare.md");
        Files.writeString(bare, "no markers\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StudyCalibration.writeBetweenMarkers(bare, "x"));
        assertTrue(e.getMessage().contains(bare.toString()), e.getMessage());
    }

    private static SweepSpec spec(List<String> presets) {
        return new SweepSpec(Path.of("s.yaml"), "s", "", presets, List.of("geomfig"), List.of(0.0), List.of(1L), Map.of(),
                Map.of(), Map.of(), List.of());
    }
}
