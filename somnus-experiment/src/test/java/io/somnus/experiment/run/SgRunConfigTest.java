package io.somnus.experiment.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.config.RunConfig;
import io.somnus.experiment.sg.SgRun;
import io.somnus.sg.SgConfig;
import io.somnus.sg.SgInputEncoding;
import io.somnus.sg.SgSleepConfig;
import io.somnus.sg.SgSurrogate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SgRunConfigTest {
    private static SgConfig resolve(Map<String, Object> settings) {
        return SgRun.sgConfig(Configs.bind(new StandardResolver().resolve(settings)), 225, 10);
    }

    /** One field of the nested sleep section changes that field only; the rest keep the paper's SG sleep. */
    @Test
    void sleepFieldsAreSetOneByOne() {
        SgConfig sg = resolve(Map.of("preset", "paper-sg", "sg.sleep.batch_copies", 16, "sg.sleep.iterations", 7));
        SgSleepConfig paper = SgSleepConfig.paper();
        assertEquals(16, sg.sleep().batchCopies());
        assertEquals(7, sg.sleep().iterations());
        assertEquals(paper.stepsPerIteration(), sg.sleep().stepsPerIteration());
        assertEquals(paper.lambda(), sg.sleep().lambda());
        assertEquals(paper.membraneNoise(), sg.sleep().membraneNoise());
        assertEquals(paper, resolve(Map.of("preset", "paper-sg")).sleep());
    }

    /**
     * The shipped sg-fc preset (presets/sg-fc.yaml, as the resolver reads it) holds the paper's numbers for the fully
     * connected SG-SNN: 784 → 200 → 10 on full-size Fashion-MNIST, T = 25 steps of 1 ms, Bernoulli input, fast sigmoid
     * of slope 25, Adam 5·10⁻⁴ on batches of 128, 5 epochs, no sleep unless asked; the rest the paper's SG defaults.
     */
    @Test
    void sgFcPresetHoldsThePapersNumbers() {
        RunConfig cfg = Configs.bind(new StandardResolver().resolve(Map.of("preset", "sg-fc")));
        assertEquals("sg", cfg.model());
        assertEquals("fashion-mnist", cfg.dataset().name());
        assertEquals(0, cfg.dataset().resize(), "full-size 28 × 28 images: 784 inputs");
        assertEquals(59_000, cfg.train().images());
        assertEquals(1_000, cfg.train().validationImages());
        SgConfig sg = SgRun.sgConfig(cfg, 784, 10);
        assertArrayEquals(new int[] {784, 200, 10}, sg.layerSizes());
        assertEquals(25, sg.steps());
        assertEquals(1.0, sg.dtMs());
        assertEquals(SgInputEncoding.BERNOULLI, sg.encoding());
        assertEquals(SgSurrogate.FAST_SIGMOID, sg.surrogate());
        assertEquals(25.0, sg.surrogateSlope());
        assertEquals(5e-4, sg.learningRate());
        assertEquals(128, sg.batchSize());
        assertEquals(5, sg.epochs(), "train.epochs of the preset");
        assertEquals(0.0, sg.sleepRatio());
        assertEquals(SgSleepConfig.paper(), sg.sleep());
        // the library's shortcut for this network (SgConfig.sgFc(), 50 epochs as paperSg) must not drift from it
        assertEquals(SgConfig.sgFc().toBuilder().epochs(5).build(), sg);
    }

    @Test
    void unknownSleepFieldIsNamed() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> resolve(Map.of("preset", "paper-sg", "sg.sleep.batch_copie", 16)));
        assertTrue(e.getMessage().contains("sg.sleep.batch_copie"), e.getMessage());
        assertTrue(e.getMessage().contains("batch_copies"), e.getMessage());
    }
}
