package io.somnus.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.run.StandardRunExecutor;
import io.somnus.experiment.sweep.EngineOptions;
import io.somnus.experiment.sweep.LedgerEntry;
import io.somnus.experiment.sweep.RunStatus;
import io.somnus.experiment.sweep.SweepEngines;
import io.somnus.experiment.sweep.SweepLedger;
import io.somnus.experiment.sweep.SweepListener;
import io.somnus.experiment.sweep.SweepResult;
import io.somnus.kernel.KernelChoiceCache;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster on 127.0.0.1: Spark's own {@code Master} and two {@code Worker}s (one core each),
 * each a JVM of its own, with this test as the driver. One worker (and its executor) is killed with SIGKILL while
 * it executes a run; the sweep still finishes, and its files equal the local engine's byte for byte.
 */
class SparkStandaloneClusterIT {
    @TempDir
    Path tmp;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopCluster() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        System.clearProperty("spark.executor.extraClassPath");
        System.clearProperty("spark.executor.memory");
        System.clearProperty("spark.driver.host");
        System.clearProperty("spark.executor.extraJavaOptions");
    }

    @Test
    void aSweepSurvivesAKilledWorkerAndEqualsTheLocalEngine() throws Exception {
        long t0 = System.nanoTime();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path sparkHome = Files.createDirectories(tmp.resolve("spark-home/jars")).getParent(); // executors: extraClassPath
        // all six ports chosen before any process starts: a port freed here and chosen again for a worker while the
        // master was still starting took the master's UI port once (the test then polled a worker)
        int[] ports = freePorts(6);
        int masterPort = ports[0];
        int masterUi = ports[1];
        String master = "spark://127.0.0.1:" + masterPort;
        start("master", sparkHome, classPath, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                Integer.toString(masterPort), "--webui-port", Integer.toString(masterUi));
        int[] workerUi = {ports[2], ports[3]};
        Process[] workers = new Process[2];
        for (int w = 0; w < 2; w++) {
            workers[w] = start("worker-" + (w + 1), sparkHome, classPath, "org.apache.spark.deploy.worker.Worker",
                    "--host", "127.0.0.1", "--port", Integer.toString(ports[4 + w]), "--webui-port", Integer.toString(workerUi[w]),
                    "--cores", "1", "--memory", "1g", "--work-dir", tmp.resolve("work-" + (w + 1)).toString(), master);
        }
        awaitAliveWorkers(masterUi, 2);
        System.out.printf("cluster: master %s (pid %d), worker-1 pid %d, worker-2 pid %d, both registered after %.1f s%n",
                master, processes.get(0).pid(), workers[0].pid(), workers[1].pid(), (System.nanoTime() - t0) / 1e9);

        Path sweep = SweepFiles.write(tmp, "cluster", "0.0, 0.2", "1, 2, 3");
        Path onCluster = tmp.resolve("cluster-out");
        System.setProperty("spark.executor.extraClassPath", classPath);
        System.setProperty("spark.executor.memory", "768m");
        System.setProperty("spark.driver.host", "127.0.0.1"); // everything on the loopback interface
        String cache = System.getProperty(KernelChoiceCache.DIRECTORY_PROPERTY);
        if (cache != null) { // the executors' kernel calibration cache: this JVM's
            System.setProperty("spark.executor.extraJavaOptions", "-D" + KernelChoiceCache.DIRECTORY_PROPERTY + "=" + cache);
        }
        Tracker tracker = new Tracker(workerUi[0]);
        SweepResult result;
        String killedRun;
        String killedExecutor;
        try (SparkSweepEngine engine = (SparkSweepEngine) SweepEngines.open("spark", new EngineOptions(master, 2, null),
                new StandardRunExecutor())) {
            engine.context().sc().addSparkListener(tracker);
            CompletableFuture<SweepResult> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return SweepFiles.support().run(sweep, onCluster, engine, 2, false, SweepListener.NONE);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // kill worker 1 while its executor runs a task, once at least one run is recorded done
            Tracker.Task victim = null;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (victim == null && !running.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(20);
                Tracker.Task candidate = doneRuns(onCluster) >= 1 ? tracker.runningOnWatchedWorker() : null;
                // the listener bus is asynchronous: a task it still lists may have finished its run already, and
                // killing its worker then tests nothing (its provenance names the killed executor)
                if (candidate != null && !Files.exists(onCluster.resolve("runs").resolve(candidate.run())
                        .resolve("summary.json"))) {
                    victim = candidate;
                }
            }
            assertNotNull(victim, "worker 1 executed a run after the first was recorded (sweep done: " + running.isDone() + ")");
            killedExecutor = victim.executor();
            killedRun = victim.run();
            int recordedBefore = doneRuns(onCluster);
            workers[0].descendants().forEach(ProcessHandle::destroyForcibly);
            workers[0].destroyForcibly();
            workers[0].waitFor(30, TimeUnit.SECONDS);
            System.out.printf("killed worker-1 (pid %d) and its executor %s with SIGKILL while it ran %s; %d run(s) recorded "
                    + "done before%n", workers[0].pid(), killedExecutor, killedRun, recordedBefore);
            result = running.get(3, TimeUnit.MINUTES);
        }
        assertTrue(result.allDone(), "every run done despite the killed worker: " + result.outcomes());
        assertFalse(workers[0].isAlive());
        for (LedgerEntry e : SweepLedger.read(onCluster.resolve(SweepLedger.FILE_NAME))) {
            assertEquals(RunStatus.DONE, e.status(), e.runId());
            assertEquals(1, e.attempts(), e.runId() + ": Spark's retry is within the run's one ledger attempt");
        }
        JsonNode prov = Mappers.JSON.readTree(onCluster.resolve("runs").resolve(killedRun).resolve("provenance.json").toFile());
        assertNotEquals(killedExecutor, prov.path("spark_executor_id").asText(),
                killedRun + " was finished by the surviving executor");
        assertTrue(prov.path("host").isTextual() && prov.has("dataset_sha256"), "provenance records host and dataset checksums");
        System.out.printf("%s finished on executor %s (task attempt %d) after the kill%n", killedRun,
                prov.path("spark_executor_id").asText(), prov.path("spark_task_attempt").asInt());

        Path local = tmp.resolve("local-out");
        SweepFiles.runLocally(sweep, local);
        int runs = SweepFiles.assertSameResults(local, onCluster);
        System.out.printf("aggregate.csv and %d runs' %s identical to the local engine's; sha256(aggregate.csv) = %s; "
                + "%.1f s in all%n", runs, SweepFiles.DETERMINISTIC, sha256(onCluster.resolve("aggregate.csv")),
                (System.nanoTime() - t0) / 1e9);
    }

    @Test
    void aDriverKilledWithSigkillResumesWithoutRedoingFinishedRuns() throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path sweep = SweepFiles.write(tmp, "killed", "0.0, 0.2", "1, 2, 3");
        Path out = tmp.resolve("killed-out");
        Process driver = start("driver", tmp, classPath, SweepDriverMain.class.getName(), sweep.toString(), out.toString(),
                "local[1]", "1");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (doneRuns(out) < 2 && driver.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(driver.isAlive(), "the driver still had runs to do when killed:\n" + logs());
        driver.destroyForcibly(); // SIGKILL
        driver.waitFor(30, TimeUnit.SECONDS);
        List<String> finished = SweepLedger.read(out.resolve(SweepLedger.FILE_NAME)).stream()
                .filter(e -> e.status() == RunStatus.DONE).map(LedgerEntry::runId).toList();
        System.out.printf("killed the driver (pid %d) with SIGKILL after %d of 6 runs: %s%n", driver.pid(), finished.size(), finished);
        assertTrue(finished.size() >= 2 && finished.size() < 6, finished.toString());

        SweepResult resumed;
        try (var engine = SweepEngines.open("spark", new EngineOptions("local[2]", 1, null), new StandardRunExecutor())) {
            resumed = SweepFiles.support().run(sweep, out, engine, 2, true, SweepListener.NONE);
        }
        assertTrue(resumed.allDone(), resumed.outcomes().toString());
        for (var o : resumed.outcomes()) {
            assertEquals(finished.contains(o.runId()), o.skipped(), o.runId() + ": finished runs are skipped, the others run");
        }
        for (LedgerEntry e : SweepLedger.read(out.resolve(SweepLedger.FILE_NAME))) {
            if (finished.contains(e.runId())) {
                assertEquals(1, e.attempts(), e.runId() + " was not redone");
            }
        }
        Path local = tmp.resolve("killed-local");
        SweepFiles.runLocally(sweep, local);
        System.out.printf("resumed: %d runs skipped, %d run; results identical to the local engine's (%d runs)%n",
                resumed.outcomes().stream().filter(o -> o.skipped()).count(),
                resumed.outcomes().stream().filter(o -> !o.skipped()).count(), SweepFiles.assertSameResults(local, out));
    }

    /** Which run each task executes and which executor belongs to the watched worker (by its web UI port in the log URL). */
    static final class Tracker extends SparkListener {
        private final String workerUiPort;
        private final Map<String, Boolean> watchedExecutors = new ConcurrentHashMap<>();
        private final Map<Integer, String> runOfStage = new ConcurrentHashMap<>();
        /** A task running now: its executor, its run and when it was launched (ms, the driver's clock). */
        record Task(String executor, String run, long launchedMs) { }

        /** Task id to the tasks running now. */
        private final Map<Long, Task> running = new ConcurrentHashMap<>();
        /** The shortest duration of a finished task (ms). */
        private volatile long shortestMs = Long.MAX_VALUE;

        Tracker(int workerUiPort) {
            this.workerUiPort = ":" + workerUiPort + "/";
        }

        @Override
        public void onExecutorAdded(SparkListenerExecutorAdded added) {
            String stdout = added.executorInfo().logUrlMap().get("stdout").getOrElse(() -> "");
            if (stdout.contains(workerUiPort)) {
                watchedExecutors.put(added.executorId(), true);
            }
        }

        @Override
        public void onStageSubmitted(SparkListenerStageSubmitted stage) {
            runOfStage.put(stage.stageInfo().stageId(), stage.properties().getProperty("spark.job.description"));
        }

        @Override
        public void onTaskStart(SparkListenerTaskStart start) {
            running.put(start.taskInfo().taskId(), new Task(start.taskInfo().executorId(), runOfStage.get(start.stageId()),
                    start.taskInfo().launchTime()));
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            running.remove(end.taskInfo().taskId());
            shortestMs = Math.min(shortestMs, end.taskInfo().duration());
        }

        /**
         * A task running on the watched worker now that started less than half the shortest
         * finished task's time ago, or null: a task near its end could finish its run between this answer and the
         * kill (which then tests nothing: the run's provenance names the killed executor; seen once).
         */
        Task runningOnWatchedWorker() {
            long now = System.currentTimeMillis();
            long young = shortestMs / 2;
            return running.values().stream()
                    .filter(t -> watchedExecutors.containsKey(t.executor()) && now - t.launchedMs() < young)
                    .findFirst().orElse(null);
        }
    }

    private Process start(String name, Path sparkHome, String classPath, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", classPath));
        cmd.addAll(sparkJvmOptions());
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", sparkHome.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    /** Spark's --add-opens list for Java 17+, as this JVM got it from the build (spark.jvm.options in the pom). */
    private static List<String> sparkJvmOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("--add-exports") || a.startsWith("-XX:+IgnoreUnrecognized")
                        || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty")).toList();
    }

    private void awaitAliveWorkers(int masterUi, int n) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                last = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUi + "/json/"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
                if (Mappers.JSON.readTree(last).path("aliveworkers").asInt() >= n) {
                    return;
                }
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError(n + " workers did not register in 90 s; master said: " + last + "\nlogs:\n" + logs());
    }

    private String logs() throws IOException {
        StringBuilder out = new StringBuilder();
        try (var files = Files.list(tmp)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                out.append("== ").append(f.getFileName()).append('\n').append(Files.readString(f));
            }
        }
        return out.toString();
    }

    private static int doneRuns(Path sweepDir) {
        Path ledger = sweepDir.resolve(SweepLedger.FILE_NAME);
        if (!Files.isRegularFile(ledger)) {
            return 0;
        }
        try {
            return (int) SweepLedger.read(ledger).stream().filter(e -> e.status() == RunStatus.DONE).count();
        } catch (RuntimeException busy) {
            return 0; // the ledger is being created
        }
    }

    /** {@code n} distinct free ports: the sockets stay open until all are chosen. */
    private static int[] freePorts(int n) throws IOException {
        ServerSocket[] sockets = new ServerSocket[n];
        try {
            int[] ports = new int[n];
            for (int k = 0; k < n; k++) {
                sockets[k] = new ServerSocket(0);
                ports[k] = sockets[k].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
