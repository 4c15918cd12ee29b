package io.somnus.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.model.RunProgress;
import io.somnus.experiment.run.RemoteRunException;
import io.somnus.experiment.run.StandardRunExecutor;
import io.somnus.experiment.sweep.EngineOptions;
import io.somnus.experiment.sweep.LedgerEntry;
import io.somnus.experiment.sweep.RunStatus;
import io.somnus.experiment.sweep.SweepEngine;
import io.somnus.experiment.sweep.SweepEngines;
import io.somnus.experiment.sweep.SweepLedger;
import io.somnus.experiment.sweep.SweepListener;
import io.somnus.experiment.sweep.SweepResult;
import io.somnus.spark.rules.ShrinkRule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark engine in local mode ({@code local[2]}): the same run directories and aggregates as the local engine. */
class SparkSweepEngineTest {
    @TempDir
    Path tmp;

    private static SweepEngine spark(String master, int attempts) {
        return SweepEngines.open("spark", new EngineOptions(master, attempts, null), new StandardRunExecutor());
    }

    @Test
    void sparkRunsGiveTheLocalEnginesFilesByteForByte() throws Exception {
        Path sweep = SweepFiles.write(tmp, "tiny", "0.0, 0.2", "1, 2");
        SweepResult local = SweepFiles.runLocally(sweep, tmp.resolve("local"));
        SweepResult onSpark;
        try (SweepEngine engine = spark("local[2]", 2)) {
            assertEquals("spark", engine.name());
            onSpark = SweepFiles.support().run(sweep, tmp.resolve("spark"), engine, 2, false, SweepListener.NONE);
        }
        assertTrue(local.allDone() && onSpark.allDone(), "every run done on both engines");
        assertEquals(4, SweepFiles.assertSameResults(tmp.resolve("local"), tmp.resolve("spark")));
        for (LedgerEntry e : SweepLedger.read(tmp.resolve("spark").resolve(SweepLedger.FILE_NAME))) {
            assertEquals(RunStatus.DONE, e.status(), e.runId());
            assertEquals(1, e.attempts(), e.runId());
            JsonNode prov = Mappers.JSON.readTree(tmp.resolve("spark/runs").resolve(e.runId()).resolve("provenance.json").toFile());
            assertEquals("spark", prov.path("engine").asText(), e.runId());
            assertEquals("driver", prov.path("spark_executor_id").asText(), "local mode executes on the driver");
            assertEquals(0, prov.path("spark_task_attempt").asInt(-1));
            assertEquals(InetAddress.getLocalHost().getHostName(), prov.path("host").asText());
        }
    }

    /**
     * A rule of one's own ({@code rule: class}) on the executors' class path runs on Spark as on the local engine: the
     * same files byte for byte, and provenance.json records the class and its class file's SHA-256 (the file's own).
     * In local mode the executors load it through the driver's class loader; a cluster's need the jar (docs/distributed.md).
     */
    @Test
    void aRuleOfOnesOwnRunsOnSparkAsOnTheLocalEngine() throws Exception {
        Path sweep = SweepFiles.write(tmp, "own", "0.0", "1");
        Files.writeString(sweep, Files.readString(sweep) + "variants:\n  shrink:\n    projections.input_e.plasticity: "
                + "{rule: class, class_name: " + ShrinkRule.class.getName() + ", params: {factor: 0.999}}\n");
        SweepResult local = SweepFiles.runLocally(sweep, tmp.resolve("local"));
        long spikesLocally = ShrinkRule.POST_SPIKES.getAndSet(0);
        SweepResult onSpark;
        try (SweepEngine engine = spark("local[1]", 1)) {
            onSpark = SweepFiles.support().run(sweep, tmp.resolve("spark"), engine, 1, false, SweepListener.NONE);
        }
        assertTrue(local.allDone() && onSpark.allDone(), "done on both engines: " + onSpark.outcomes());
        assertTrue(spikesLocally > 0, "the rule ran");
        assertEquals(spikesLocally, ShrinkRule.POST_SPIKES.get(), "and on Spark as often");
        assertEquals(1, SweepFiles.assertSameResults(tmp.resolve("local"), tmp.resolve("spark")));
        String run = SweepFiles.runIds(tmp.resolve("spark")).get(0);
        JsonNode own = Mappers.JSON.readTree(tmp.resolve("spark/runs").resolve(run).resolve("provenance.json").toFile())
                .path("user_classes");
        Path classes = Path.of(ShrinkRule.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        byte[] file = Files.readAllBytes(classes.resolve(ShrinkRule.class.getName().replace('.', '/') + ".class"));
        assertEquals(ShrinkRule.class.getName(), own.path(0).path("class_name").asText(), own.toString());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file)),
                own.path(0).path("class_files").path(ShrinkRule.class.getName()).asText(), own.toString());
    }

    @Test
    void aSweepStartedOnSparkResumesLocallyWithoutRedoingItsRuns() throws Exception {
        Path first = SweepFiles.write(tmp, "grow", "0.0", "1");
        Path out = tmp.resolve("out");
        try (SweepEngine engine = spark("local[1]", 1)) {
            SweepFiles.support().run(first, out, engine, 1, false, SweepListener.NONE);
        }
        // the same sweep, resumed on the local engine: the Spark run is skipped, not redone
        SweepResult resumed = SweepFiles.support().run(first, out, SweepEngine.local(new StandardRunExecutor()), 1, true,
                SweepListener.NONE);
        assertEquals(1, resumed.outcomes().size());
        assertTrue(resumed.outcomes().get(0).skipped(), "the run finished on Spark is kept");
        assertEquals(1, SweepLedger.read(out.resolve(SweepLedger.FILE_NAME)).get(0).attempts());
    }

    /**
     * A run whose task always fails: tried {@code --task-attempts} times, each failed attempt said through
     * {@link SweepEngine#noticesTo}, then recorded failed with Spark's report of it; a library user who calls the engine's executor catches it as the unchecked {@link RemoteRunException}, which
     * names the run.
     */
    @Test
    void aFailingTaskIsTriedTaskAttemptsTimesThenItsRunIsRecordedFailed() throws Exception {
        // geomfig has 10 000 test images: the executor's data preparation refuses 20 000, on every attempt
        Path sweep = SweepFiles.write(tmp, "bad", "0.0", "1");
        Files.writeString(sweep, Files.readString(sweep).replace("train.test_images: 40", "train.test_images: 20000"));
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        SweepResult r;
        RemoteRunException direct;
        List<String> said = Collections.synchronizedList(new ArrayList<>());
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (SweepEngine engine = spark("local[1]", 3)) {
            engine.noticesTo(said::add); // as the CLI's sweep does: its listener says them above the bars
            r = SweepFiles.support().run(sweep, tmp.resolve("bad-out"), engine, 1, false, SweepListener.NONE);
            // a library user's own call of the engine's executor: Spark's SparkException was thrown undeclared
            ObjectNode config = Configs.resolveTree(Map.of("preset", "paper", "dataset.name", "geomfig", "seed", 1,
                    "train.images", 20, "train.validation_images", 10, "train.test_images", 20000));
            Path runDir = Files.createDirectories(tmp.resolve("runs/.tmp-by_hand-0a1b2c3d"));
            direct = assertThrows(RemoteRunException.class, () -> engine.executor().execute(config, runDir,
                    RunProgress.NONE));
        } finally {
            System.setErr(saved);
        }
        assertEquals("by_hand", direct.run());
        assertTrue(direct.getMessage().startsWith("run by_hand failed on spark: Job aborted due to stage failure: "),
                direct.getMessage());
        assertTrue(direct.getMessage().contains("train.test_images = 20000"), "the task's error: " + direct.getMessage());
        assertEquals("org.apache.spark.SparkException", direct.getCause().getClass().getName());
        String stderr = captured.toString(StandardCharsets.UTF_8);
        saved.print(stderr);
        String notices = String.join("\n", said); // complete: closing the engine drained Spark's listener bus
        assertFalse(stderr.contains("spark: run "), "every notice said through noticesTo, none on stderr:\n" + stderr);
        assertEquals(3, said.stream().filter(l -> l.startsWith("spark: run by_hand: task attempt ")).count(), notices);
        assertEquals(RunStatus.FAILED, r.outcomes().get(0).status());
        assertTrue(r.outcomes().get(0).error().contains("train.test_images = 20000"), r.outcomes().get(0).error());
        // the ledger keeps Spark's own report, as it did before the executor named the run in RemoteRunException
        String recorded = SweepLedger.read(tmp.resolve("bad-out").resolve(SweepLedger.FILE_NAME)).get(0).error();
        assertEquals(r.outcomes().get(0).error(), recorded);
        assertTrue(recorded.startsWith("SparkException: Job aborted due to stage failure: Task 0 in stage 0.0 failed 3 "
                + "times") && recorded.contains("\norg.apache.spark.SparkException: Job aborted"), recorded);
        assertFalse(recorded.contains("RemoteRunException"), recorded);
        List<String> attempts = notices.lines().filter(l -> l.startsWith("spark: run paper__geomfig")).toList();
        assertEquals(3, attempts.size(), "one notice per failed attempt:\n" + notices);
        for (int k = 1; k <= 3; k++) {
            assertTrue(attempts.get(k - 1).contains("task attempt " + k + " "), attempts.get(k - 1));
        }
        assertTrue(attempts.get(2).endsWith("that was the last of 3 attempts"), attempts.get(2));
        assertTrue(SweepFiles.runIds(tmp.resolve("bad-out")).isEmpty(), "a failed run leaves no directory");
    }

    /**
     * The driver's executor declares what a run on Spark can meet, an I/O error writing the returned files and an
     * interruption while it waits on the job, and the task's function an I/O error, not {@code Exception}.
     */
    @Test
    void theSparkExecutorAndItsTaskDeclareNoBareException() throws NoSuchMethodException {
        assertArrayEquals(new Class<?>[] {IOException.class, InterruptedException.class},
                SparkRunExecutor.class.getMethod("execute", ObjectNode.class,
                        Path.class, RunProgress.class).getExceptionTypes());
        assertArrayEquals(new Class<?>[] {IOException.class},
                RemoteRun.class.getMethod("call", RunTask.class).getExceptionTypes());
    }

    @Test
    void withDataDirTheExecutorsReadTheDriversDatasetsAndRecordTheirChecksums() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("datasets/mnist"));
        writeGz(data.resolve("train-images-idx3-ubyte.gz"), images(100));
        writeGz(data.resolve("train-labels-idx1-ubyte.gz"), labels(100));
        writeGz(data.resolve("t10k-images-idx3-ubyte.gz"), images(50));
        writeGz(data.resolve("t10k-labels-idx1-ubyte.gz"), labels(50));
        Path sweep = SweepFiles.write(tmp, "shipped", "0.0", "1");
        Files.writeString(sweep, Files.readString(sweep).replace("[geomfig]", "[mnist]")
                + "  dataset.allow_unverified: true\n");
        SweepResult r;
        try (SweepEngine engine = SweepEngines.open("spark", new EngineOptions("local[1]", 1, tmp.resolve("datasets")),
                new StandardRunExecutor())) {
            r = SweepFiles.support().run(sweep, tmp.resolve("shipped-out"), engine, 1, false, SweepListener.NONE);
        }
        assertTrue(r.allDone(), r.outcomes().toString());
        JsonNode prov = Mappers.JSON.readTree(tmp.resolve("shipped-out/runs").resolve(r.outcomes().get(0).runId())
                .resolve("provenance.json").toFile());
        assertTrue(prov.path("data_shipped_from_driver").asBoolean(), prov.toString());
        Set<String> recorded = new TreeSet<>();
        prov.path("dataset_sha256").forEach(h -> recorded.add(h.asText()));
        Set<String> expected = new TreeSet<>();
        try (var files = Files.list(data)) {
            for (Path f : files.toList()) {
                expected.add(SparkStandaloneClusterIT.sha256(f));
            }
        }
        assertEquals(expected, recorded, "the checksums of the driver's four files");
        for (JsonNode f : prov.path("dataset_files")) {
            assertFalse(f.path("file").asText().startsWith(data.toString()), "read from the shipped copy: " + f);
        }
    }

    private static byte[] images(int n) {
        ByteBuffer b = ByteBuffer.allocate(16 + n * 784);
        b.putInt(0x00000803).putInt(n).putInt(28).putInt(28);
        for (int i = 0; i < n * 784; i++) {
            b.put((byte) (i * 31 + i / 784));
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
        try (var out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
        }
    }

    @Test
    void localMastersGetTheirRetriesInTheMasterString() {
        assertEquals("local[2,4]", SparkSweepEngine.withLocalRetries("local[2]", 4));
        assertEquals("local[*,3]", SparkSweepEngine.withLocalRetries("local[*]", 3));
        assertEquals("local[1,2]", SparkSweepEngine.withLocalRetries("local", 2));
        assertEquals("spark://h:7077", SparkSweepEngine.withLocalRetries("spark://h:7077", 2));
        assertEquals("paper__geomfig__f0.20__s1", SparkSweepEngine.runLabel(Path.of("runs/.tmp-paper__geomfig__f0.20__s1-0a1b2c3d")));
    }
}
