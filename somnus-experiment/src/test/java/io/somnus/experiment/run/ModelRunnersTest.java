package io.somnus.experiment.run;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.config.RunConfig;
import io.somnus.experiment.sg.SgRunner;
import io.somnus.experiment.stdp.StdpRunner;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The executor runs each configuration with its model's runner, chosen by the configuration's type. */
class ModelRunnersTest {
    @Test
    void eachModelsConfigurationGoesToItsRunner() {
        for (String preset : Configs.PRESETS) {
            RunConfig c = Configs.bind(Configs.loadPreset(preset));
            ModelRunners.Bound<?> bound = ModelRunners.forConfig(c);
            Class<?> runner = preset.contains("sg") ? SgRunner.class : StdpRunner.class;
            assertInstanceOf(runner, bound.runner(), preset);
            assertSame(c, bound.config(), preset);
        }
    }

    /** Validation reaches the model's own checks through the dispatch (here the STDP-SNN's readout rule). */
    @Test
    void validationReachesTheModelsOwnChecks() {
        ConfigException e = assertThrows(ConfigException.class, () -> new StandardResolver().resolve(
                Map.of("preset", "paper", "readout.readouts", "[vote]")));
        assertTrue(e.getMessage().contains("readout.main 'pca-logistic' must be one of readout.readouts [vote]"),
                e.getMessage());
        ConfigException sg = assertThrows(ConfigException.class, () -> new StandardResolver().resolve(
                Map.of("preset", "paper-sg", "sg.hidden", 1_000_000, "sg.batch_size", 4096)));
        assertTrue(sg.getMessage().startsWith("invalid sg configuration: sg.steps × sg.batch_size"), sg.getMessage());
    }
}
