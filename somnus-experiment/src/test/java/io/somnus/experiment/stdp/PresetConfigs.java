package io.somnus.experiment.stdp;

import io.somnus.experiment.config.Configs;
import io.somnus.experiment.config.StdpRunConfig;
import io.somnus.experiment.run.StandardResolver;
import java.util.LinkedHashMap;
import java.util.Map;

/** A preset's STDP-SNN configuration with some settings changed, for tests. */
final class PresetConfigs {
    private PresetConfigs() {
    }

    /** {@code preset} with {@code settings} as key, value, key, value, … (dotted keys, as {@code --set}). */
    static StdpRunConfig of(String preset, Object... settings) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("preset", preset);
        for (int i = 0; i < settings.length; i += 2) {
            s.put((String) settings[i], settings[i + 1]);
        }
        return Configs.bind(new StandardResolver().resolve(s), StdpRunConfig.class);
    }
}
