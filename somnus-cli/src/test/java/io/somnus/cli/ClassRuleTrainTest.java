package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.cli.TrainCommandTest.Outcome;
import io.somnus.cli.rules.CountingRule;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.io.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code somnus train} with a rule of one's own named in the configuration ({@code rule: class}), end to end. */
class ClassRuleTrainTest {
    private static Outcome train(Path out, String rule) {
        return TrainCommandTest.run("train", "--preset", "diehl-cook", "--excitatory", "10", "--dataset", "geomfig",
                "--train-images", "20", "--validation-images", "10", "--test-images", "10",
                "--set", "train.readout_images=20", "--set", "projections.input_e.plasticity=" + rule, "--no-report", "--out", out.toString());
    }

    /**
     * The rule runs (it saw post spikes, with the params given), its class and params are in config.yaml, the run
     * ends although the rule keeps no resume snapshot (one was taken at every checkpoint before, and failed), and the
     * same seed gives the same files.
     */
    @Test
    void aTrainRunsTheConfiguredRuleClassAndRecordsIt(@TempDir Path tmp) throws Exception {
        String rule = "{rule: class, class_name: " + CountingRule.class.getName() + ", params: {factor: 0.999}}";
        CountingRule.POST_SPIKES.set(0);
        Outcome o = train(tmp.resolve("a"), rule);
        assertEquals(0, o.exit(), o.err());
        assertEquals(new CountingRule.Params(0.999), CountingRule.last);
        assertTrue(CountingRule.POST_SPIKES.get() > 0, "applied to the E neurons' spikes");
        String config = Files.readString(tmp.resolve("a").resolve(RunDirectory.CONFIG));
        assertTrue(config.contains("    rule: class\n    class_name: " + CountingRule.class.getName()
                + "\n    params:\n      factor: 0.999\n"), config);
        assertFalse(Files.exists(tmp.resolve("a").resolve(RunDirectory.RESUME_SNAPSHOT)));
        assertRecordsItsClass(tmp.resolve("a"), CountingRule.class);
        o = train(tmp.resolve("b"), rule);
        assertEquals(0, o.exit(), o.err());
        for (String f : new String[] {"config.yaml", "metrics.csv", "weights.npz"}) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(f)), Files.readAllBytes(tmp.resolve("b").resolve(f)),
                    f + ": same seed, same numbers");
        }
    }

    /** A parameter the class refuses: exit 2, its own message with the field. */
    @Test
    void aParameterTheClassRefusesIsAConfigurationError(@TempDir Path tmp) {
        Outcome o = train(tmp.resolve("a"), "{rule: class, class_name: " + CountingRule.class.getName()
                + ", params: {factor: 2}}");
        assertEquals(2, o.exit(), o.err());
        assertTrue(o.err().contains("projections.input_e.plasticity.params: " + CountingRule.class.getName()
                + " refused its parameters: factor must be in (0, 1], got 2.0"), o.err());
        assertFalse(Files.exists(tmp.resolve("a")));
    }

    /**
     * {@code run}'s provenance.json lists {@code type} alone among its classes of one's own, with where it came from
     * (the test classes' directory) and its class file's SHA-256 as the file on disk has it.
     */
    static void assertRecordsItsClass(Path run, Class<?> type) throws Exception {
        JsonNode own = Mappers.JSON.readTree(run.resolve(RunDirectory.PROVENANCE).toFile()).path("user_classes");
        Path classes = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        byte[] file = Files.readAllBytes(classes.resolve(type.getName().replace('.', '/') + ".class"));
        assertEquals(1, own.size(), own.toString());
        assertEquals(type.getName(), own.get(0).path("class_name").asText());
        assertEquals(classes.toString(), own.get(0).path("source").asText());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file)),
                own.get(0).path("class_files").path(type.getName()).asText(), own.toString());
    }
}
