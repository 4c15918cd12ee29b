package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.io.Npz;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * docs/configuration.md's "A network of your own": its YAML file, written out as it stands there, run by the command
 * beside it, gives a run directory of its own populations and projections (no preset's e, i or input_e), and a page
 * that says the read-out population has no receptive fields rather than failing on them.
 */
class ComposedNetworkExampleTest {
    private static final String HEADING = "## A network of your own";

    @Test
    void theDocumentedComposedNetworkRunsAsWritten(@TempDir Path tmp) throws Exception {
        Path doc = Files.isRegularFile(Path.of("docs", "configuration.md")) ? Path.of("docs", "configuration.md")
                : Path.of("..", "docs", "configuration.md");
        String text = Files.readString(doc);
        int section = text.indexOf(HEADING);
        assertTrue(section >= 0, "docs/configuration.md has no '" + HEADING + "'");
        String yaml = block(text, section, "```yaml\n");
        String command = block(text, section, "```bash\n").lines().filter(l -> l.startsWith("./somnus train"))
                .findFirst().orElseThrow().replaceAll("#.*", "").strip();
        Path file = Files.writeString(tmp.resolve("composed.yaml"), yaml);
        Path out = tmp.resolve("composed");
        List<String> args = new ArrayList<>();
        for (String w : command.split("\\s+")) {
            args.add(w.equals("composed.yaml") ? file.toString() : w.equals("runs/composed") ? out.toString() : w);
        }
        assertEquals(List.of("./somnus", "train", "--preset", file.toString(), "--out", out.toString()), args,
                "the documented command: " + command);
        CommandLine cl = SomnusCli.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        assertEquals(0, cl.execute(args.subList(1, args.size()).toArray(String[]::new)), err.toString());

        JsonNode summary = Mappers.JSON.readTree(out.resolve("summary.json").toFile());
        assertEquals("composed", summary.get("preset").asText());
        assertEquals(List.of("e1", "e2", "inh"), names(summary.get("rates_wake_hz")));
        List<String> projections = List.of("in_e1", "e1_e2", "e2_e2", "e2_inh", "inh_e1", "inh_e2");
        assertEquals(projections, names(summary.get("weights")));
        assertEquals(new TreeSet<>(projections), new TreeSet<>(Npz.read(out.resolve("weights.npz")).keySet()));
        assertTrue(summary.get("rates_wake_hz").get("e2").asDouble() > 0, "e1 drives e2: " + summary.get("rates_wake_hz"));
        assertTrue(summary.get("input_weights").isNull(), "no projection from the input reaches e2");
        assertTrue(summary.get("diversity").get("rf_cosine").isNull(), "undefined: null, not the string \"NaN\"");
        // the sleep decays the plastic projections, whose Σ|w| it traces; the static inhibition it leaves alone
        Set<String> traced = new TreeSet<>();
        Files.readAllLines(out.resolve("sleep_traces.csv")).stream().skip(1).forEach(l -> traced.add(l.split(",")[3]));
        assertEquals(new TreeSet<>(List.of("in_e1", "e1_e2", "e2_e2", "e2_inh")), traced);
        assertTrue(summary.get("sleep_episodes").asInt() > 0, "it slept");
        String page = Files.readString(out.resolve("report.html"));
        assertTrue(page.contains("no projection from the input onto its read-out population, e2"), "receptive fields");
    }

    private static String block(String text, int from, String fence) {
        int start = text.indexOf(fence, from);
        assertTrue(start >= 0, "no " + fence.strip() + " block after " + HEADING);
        start += fence.length();
        return text.substring(start, text.indexOf("```", start));
    }

    private static List<String> names(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
