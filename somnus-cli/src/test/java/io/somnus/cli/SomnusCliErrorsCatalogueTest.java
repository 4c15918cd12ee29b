package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.config.Configs;
import io.somnus.experiment.io.DirectoryLock;
import io.somnus.experiment.io.NpyArray;
import io.somnus.experiment.io.Npz;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.run.StandardResolver;
import io.somnus.experiment.sweep.SweepLedger;
import io.somnus.experiment.sweep.SweepPlanner;
import io.somnus.experiment.sweep.SweepSpec;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Runs every row of the catalogue in {@code docs/errors.md} (input → message → exit status) through the command-line
 * entry point, in-process, and checks the message fragment and the exit status: the catalogue is what users get.
 */
class SomnusCliErrorsCatalogueTest {
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`(somnus [^`]*)`\\s*\\|\\s*`([^`]*)`\\s*\\|\\s*(\\d+)\\s*\\|\\s*$");

    @TempDir
    static Path fixtures;
    private static final Map<String, Path> PLACES = new LinkedHashMap<>();
    private static DirectoryLock sweepLock;

    record Row(String input, String fragment, int exit) {
        @Override
        public String toString() {
            return input;
        }
    }

    static Path catalogue() {
        for (Path p : List.of(Path.of("docs", "errors.md"), Path.of("..", "docs", "errors.md"))) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException("docs/errors.md not found from " + Path.of("").toAbsolutePath());
    }

    static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(catalogue())) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                rows.add(new Row(m.group(1), m.group(2), Integer.parseInt(m.group(3))));
            }
        }
        return rows;
    }

    static Stream<Arguments> catalogueRows() throws IOException {
        return rows().stream().map(Arguments::of);
    }

    @Test
    void theCatalogueHasARowForEachClassOfError() throws IOException {
        List<Row> rows = rows();
        assertTrue(rows.size() >= 30, "rows parsed: " + rows.size());
        for (int exit : new int[] {0, 1, 2}) {
            assertTrue(rows.stream().anyMatch(r -> r.exit() == exit), "a row with exit status " + exit);
        }
    }

    @BeforeAll
    static void makeFixtures() throws Exception {
        PLACES.put("$EMPTY_DIR", Files.createDirectories(fixtures.resolve("empty")));
        Path half = Files.createDirectories(fixtures.resolve("half-mnist"));
        writeGz(half.resolve("train-images-idx3-ubyte.gz"), images(3));
        PLACES.put("$HALF_MNIST", half);
        Path notMnist = Files.createDirectories(fixtures.resolve("not-mnist"));
        writeGz(notMnist.resolve("train-images-idx3-ubyte.gz"), images(3));
        writeGz(notMnist.resolve("train-labels-idx1-ubyte.gz"), labels(3));
        writeGz(notMnist.resolve("t10k-images-idx3-ubyte.gz"), images(2));
        writeGz(notMnist.resolve("t10k-labels-idx1-ubyte.gz"), labels(2));
        PLACES.put("$NOT_MNIST", notMnist);
        Path gunzipped = Files.createDirectories(fixtures.resolve("gunzipped-changed"));
        Files.write(gunzipped.resolve("train-images-idx3-ubyte"), images(3));
        Files.write(gunzipped.resolve("train-labels-idx1-ubyte"), labels(3));
        Files.writeString(gunzipped.resolve("SHA256SUMS.content"), "0".repeat(64) + "  train-images-idx3-ubyte\n");
        PLACES.put("$GUNZIPPED_CHANGED", gunzipped);
        Path caseTwice = Files.createDirectories(fixtures.resolve("case-twice"));
        for (Path f : List.of(notMnist.resolve("train-images-idx3-ubyte.gz"), notMnist.resolve("train-labels-idx1-ubyte.gz"),
                notMnist.resolve("t10k-images-idx3-ubyte.gz"), notMnist.resolve("t10k-labels-idx1-ubyte.gz"))) {
            Files.copy(f, caseTwice.resolve(f.getFileName()));
        }
        Files.copy(notMnist.resolve("train-labels-idx1-ubyte.gz"), caseTwice.resolve("TRAIN-LABELS-IDX1-UBYTE.GZ"));
        PLACES.put("$CASE_TWICE", caseTwice);
        Path wide = fixtures.resolve("notmnist-wide");
        for (char letter = 'A'; letter <= 'J'; letter++) {
            Path dir = Files.createDirectories(wide.resolve(String.valueOf(letter)));
            int side = letter == 'D' ? 27 : 28;
            for (String name : List.of("x.png", "y.png")) {
                ImageIO.write(new BufferedImage(side, 28,
                        BufferedImage.TYPE_BYTE_GRAY), "png", dir.resolve(name).toFile());
            }
        }
        PLACES.put("$NOTMNIST_WIDE", wide);
        Path noJ = fixtures.resolve("notmnist-no-j");
        for (char letter = 'A'; letter <= 'J'; letter++) {
            Path dir = Files.createDirectories(noJ.resolve(String.valueOf(letter)));
            for (String name : List.of("x.png", "y.png")) {
                if (letter == 'J') {
                    Files.writeString(dir.resolve(name), "not a PNG");
                } else {
                    ImageIO.write(new BufferedImage(28, 28,
                            BufferedImage.TYPE_BYTE_GRAY), "png", dir.resolve(name).toFile());
                }
            }
        }
        PLACES.put("$NOTMNIST_NO_J", noJ);
        Path imported = Files.createDirectories(fixtures.resolve("imported").resolve("notmnist"));
        Files.writeString(imported.resolve("notes.txt"), "mine");
        PLACES.put("$IMPORTED", imported.getParent());

        String paper;
        try (InputStream in = SomnusCli.class.getResourceAsStream("/io/somnus/presets/paper.yaml")) {
            paper = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        PLACES.put("$DUP_PRESET", Files.writeString(fixtures.resolve("dup.yaml"), paper.replace("seed: 1\n", "seed: 1\nseed: 2\n")));
        PLACES.put("$BASE_PRESET_GIVEN", Files.writeString(fixtures.resolve("bp.yaml"),
                "preset: paper\nbase_preset: diehl-cook\n"));
        PLACES.put("$NO_I_PRESET", Files.writeString(fixtures.resolve("no-i.yaml"), "preset: paper\npopulations: {i: null}\n"));
        PLACES.put("$OUTDENTED_PRESET", Files.writeString(fixtures.resolve("outdented.yaml"),
                "preset: paper\ntrain:\n  images: 100\n test_images: 50\n"));
        PLACES.put("$LIST_PRESET", Files.writeString(fixtures.resolve("list.yaml"), "preset: paper\ntrain: [100]\n"));
        PLACES.put("$BROKEN_PRESET", Files.writeString(fixtures.resolve("broken.yaml"),
                "model: stdp\ndescription: x\n  bad: [1,\n"));

        PLACES.put("$SWEEP", Files.writeString(fixtures.resolve("sweep.yaml"),
                "name: tiny\npresets: [paper]\ndatasets: [geomfig]\nsleep_fractions: [0.0]\nseeds: [1]\n"));
        PLACES.put("$SWEEP_SEED2", Files.writeString(fixtures.resolve("sweep-seed2.yaml"),
                "name: tiny\npresets: [paper]\ndatasets: [geomfig]\nsleep_fractions: [0.0]\nseeds: [2]\n"));
        PLACES.put("$SWEEP_NO_DATA", Files.writeString(fixtures.resolve("sweep-no-data.yaml"),
                "name: nodata\npresets: [paper]\ndatasets: [mnist]\nsleep_fractions: [0.0]\nseeds: [1]\nset: {dataset.dir: '"
                        + PLACES.get("$EMPTY_DIR").toString().replace("'", "''") + "'}\n"));
        Path emptyLedger = fixtures.resolve("sweep-empty-ledger");
        Files.createDirectories(emptyLedger.resolve("runs").resolve("paper__geomfig__f0.0__s1"));
        Files.write(emptyLedger.resolve("ledger.sqlite"), new byte[0]);
        PLACES.put("$SWEEP_EMPTY_LEDGER", emptyLedger);
        Path locked = Files.createDirectories(fixtures.resolve("sweep-locked"));
        Files.write(locked.resolve("ledger.sqlite"), new byte[0]);
        Files.createDirectories(locked.resolve("runs"));
        sweepLock = DirectoryLock.tryAcquire(locked.resolve(".somnus.lock"), "the catalogue test").orElseThrow();
        PLACES.put("$SWEEP_LOCKED", locked);
        Path otherNoise = Files.createDirectories(fixtures.resolve("sweep-other-noise"));
        Path otherLedger = otherNoise.resolve(SweepLedger.FILE_NAME);
        try (SweepLedger ledger = SweepLedger.open(otherLedger)) {
            ledger.initialise(SweepPlanner.plan(SweepSpec.load(PLACES.get("$SWEEP")), new StandardResolver()),
                    Instant.now());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + otherLedger); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE meta SET value = 'java-25-nextGaussian' WHERE key = '" + SweepLedger.GAUSSIAN_DRAWS + "'");
        }
        PLACES.put("$SWEEP_OTHER_NOISE", otherNoise);

        String summary = "{\"model\":\"stdp\",\"preset\":\"paper\",\"dataset\":\"geomfig\",\"seed\":1,"
                + "\"sleep_fraction\":0.0,\"test_accuracy\":0.5}";
        Path badMetrics = Files.createDirectories(fixtures.resolve("run-bad-metrics"));
        Files.writeString(badMetrics.resolve("summary.json"), summary);
        Files.writeString(badMetrics.resolve("metrics.csv"), "garbage,text\nno numbers,here\n");
        PLACES.put("$RUN_BAD_METRICS", badMetrics);
        Path cutMetrics = Files.createDirectories(fixtures.resolve("run-cut-metrics"));
        Files.writeString(cutMetrics.resolve("summary.json"), summary);
        Files.writeString(cutMetrics.resolve("metrics.csv"), "images_seen,val_accuracy\n100,0.5\n200,0.6");
        PLACES.put("$RUN_CUT_METRICS", cutMetrics);
        Path cutWeights = Files.createDirectories(fixtures.resolve("run-cut-weights"));
        Files.writeString(cutWeights.resolve("summary.json"), summary);
        Path npz = cutWeights.resolve("weights.npz");
        Npz.write(npz, Map.of("input_e", NpyArray.of(new float[256], 16, 16)));
        byte[] whole = Files.readAllBytes(npz);
        Files.write(npz, Arrays.copyOf(whole, whole.length / 2));
        PLACES.put("$RUN_CUT_WEIGHTS", cutWeights);
        Path badConfig = Files.createDirectories(fixtures.resolve("run-bad-config"));
        Files.writeString(badConfig.resolve("summary.json"), summary);
        Files.writeString(badConfig.resolve("config.yaml"), "preset: paper\n  seed: [1,\n");
        PLACES.put("$RUN_BAD_CONFIG", badConfig);
        Path badSummary = Files.createDirectories(fixtures.resolve("run-bad-summary"));
        Files.write(badSummary.resolve("summary.json"), new byte[] {(byte) 0xa7, 0x01, (byte) 0xff, 0x13, 0x37});
        PLACES.put("$RUN_BAD_SUMMARY", badSummary);

        Path damaged = fixtures.resolve("sweep-damaged");
        for (int seed = 1; seed <= 3; seed++) {
            Path run = Files.createDirectories(damaged.resolve("runs").resolve("paper__geomfig__f0.0__s" + seed));
            Files.writeString(run.resolve("summary.json"), summary.replace("\"seed\":1", "\"seed\":" + seed));
            Files.writeString(run.resolve("metrics.csv"), "images_seen,val_accuracy\n100,0.5\n200,0.6"); // cut short
        }
        PLACES.put("$SWEEP_DAMAGED", damaged);

        Path exported = Files.createDirectories(fixtures.resolve("exported"));
        Files.write(exported.resolve("inputs.npz"), new byte[0]);
        PLACES.put("$EXPORTED", exported);

        // interrupted runs, as a kill leaves them beside RUN: of the STDP-SNN before its first checkpoint; of the
        // SG-SNN before its first epoch ended; with a snapshot that is not one (SG-SNN, STDP-SNN)
        Path stdpLeft = Files.createDirectories(fixtures.resolve("resume-stdp").resolve(".run.tmp-1"));
        Files.writeString(stdpLeft.resolve("config.yaml"), Configs.toYaml(
                new StandardResolver().resolve(Map.of("preset", "paper", "dataset.name", "geomfig"))));
        PLACES.put("$RESUME_STDP", stdpLeft.getParent());
        String sg = Configs.toYaml(
                new StandardResolver().resolve(Map.of("preset", "paper-sg", "dataset.name", "geomfig")));
        Path early = Files.createDirectories(fixtures.resolve("resume-early").resolve(".run.tmp-1"));
        Files.writeString(early.resolve("config.yaml"), sg);
        PLACES.put("$RESUME_EARLY", early.getParent());
        Path junk = Files.createDirectories(fixtures.resolve("resume-junk").resolve(".run.tmp-1"));
        Files.writeString(junk.resolve("config.yaml"), sg);
        Files.write(junk.resolve(RunDirectory.RESUME_SNAPSHOT), new byte[100]);
        PLACES.put("$RESUME_JUNK", junk.getParent());
        Path stdpJunk = Files.createDirectories(fixtures.resolve("resume-stdp-junk").resolve(".run.tmp-1"));
        Files.copy(stdpLeft.resolve("config.yaml"), stdpJunk.resolve("config.yaml"));
        Files.write(stdpJunk.resolve(RunDirectory.RESUME_SNAPSHOT), new byte[100]);
        PLACES.put("$RESUME_STDP_JUNK", stdpJunk.getParent());
        // a version-1 snapshot (before the arithmetic was recorded): its head and digest whole, its state never read
        Path v1 = Files.createDirectories(fixtures.resolve("resume-v1").resolve(".run.tmp-1"));
        Files.copy(stdpLeft.resolve("config.yaml"), v1.resolve("config.yaml"));
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write("SOMNUS-STDP-RESUME\n".getBytes(StandardCharsets.US_ASCII));
        body.write(new byte[] {0, 0, 0, 1});
        body.write(sha.digest(Files.readAllBytes(v1.resolve("config.yaml"))));
        body.write(new byte[40]);
        body.write(sha.digest(body.toByteArray()));
        Files.write(v1.resolve(RunDirectory.RESUME_SNAPSHOT), body.toByteArray());
        PLACES.put("$RESUME_V1", v1.getParent());

        Path stale = Files.createDirectories(fixtures.resolve("stale").resolve(".run.tmp-1"));
        Files.writeString(stale.resolve(RunDirectories.LOCK_FILE), "pid 99999 (gone), since then: train --out run\n");
        PLACES.put("$STALE", stale.getParent());
    }

    @AfterAll
    static void releaseLock() {
        if (sweepLock != null) {
            sweepLock.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogueRows")
    void eachCataloguedInputGivesItsMessageAndExitStatus(Row row, @TempDir Path tmp) {
        String[] words = row.input().trim().split("\\s+");
        List<String> args = new ArrayList<>();
        for (int i = 1; i < words.length; i++) { // words[0] is "somnus"
            String w = words[i].replace("$TMP", tmp.toString());
            // longest first: $SWEEP must not eat the start of $SWEEP_LOCKED
            for (String key : PLACES.keySet().stream().sorted((a, b) -> b.length() - a.length()).toList()) {
                w = w.replace(key, PLACES.get(key).toString());
            }
            args.add(w);
        }
        // --print-config runs nothing, and refuses --out (a row of its own gives it)
        if (args.get(0).equals("train") && !args.contains("--out") && !args.contains("--resume")
                && !args.contains("--print-config")) {
            args.add("--out");
            args.add(tmp.resolve("run").toString());
        }
        StringWriter picoOut = new StringWriter();
        StringWriter picoErr = new StringWriter();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        int exit;
        try (PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            System.setErr(capture);
            CommandLine cl = SomnusCli.commandLine();
            cl.setOut(new PrintWriter(picoOut, true));
            cl.setErr(new PrintWriter(picoErr, true));
            exit = cl.execute(args.toArray(String[]::new));
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
        String all = picoOut + "\n" + picoErr + "\n" + console.toString(StandardCharsets.UTF_8);
        assertTrue(all.contains(row.fragment()), "expected '" + row.fragment() + "' in:\n" + all);
        assertEquals(row.exit(), exit, "exit status of " + row.input() + "; output:\n" + all);
        if (row.exit() == 2) {
            assertTrue(!all.contains("\tat io.somnus") && !all.contains("Exception in thread"), "no stack trace:\n" + all);
        }
    }

    private static byte[] images(int n) {
        ByteBuffer b = ByteBuffer.allocate(16 + n * 784);
        b.putInt(0x00000803).putInt(n).putInt(28).putInt(28);
        for (int i = 0; i < n * 784; i++) {
            b.put((byte) (i * 31));
        }
        return b.array();
    }

    private static byte[] labels(int n) {
        ByteBuffer b = ByteBuffer.allocate(8 + n);
        b.putInt(0x00000801).putInt(n);
        for (int i = 0; i < n; i++) {
            b.put((byte) (i % 10));
        }
        return b.array();
    }

    private static void writeGz(Path file, byte[] content) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
        }
    }
}
