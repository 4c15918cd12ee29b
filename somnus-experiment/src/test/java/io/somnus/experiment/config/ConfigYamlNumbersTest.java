package io.somnus.experiment.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.io.Mappers;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** config.yaml writes a configuration's numbers as people write them, and reads back to the same configuration. */
class ConfigYamlNumbersTest {
    /** Java's spelling of a double with an exponent: 1.0E-4, 5.0E-4, 1.0E12. */
    private static final Pattern JAVA_EXPONENT = Pattern.compile("[0-9]E-?[0-9]");

    @Test
    void everyBundledPresetWritesPeoplesNumbersAndReadsBackTheSame() throws Exception {
        for (String preset : Configs.PRESETS) {
            ObjectNode resolved = Configs.resolveTree(Map.of("preset", preset));
            String yaml = Configs.toYaml(resolved);
            assertFalse(JAVA_EXPONENT.matcher(yaml).find(), preset + " wrote a number in Java's spelling:\n" + yaml);
            JsonNode read = Mappers.YAML.readTree(yaml);
            // the same tree, number types included (a whole double stays a double: dt_ms: 1.0), and so the same run
            assertEquals(resolved, read, preset);
            assertEquals(Configs.bind(resolved), Configs.bind((ObjectNode) read), preset);
        }
    }

    @Test
    void numbersAsAResearcherWritesThem() {
        // the shortest digits that read back as the double (io.somnus.core.NumberText), worked by hand
        assertEquals("0.0001", Configs.yamlNumber(1e-4));
        assertEquals("0.0005", Configs.yamlNumber(5e-4));
        assertEquals("1e12", Configs.yamlNumber(1e12));
        assertEquals("1e-8", Configs.yamlNumber(1e-8));
        assertEquals("7.5", Configs.yamlNumber(7.5));
        assertEquals("-0.3", Configs.yamlNumber(-0.3));
        assertEquals("1.0", Configs.yamlNumber(1.0)); // YAML reads "1" as an integer
        assertEquals("-65.0", Configs.yamlNumber(-65.0));
        assertEquals("w_min: 0.0001\nc: 1e12\nk: 3\nx: 1.0\n",
                Configs.toYaml(Mappers.YAML.createObjectNode().put("w_min", 1e-4).put("c", 1e12).put("k", 3).put("x", 1.0)));
    }
}
