package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.cli.TrainCommandTest.Outcome;
import io.somnus.cli.neurons.Integrator;
import io.somnus.experiment.io.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code somnus train} with a neuron model of one's own named in the configuration ({@code model: class}), end to end. */
class ClassNeuronTrainTest {
    private static String population(String params) {
        return "{name: e, model: class, class_name: " + Integrator.class.getName() + ", size: 10, size_of: null, "
                + "params: " + params + "}";
    }

    private static Outcome train(Path out, String e, String... more) {
        String[] args = {"train", "--preset", "diehl-cook", "--dataset", "geomfig", "--train-images", "20",
                "--validation-images", "10", "--test-images", "10", "--set", "train.readout_images=20",
                "--set", "populations.e=" + e, "--no-report", "--out", out.toString()};
        String[] all = Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return TrainCommandTest.run(all);
    }

    /**
     * The neuron runs (it spiked, with the params given), its class and params are in config.yaml, provenance.json
     * records the class, the run ends without a resume snapshot (the class keeps none) and a resume of it is refused
     * naming the population's class, and the same seed gives the same files.
     */
    @Test
    void aTrainRunsTheConfiguredNeuronClassAndRecordsIt(@TempDir Path tmp) throws Exception {
        Integrator.SPIKES.set(0);
        int built = Integrator.BUILT.get();
        Outcome o = train(tmp.resolve("a"), population("{threshold_mv: 0.5}"));
        assertEquals(0, o.exit(), o.err());
        assertEquals(built + 1, Integrator.BUILT.get(), "constructed once a run: the check's population is the run's");
        assertEquals(new Integrator.Params(0.5), Integrator.last);
        assertTrue(Integrator.SPIKES.get() > 0, "the E neurons spiked");
        String config = Files.readString(tmp.resolve("a").resolve(RunDirectory.CONFIG));
        assertTrue(config.contains("- name: e\n  model: class\n  class_name: " + Integrator.class.getName()
                + "\n  size: 10\n  size_of: null\n  params:\n    threshold_mv: 0.5\n"), config);
        assertFalse(Files.exists(tmp.resolve("a").resolve(RunDirectory.RESUME_SNAPSHOT)));
        ClassRuleTrainTest.assertRecordsItsClass(tmp.resolve("a"), Integrator.class);
        o = train(tmp.resolve("b"), population("{threshold_mv: 0.5}"));
        assertEquals(0, o.exit(), o.err());
        for (String f : new String[] {"config.yaml", "metrics.csv", "weights.npz"}) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(f)), Files.readAllBytes(tmp.resolve("b").resolve(f)),
                    f + ": same seed, same numbers");
        }
        Path left = Files.move(tmp.resolve("a"), tmp.resolve(".c.tmp-1")); // as a run into c cut short leaves it
        Files.delete(left.resolve("summary.json"));
        Outcome resume = TrainCommandTest.run("train", "--resume", tmp.resolve("c").toString(), "--no-report");
        assertEquals(2, resume.exit(), resume.err());
        assertTrue(resume.err().contains("this run cannot go on from a resume snapshot: the neuron model of population "
                + "e, " + Integrator.class.getName() + " (populations.e.class_name), keeps no resume snapshot"), resume.err());
    }

    /** A parameter the class refuses: exit 2, its own message with the field, nothing written. */
    @Test
    void aParameterTheClassRefusesIsAConfigurationError(@TempDir Path tmp) {
        Outcome o = train(tmp.resolve("a"), population("{threshold_mv: -1}"));
        assertEquals(2, o.exit(), o.err());
        assertTrue(o.err().contains("populations.e.params: " + Integrator.class.getName()
                + " refused its parameters: threshold_mv must be > 0, got -1.0"), o.err());
        assertFalse(Files.exists(tmp.resolve("a")));
    }
}
