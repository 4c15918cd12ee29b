package io.somnus.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.io.NpyArray;
import io.somnus.experiment.io.Npz;
import io.somnus.experiment.io.RunDirectory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportBuilderTest {
    static final String SWEEP = """
            name: synthetic
            presets: [paper, paper-sg]
            datasets: [geomfig]
            sleep_fractions: [0.0, 0.2, 0.5]
            seeds: [1, 2, 3]
            """;
    static final List<String> SECTIONS = List.of("verdict", "header", "training-curves", "vs-sleep", "weight-traces",
            "weight-histograms", "receptive-fields", "stdp-vs-sg", "statistics", "notes");
    static final Pattern DATA_URI = Pattern.compile("src=\"data:(image/[a-z+]+);base64,([A-Za-z0-9+/=]+)\"");

    @TempDir
    static Path shared;
    static Path sweep;
    static String html;

    @BeforeAll
    static void buildOnce() throws Exception {
        System.setProperty("java.awt.headless", "true");
        sweep = shared.resolve("synthetic");
        assertEquals(0, SyntheticStudy.sweep(sweep, SWEEP).exitCode());
        Path out = shared.resolve("report/index.html");
        ReportBuilder.build(sweep, out);
        html = Files.readString(out);
    }

    @Test
    void hasEverySection() {
        for (String id : SECTIONS) {
            assertTrue(html.contains("<section id=\"" + id + "\">"), id);
        }
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("Somnus sweep synthetic"));
    }

    /**
     * A second report of the same sweep, in the same JVM, is the same page but for its two timestamps: the figures'
     * ids are numbered in page order per report (they came from a counter of the JVM, in the order the painting threads
     * took them, so the same sweep's report differed with the cores and with what the JVM had drawn before).
     */
    @Test
    void theSameSweepGivesTheSamePage() throws Exception {
        Path again = shared.resolve("report/again.html");
        ReportBuilder.build(sweep, again);
        Pattern stamp = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z");
        assertEquals(stamp.matcher(html).replaceAll("T"), stamp.matcher(Files.readString(again)).replaceAll("T"));
        assertTrue(html.contains("id=\"f1-"), "ids numbered from 1 in each page");
    }

    /** The φ panel was titled "φ" on an axis "φ": it says what φ measures. */
    @Test
    void theClassSeparationPanelSaysWhatPhiIs() {
        assertTrue(html.contains(">φ (class separation)</div>"), "panel title");
        assertTrue(html.contains("aria-label=\"φ (class separation) against the sleep fraction asked for"), "figure label");
    }

    /**
     * The STDP-versus-SG panels plot each preset at the sleep fraction asked for, which paper-sg-code reads as 1/128 of
     * it asleep: their axis said "sleep fraction", the versus-sleep panels' "sleep fraction asked for".
     */
    @Test
    void theStdpVersusSgPanelsSayTheirSleepFractionIsTheOneAskedFor() {
        assertTrue(html.contains("aria-label=\"final test accuracy against the sleep fraction asked for, one line per preset"),
                "figure label");
        assertTrue(html.contains("<p>Final test accuracy against the sleep fraction asked for, one line per preset"),
                "section text");
        assertFalse(html.contains("against sleep fraction,"), "no bare sleep fraction left");
    }

    @Test
    void isSelfContained() {
        assertFalse(html.contains("http://"), "no http references (nor namespace URIs)");
        assertFalse(html.contains("https://"), "no https references");
        assertFalse(html.contains("url(h"), "no CSS url() to the outside");
        Matcher refs = Pattern.compile("(src|href)=\"([^\"]*)\"").matcher(html);
        while (refs.find()) {
            String target = refs.group(2);
            assertTrue(target.startsWith("data:") || target.startsWith("#"), "external reference " + target);
        }
        assertFalse(html.contains("<link"));
        assertFalse(html.contains("<script"));
    }

    @Test
    void embedsWellFormedFigures() throws Exception {
        int svg = 0;
        Matcher inline = Pattern.compile("<svg[ >].*?</svg>", Pattern.DOTALL).matcher(html);
        DocumentBuilder xml = DocumentBuilderFactory.newInstance().newDocumentBuilder();
        Set<String> ids = new HashSet<>();
        while (inline.find()) {
            String text = inline.group();
            org.w3c.dom.Document doc = xml.parse(new org.xml.sax.InputSource(new StringReader(text)));
            assertEquals("svg", doc.getDocumentElement().getTagName());
            assertTrue(text.contains("<path"), "with drawing");
            Matcher id = Pattern.compile("id=\"([^\"]+)\"").matcher(text);
            while (id.find()) {
                assertTrue(ids.add(id.group(1)), "ids are unique across figures: " + id.group(1));
            }
            svg++;
        }
        int png = 0;
        Matcher m = DATA_URI.matcher(html);
        while (m.find()) {
            byte[] bytes = Base64.getDecoder().decode(m.group(2));
            assertEquals("image/png", m.group(1));
            assertEquals((byte) 0x89, bytes[0]);
            assertEquals("PNG", new String(bytes, 1, 3, StandardCharsets.US_ASCII));
            png++;
        }
        // 2 groups: a training curve, 9 panels versus sleep, 2 weight traces, 1 histogram each; 1 STDP-vs-SG chart
        int groups = 2;
        assertEquals(groups * (1 + 9 + 2 + 1) + 1, svg, "SVG figures");
        assertEquals(groups * 3, png, "receptive-field grids: one per group and fraction (first seed)");
    }

    /**
     * The verdict comes first, lists every claim × named preset the study ran (those it lacks on one line), and shows
     * beside criterion 1c the paired difference of test accuracy computed here from the runs' summary.json files,
     * with a link to the panel that draws it.
     */
    @Test
    void theVerdictComesFirstWithItsNumbersAndLinks() throws Exception {
        assertTrue(html.indexOf("<section id=\"verdict\">") < html.indexOf("<section id=\"header\">"));
        assertTrue(html.indexOf("<nav><a href=\"#verdict\">") > 0, "first in the navigation");
        String verdict = between("<section id=\"verdict\">", "</section>");
        for (String preset : List.of("paper", "paper-sg")) {
            assertTrue(verdict.contains(">" + preset + "<"), preset);
        }
        // paper-code and paper-sg-code are absent from this study: one line names them with their claims, in the
        // console's words, and no row each; paper and paper-sg were decided (linked to details)
        assertEquals(0, count(verdict, "<td>paper-code</td>") + count(verdict, "<td>paper-sg-code</td>"), verdict);
        assertEquals(1, count(verdict, "<p class=\"absent\">"), verdict);
        assertTrue(verdict.contains("Not run, the study having no runs of them: paper-code (claims 1, 2); "
                + "paper-sg-code (claim 3)</p>"), verdict);
        assertEquals(3, count(verdict, "<td><a href=\"#verdict-"), verdict); // paper (claims 1, 2), paper-sg (3)
        ObjectMapper json = new ObjectMapper();
        double sum = 0;
        for (int seed = 1; seed <= 3; seed++) {
            double a = json.readTree(sweep.resolve("runs/paper__geomfig__f0.20__s" + seed + "/summary.json").toFile())
                    .get("test_accuracy").asDouble();
            double b = json.readTree(sweep.resolve("runs/paper__geomfig__f0.00__s" + seed + "/summary.json").toFile())
                    .get("test_accuracy").asDouble();
            sum += a - b;
        }
        String delta = String.format(Locale.ROOT, "%+.3f", sum / 3).replace('-', '−');
        String row = verdict.lines().filter(l -> l.contains("1c sleep keeps learned structure")).findFirst()
                .orElseThrow(() -> new AssertionError(verdict));
        assertTrue(row.contains("<td>" + delta + " ["), row + " should show " + delta);
        assertTrue(row.contains("(n = 3, paired)"), row);
        assertTrue(row.contains("href=\"#vs-sleep-paper-geomfig\">vs sleep</a>"), row + ": the section as the navigation names it");
        assertTrue(html.contains("<h3 id=\"vs-sleep-paper-geomfig\">"), "the link's target exists");
    }

    @Test
    void headerNamesWhatRanAndTheChecksums() {
        String header = between("<section id=\"header\">", "</section>");
        assertTrue(header.contains("18 planned: 18 done, 0 failed, 0 not finished"), header);
        assertTrue(header.contains("paper (stdp), paper-sg (sg)"));
        assertTrue(header.contains("0.00, 0.20, 0.50"), header);
        assertTrue(header.contains(Integer.toHexString("geomfig".hashCode()).repeat(8)), "dataset checksum");
        assertTrue(header.contains("2026-01-01T10:00:00Z"));
        assertTrue(header.contains("17.0.15"));
        assertTrue(header.contains("Sweep file"));
    }

    /** A run the ledger counts done whose directory is gone is left out of the figures, and the count says so. */
    @Test
    void aDoneRunWhoseDirectoryIsGoneIsCountedAsMissing(@TempDir Path tmp) throws Exception {
        Path copy = tmp.resolve("copy");
        try (var files = Files.walk(sweep)) {
            for (Path f : files.toList()) {
                Path to = copy.resolve(sweep.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        Path gone = copy.resolve("runs/paper__geomfig__f0.20__s2");
        try (var files = Files.walk(gone)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
        Path out = tmp.resolve("report.html");
        ReportBuilder.build(copy, out);
        String page = Files.readString(out);
        assertTrue(page.contains("18 planned: 18 done (1 of them missing from runs/ and left out: see Notes), 0 failed"),
                page.substring(page.indexOf("<section id=\"header\">"), page.indexOf("<section id=\"header\">") + 900));
    }

    @Test
    void statisticsTableShowsTheCellMeanComputedFromTheSummaries() throws Exception {
        // independent: mean test accuracy of paper × geomfig × f = 0.2 over seeds 1..3, read from summary.json
        ObjectMapper json = new ObjectMapper();
        double sum = 0;
        for (int seed = 1; seed <= 3; seed++) {
            JsonNode s = json.readTree(sweep.resolve("runs/paper__geomfig__f0.20__s" + seed + "/summary.json").toFile());
            sum += s.get("test_accuracy").asDouble();
        }
        String expected = new BigDecimal(String.format(Locale.ROOT, "%.3g", sum / 3)).stripTrailingZeros().toPlainString();
        String stats = between("<section id=\"statistics\">", "</section>");
        String row = stats.lines().filter(l -> l.contains("<td>paper (stdp)</td><td>geomfig</td><td>0.20</td>"))
                .findFirst().orElseThrow(() -> new AssertionError(stats));
        assertTrue(row.contains("<td>" + expected + " ["), row + " should show " + expected);
        // the GLMM is fitted where R and glmmTMB are installed (scripts/install-deps installs them), else skipped
        // with the reason; either way the section says which
        String glmm = json.readTree(sweep.resolve("stats.json").toFile()).path("glmm").path("status").asText();
        if (glmm.equals("done")) {
            assertTrue(stats.contains("acc ~ sleep * model") && stats.contains("sleep:modelstdp"), stats);
            // and the authors' form, one coefficient per sleep fraction against f = 0
            assertTrue(stats.contains("sleep as a factor") && stats.contains("sleep_factor0.2"), stats);
        } else {
            // a status is always recorded, and the section prints it (a bare "GLMM " would match the heading)
            assertFalse(glmm.isEmpty(), "stats.json records the GLMM's status");
            assertTrue(stats.contains("GLMM " + glmm), stats);
        }
        assertTrue(stats.contains("Welch p"));
    }

    /**
     * A layer of 200 neurons whose first 100 fields are flat (never learnt) and whose last 100 hold a pattern: the run's
     * page draws 64 of the patterned ones and says so (it drew the first 64, all flat).
     */
    @Test
    void ofALargeLayerThePageDrawsTheMostVaryingFieldsAndSaysHowMany() throws Exception {
        Path run = shared.resolve("wide-run");
        Path from = sweep.resolve("runs/paper__geomfig__f0.20__s2");
        Files.createDirectories(run);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, run.resolve(f.getFileName()));
            }
        }
        int inputs = SyntheticStudy.INPUTS;
        int neurons = 200;
        float[] w = new float[inputs * neurons];
        for (int i = 0; i < inputs; i++) {
            for (int j = 0; j < neurons; j++) {
                w[i * neurons + j] = j < 100 ? 0.5f : (i + j) % 7 == 0 ? 1f : 0f;
            }
        }
        Files.delete(run.resolve(RunDirectory.WEIGHTS));
        Npz.write(run.resolve(RunDirectory.WEIGHTS), Map.of("input_e", NpyArray.of(w, inputs, neurons)));
        Path out = shared.resolve("wide.html");
        ReportBuilder.build(run, out);
        String page = Files.readString(out);
        assertTrue(page.contains("(input_e, 64 of 200, most varying)"), "the grid's caption");
        assertTrue(page.contains("the 64 of 200 neurons whose weights vary most"), "the figure's description");
        Matcher png = Pattern.compile("data:image/png;base64,([A-Za-z0-9+/=]+)").matcher(page);
        assertTrue(png.find(), "a grid");
        BufferedImage img = ImageIO.read(
                new ByteArrayInputStream(Base64.getDecoder().decode(png.group(1))));
        int side = (int) Math.round(Math.sqrt(inputs));
        int scale = Math.max(1, Math.min(4, 96 / side));
        assertEquals(8 * (side * scale + 1) + 1, img.getWidth(), "8 × 8 tiles");
        // the first tile is neuron 100's: black and white pixels, where a flat field's tile is all black
        boolean white = false;
        for (int y = 1; y <= side * scale; y++) {
            for (int x = 1; x <= side * scale; x++) {
                white |= img.getRGB(x, y) == 0xffffffff;
            }
        }
        assertTrue(white, "the first tile is a patterned field");
    }

    @Test
    void worksOnASingleRunDirectory() throws Exception {
        Path out = shared.resolve("single.html");
        ReportBuilder.build(sweep.resolve("runs/paper__geomfig__f0.20__s2"), out);
        String single = Files.readString(out);
        for (String id : SECTIONS) {
            // a run's page leaves out what compares runs (RunPageTest)
            boolean compares = List.of("verdict", "vs-sleep", "stdp-vs-sg", "statistics").contains(id);
            assertTrue(single.contains("<section id=\"" + id + "\">") != compares, id);
        }
        assertTrue(single.contains("Somnus run paper__geomfig__f0.20__s2"));
        assertFalse(single.contains("not applicable"));
        assertTrue(DATA_URI.matcher(single).find(), "receptive fields");
        assertTrue(single.contains("<svg"), "charts");
        assertFalse(single.contains("http"));
    }

    @Test
    void degradesGracefullyWhenOptionalFilesAndColumnsAreMissing(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("sparse");
        SyntheticStudy.sweep(dir, """
                presets: [paper]
                datasets: [geomfig]
                sleep_fractions: [0.0, 0.2]
                seeds: [1, 2]
                """);
        List<Path> runs = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir.resolve("runs"))) {
            s.forEach(runs::add);
        }
        for (Path run : runs) {
            for (String f : List.of("sleep_traces.csv", "weight_histograms.csv", "weights.npz", "provenance.json")) {
                Files.deleteIfExists(run.resolve(f));
            }
            Files.writeString(run.resolve("metrics.csv"), "images_seen,wake_steps\n100,5\n");
            JsonNode s = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
            ((ObjectNode) s).remove(List.of("diversity", "phi", "weights"));
            Files.writeString(run.resolve("summary.json"), s.toString());
        }
        // runs that never wrote those files (an older Somnus), not files deleted since: the ledger has no digests
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ledger.sqlite"));
             var st = c.createStatement()) {
            st.execute("UPDATE runs SET files_json = NULL");
        }
        Path out = tmp.resolve("sparse.html");
        ReportBuilder.build(dir, out);
        String sparse = Files.readString(out);
        for (String id : SECTIONS) {
            assertTrue(sparse.contains("<section id=\"" + id + "\">"), id);
        }
        assertTrue(sparse.contains("not recorded: no run has metrics.csv with images_seen and val_accuracy"));
        assertTrue(sparse.contains("not recorded: no sleep_traces.csv"));
        assertTrue(sparse.contains("not recorded: no weights.npz"));
        assertTrue(sparse.contains("not recorded: fraction saturated"), "missing panels are listed");
        assertTrue(sparse.contains("Dataset checksums") && sparse.contains("not recorded (no SHA-256"));
    }

    /**
     * A sweep of a network composed in a configuration file, whose input projection is in_e1: the statistics tabulate
     * the saturated share of its input weights (they looked for input_e's and left the column out) and draw its
     * receptive fields.
     */
    @Test
    void aComposedNetworksSweepShowsItsOwnInputWeights(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("composed");
        SyntheticStudy.sweep(dir, """
                presets: [paper]
                datasets: [geomfig]
                sleep_fractions: [0.0, 0.2]
                seeds: [1, 2]
                """, "in_e1");
        Path out = tmp.resolve("composed.html");
        ReportBuilder.build(dir, out);
        String html = Files.readString(out);
        assertTrue(html.contains("<th>saturated (input weights)</th>"), "the cell means' column");
        assertTrue(html.contains("<h4>saturated (input weights)</h4>"), "its comparison with f = 0");
        assertTrue(html.contains("(in_e1, 64 of 64)"), "the receptive fields of in_e1");
    }

    /** A sweep of one seed: its points have no intervals, and the page says why. */
    @Test
    void aSweepOfOneSeedSaysItsPointsHaveNoIntervals(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("one-seed");
        SyntheticStudy.sweep(dir, """
                presets: [paper]
                datasets: [geomfig]
                sleep_fractions: [0.0, 0.2]
                seeds: [1]
                """);
        Path out = tmp.resolve("one-seed.html");
        ReportBuilder.build(dir, out);
        assertTrue(Files.readString(out).contains(VersusSleepSection.ONE_SEED));
        assertFalse(html.contains(VersusSleepSection.ONE_SEED), "three seeds have intervals");
    }

    @Test
    void showsTheGlmmTableWhenOneWasFitted(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("glmm");
        SyntheticStudy.sweep(dir, """
                presets: [paper, paper-sg]
                datasets: [geomfig]
                sleep_fractions: [0.0, 0.2]
                seeds: [1, 2]
                """);
        Files.writeString(dir.resolve("glmm.csv"), "term,estimate,std_error,z,p\n\"(Intercept)\",0.5,0.1,5,0.0000005\n"
                + "\"sleep:modelstdp\",1.25,0.5,2.5,0.0124\n");
        Files.writeString(dir.resolve("stats.json"), "{\"glmm\": {\"status\": \"done\", \"formula\": \"acc ~ sleep * model + (1 | seed)\"}}");
        Path out = tmp.resolve("glmm.html");
        ReportBuilder.build(dir, out);
        String page = Files.readString(out);
        assertTrue(page.contains("<code>acc ~ sleep * model + (1 | seed)</code>"));
        // estimate and std. error to the estimates' two decimals (largest 1.25), z to two, p to four as every p
        assertTrue(page.contains("<td>sleep:modelstdp</td><td>1.25</td><td>0.50</td><td>2.50</td><td>0.0124</td>"), page);
        assertTrue(page.contains("<td>(Intercept)</td><td>0.50</td><td>0.10</td><td>5.00</td><td>&lt;0.0001</td>"), page);
    }

    @Test
    void refusesADirectoryThatIsNeitherARunNorASweep(@TempDir Path tmp) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReportBuilder.build(tmp, tmp.resolve("x.html")));
        assertTrue(e.getMessage().contains(tmp.toString()));
    }

    static int count(String text, String needle) {
        return text.split(Pattern.quote(needle), -1).length - 1;
    }

    static String between(String start, String end) {
        int a = html.indexOf(start);
        int b = html.indexOf(end, a);
        return html.substring(a, b);
    }

    /** A verdict table's figure link stays on one line: "vs-sleep" and "weight-traces" broke at their hyphen. */
    @Test
    void aVerdictFigureLinkIsNotBrokenAtItsHyphen() {
        assertTrue(ReportBuilder.CSS.contains("table.verdict td a { white-space: nowrap; }"), ReportBuilder.CSS);
    }
}
