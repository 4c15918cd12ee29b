package io.somnus.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.sg.SgRun;
import io.somnus.sg.SgConfig;
import io.somnus.sg.SgSleepConfig;
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

    @Test
    void unknownSleepFieldIsNamed() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> resolve(Map.of("preset", "paper-sg", "sg.sleep.batch_copie", 16)));
        assertTrue(e.getMessage().contains("sg.sleep.batch_copie"), e.getMessage());
        assertTrue(e.getMessage().contains("batch_copies"), e.getMessage());
    }
}
