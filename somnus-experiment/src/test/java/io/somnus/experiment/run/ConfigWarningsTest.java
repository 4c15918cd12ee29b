package io.somnus.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.Configs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Warnings of legal but unusual values: none for a shipped preset, said once for many runs; the SG-SNN's checks. */
class ConfigWarningsTest {
    private static ObjectNode resolve(Object... settings) {
        Map<String, Object> s = new LinkedHashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            s.put((String) settings[i], settings[i + 1]);
        }
        return new StandardResolver().resolve(s);
    }

    /** Every shipped preset passes the physical checks (it resolves) and has no warning. */
    @Test
    void everyBundledPresetPassesWithNoWarning() {
        for (String preset : Configs.PRESETS) {
            assertEquals(List.of(), ConfigWarnings.of(resolve("preset", preset)), preset);
        }
    }

    /**
     * A sweep's runs share their warnings: each is said once, with the number of runs it concerns where that is not
     * all of them (two runs of v_reset −50 mV, above paper's threshold of −55, one of −80).
     */
    @Test
    void aSweepSaysEachWarningOnceWithItsRunCount() {
        StandardResolver r = new StandardResolver();
        ObjectNode odd = resolve("preset", "paper", "populations.e.params.v_reset_mv", -50.0);
        ObjectNode oddSeed2 = resolve("preset", "paper", "populations.e.params.v_reset_mv", -50.0, "seed", 2);
        ObjectNode plain = resolve("preset", "paper", "populations.e.params.v_reset_mv", -80.0);
        List<String> some = ConfigWarnings.ofAll(r, List.of(odd, plain, oddSeed2));
        assertEquals(1, some.size(), some.toString());
        assertTrue(some.get(0).startsWith("populations.e.params.v_reset_mv = -50 ")
                && some.get(0).endsWith(" (in 2 of 3 runs)"), some.get(0));
        List<String> all = ConfigWarnings.ofAll(r, List.of(odd, oddSeed2));
        assertEquals(ConfigWarnings.of(odd), all);
    }

    /** SG-SNN Poisson input: a pixel of 1 at 2000 Hz × 1 ms would spike with probability 2; 1000 Hz gives 1. */
    @Test
    void anSgPoissonProbabilityAboveOneIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> resolve("preset", "sg-fc", "sg.encoding",
                "poisson", "sg.poisson_rate_hz", 2000.0));
        assertTrue(e.getMessage().startsWith("sg.poisson_rate_hz = 2000: ")
                && e.getMessage().contains("probability 2 per step"), e.getMessage());
        resolve("preset", "sg-fc", "sg.encoding", "poisson", "sg.poisson_rate_hz", 1000.0);
        // the rate is unused by bernoulli input (sg-fc's own)
        resolve("preset", "sg-fc", "sg.poisson_rate_hz", 2000.0);
    }

    /**
     * SG-SNN Poisson input at 0 Hz never spikes: the run trained on silence and ended at chance, saying nothing. The
     * rate is unused by bernoulli and direct input, which keep it at 0.
     */
    @Test
    void anSgPoissonInputThatNeverSpikesIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> resolve("preset", "sg-fc", "sg.encoding",
                "poisson", "sg.poisson_rate_hz", 0.0));
        assertTrue(e.getMessage().startsWith("sg.poisson_rate_hz = 0: with sg.encoding: poisson no input would ever "
                + "spike; allowed: a rate > 0"), e.getMessage());
        resolve("preset", "sg-fc", "sg.encoding", "poisson", "sg.poisson_rate_hz", 1.0);
        resolve("preset", "sg-fc", "sg.poisson_rate_hz", 0.0);
        resolve("preset", "paper-sg", "sg.poisson_rate_hz", 0.0);
    }

    /** An SG sleep trace of 0.5 ms against sg.dt_ms = 1 ms keeps exp(−2) = 13.5 % per step. */
    @Test
    void anSgSleepTraceShorterThanTheStepIsWarned() {
        List<String> w = ConfigWarnings.of(resolve("preset", "paper-sg", "sg.sleep.tau_ms", 0.5));
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).startsWith("sg.sleep.tau_ms = 0.5 is shorter than sg.dt_ms = 1")
                && w.get(0).contains("14%"), w.get(0));
    }
}
