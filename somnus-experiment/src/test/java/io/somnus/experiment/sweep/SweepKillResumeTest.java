package io.somnus.experiment.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.core.GaussianDraws;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/**
 * Kills a sweep hard (SIGKILL) in a child JVM while runs are in flight, resumes it in this JVM, and
 * checks it against an uninterrupted sweep: the same summaries, and no run that was done before the kill
 * executed again.
 */
class SweepKillResumeTest {
    static final String SWEEP = """
            name: killme
            presets: [paper, paper-sg]
            datasets: [mnist, geomfig]
            sleep_fractions: [0.0, 0.1, 0.2]
            seeds: [1, 2]
            """;
    static final int RUNS = 24;

    @TempDir
    Path tmp;

    @Test
    void aKilledSweepResumesWithoutRedoingFinishedRuns() throws Exception {
        Path sweep = tmp.resolve("killme.yaml");
        Files.writeString(sweep, SWEEP);
        Path outA = tmp.resolve("a");
        Path logA = tmp.resolve("a.log");
        Path ledgerA = outA.resolve(SweepLedger.FILE_NAME);

        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED",
                "--add-opens", GaussianDraws.OPENS, "-cp", classpath,
                FakeSweepMain.class.getName(),
                sweep.toString(), outA.toString(), "2", logA.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.out").toFile()).start();
        Map<String, String> atKill;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(600); // a deadline, not a timing: CI may be loaded
            while (true) {
                Map<String, String> status = statuses(ledgerA);
                long done = status.values().stream().filter("done"::equals).count();
                if (done >= 4) {
                    break;
                }
                if (!child.isAlive()) {
                    fail("the child sweep ended before it could be killed (exit " + child.exitValue() + "): "
                            + Files.readString(tmp.resolve("child.out")));
                }
                if (System.nanoTime() > deadline) {
                    fail("no runs done after 60 s: " + Files.readString(tmp.resolve("child.out")));
                }
                Thread.sleep(20);
            }
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        atKill = statuses(ledgerA);
        Set<String> doneBeforeKill = new HashSet<>();
        atKill.forEach((id, s) -> {
            if (s.equals("done")) {
                doneBeforeKill.add(id);
            }
        });
        assertTrue(doneBeforeKill.size() >= 4 && doneBeforeKill.size() < RUNS,
                "the kill should land mid-sweep, done: " + doneBeforeKill.size());
        Map<String, String> keyOf = keys(outA);

        // resume in this JVM
        SweepCommandSupport support = new SweepCommandSupport(new FakeResolver(), new FakeExecutor(logA, 100, 300, Set.of()));
        SweepResult resumed = support.run(sweep, outA, 4, true, SweepListener.NONE);
        assertEquals(RUNS, resumed.done());
        assertEquals(doneBeforeKill.size(), resumed.skipped());

        // an uninterrupted sweep elsewhere
        Path outB = tmp.resolve("b");
        SweepResult straight = new SweepCommandSupport(new FakeResolver(), new FakeExecutor(null, 0, 20, Set.of()))
                .run(sweep, outB, 4, false, SweepListener.NONE);
        assertEquals(RUNS, straight.done());

        List<String> runIds = listRuns(outB);
        assertEquals(RUNS, runIds.size());
        assertEquals(runIds, listRuns(outA), "same run directories, no leftovers");
        for (String id : runIds) {
            for (String file : List.of("summary.json", "metrics.csv", "config.yaml")) {
                assertArrayEquals(Files.readAllBytes(outB.resolve("runs").resolve(id).resolve(file)),
                        Files.readAllBytes(outA.resolve("runs").resolve(id).resolve(file)), id + "/" + file);
            }
        }
        Map<String, Integer> executions = new HashMap<>();
        for (String line : Files.readAllLines(logA)) {
            executions.merge(line, 1, Integer::sum);
        }
        for (String id : runIds) {
            int n = executions.getOrDefault(keyOf.get(id), 0);
            if (doneBeforeKill.contains(id)) {
                assertEquals(1, n, id + " was done before the kill and must not run again");
            } else {
                assertTrue(n >= 1, id + " never executed");
            }
        }
        for (Map.Entry<String, String> s : statuses(ledgerA).entrySet()) {
            assertEquals("done", s.getValue(), s.getKey());
        }
        assertFalse(Files.exists(outA.resolve("runs").resolve(".tmp")), "no temporary directories");
    }

    /** run_id -> status, read through a read-only connection; empty while the ledger does not exist yet. */
    static Map<String, String> statuses(Path ledger) throws SQLException {
        Map<String, String> out = new HashMap<>();
        if (!Files.exists(ledger)) {
            return out;
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(5000);
        try (Connection c = config.createConnection("jdbc:sqlite:" + ledger);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT run_id, status FROM runs")) {
            while (r.next()) {
                out.put(r.getString(1), r.getString(2));
            }
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("no such table")) {
                return out; // the child has created the file but not the table yet
            }
            throw e;
        }
        return out;
    }

    /** run_id -> the fake executor's log key, from the ledger's configurations. */
    static Map<String, String> keys(Path out) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, String> keys = new HashMap<>();
        for (LedgerEntry e : SweepLedger.read(out.resolve(SweepLedger.FILE_NAME))) {
            keys.put(e.runId(), FakeExecutor.key((ObjectNode) json.readTree(e.configJson())));
        }
        return keys;
    }

    static List<String> listRuns(Path out) throws Exception {
        try (Stream<Path> s = Files.list(out.resolve("runs"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
