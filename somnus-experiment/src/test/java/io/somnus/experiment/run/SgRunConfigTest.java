package io.somnus.experiment.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.config.ModelKind;
import io.somnus.experiment.config.SgRunConfig;
import io.somnus.experiment.sg.SgRun;
import io.somnus.sg.SgConfig;
import io.somnus.sg.SgInputEncoding;
import io.somnus.sg.SgLoss;
import io.somnus.sg.SgSleepConfig;
import io.somnus.sg.SgSleepSchedule;
import io.somnus.sg.SgSurrogate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SgRunConfigTest {
    private static SgConfig resolve(Map<String, Object> settings) {
        return SgRun.sgConfig(Configs.bind(new StandardResolver().resolve(settings), SgRunConfig.class), 225, 10);
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
        SgRunConfig cfg = Configs.bind(new StandardResolver().resolve(Map.of("preset", "sg-fc")), SgRunConfig.class);
        assertEquals(ModelKind.SG, cfg.model());
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
        // every other field as the paper-sg preset (the YAML files, not a Java copy, hold them)
        SgConfig paper = SgRun.sgConfig(Configs.bind(Configs.loadPreset("paper-sg"), SgRunConfig.class), 784, 10);
        assertEquals(paper.toBuilder().hidden(200).steps(25).encoding(SgInputEncoding.BERNOULLI).learningRate(5e-4)
                .epochs(5).build(), sg);
    }

    /**
     * The shipped paper-sg-code preset holds the SG-SNN of the authors' recorded runs (docs/fidelity.md, "2. SG-SNN",
     * column "paper-sg-code must set"): 15×15 direct current, 225-1000-10 LIF with biases, β 0.95, θ 1, reset by
     * subtraction (detached), T = 25, per-step cross-entropy, arctan α = 2, Adam 5·10⁻⁴ (β 0.9, 0.999), batch 128
     * dropping the last incomplete one, 10 epochs, sleep of one 25-step iteration on 128 copies every ⌊1/f⌋
     * minibatches with σ 0.5, A₊ 0.01, A₋ 0.012, τ 20 ms, η 10⁻³, pull toward 0.2 with λ 0.999.
     */
    @Test
    void paperSgCodePresetHoldsTheRecordedRunsNumbers() {
        SgRunConfig cfg = Configs.bind(new StandardResolver().resolve(Map.of("preset", "paper-sg-code")),
                SgRunConfig.class);
        assertEquals(ModelKind.SG, cfg.model());
        assertEquals("paper-sg-code", cfg.preset());
        assertEquals(15, cfg.dataset().resize());
        assertEquals(0.0, cfg.dataset().normaliseSum(), "pixels as they are, in [0, 1]");
        assertEquals(59_000, cfg.train().images());
        assertEquals(1_000, cfg.train().validationImages());
        assertEquals(10_000, cfg.train().testImages());
        assertEquals(0.0, cfg.sleep().fraction());
        SgConfig expected = SgConfig.builder()
                .inputs(225).hidden(1000).depth(1).outputs(10).recurrent(false)
                .beta(0.95).threshold(1.0).detachReset(true).steps(25).dtMs(1.0)
                .encoding(SgInputEncoding.DIRECT).surrogate(SgSurrogate.ARCTAN, 2.0).loss(SgLoss.PER_STEP_SPIKES)
                .learningRate(5e-4).adamBeta1(0.9).adamBeta2(0.999).adamEpsilon(1e-8)
                .batchSize(128).dropLast(true).epochs(10)
                .sleepRatio(0.0).sleepSchedule(SgSleepSchedule.EVERY_MINIBATCHES)
                .sleep(new SgSleepConfig(1, 25, 128, 0.5, 0.01, 0.012, 20.0, 1e-3, 0.2, 0.999))
                .build();
        assertEquals(expected, SgRun.sgConfig(cfg, 225, 10));
        // the CLI's --sleep-fraction sets the ratio; sg.epochs overrides train.epochs (the measurement's settings)
        SgConfig slept = resolve(Map.of("preset", "paper-sg-code", "sleep.fraction", 0.2, "sg.epochs", 2));
        assertEquals(expected.toBuilder().sleepRatio(0.2).epochs(2).build(), slept);
        // arctan's α = 2 is snnTorch's ATan default: σ'(0) = α/2 = 1
        assertEquals(SgSurrogate.ARCTAN.defaultSlope(), slept.surrogateSlope());
    }

    /** The presets of the paper keep the paper's loss and per-epoch schedule and train on every image. */
    @Test
    void otherSgPresetsKeepTheirDefaults() {
        for (String preset : new String[] {"paper-sg", "sg-fc"}) {
            SgConfig sg = resolve(Map.of("preset", preset));
            assertEquals(SgLoss.SPIKE_COUNT, sg.loss(), preset);
            assertEquals(SgSleepSchedule.PER_EPOCH, sg.sleepSchedule(), preset);
            assertEquals(false, sg.dropLast(), preset);
        }
    }

    @Test
    void unknownSleepFieldIsNamed() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> resolve(Map.of("preset", "paper-sg", "sg.sleep.batch_copie", 16)));
        assertTrue(e.getMessage().contains("sg.sleep.batch_copie"), e.getMessage());
        assertTrue(e.getMessage().contains("batch_copies"), e.getMessage());
    }
}
