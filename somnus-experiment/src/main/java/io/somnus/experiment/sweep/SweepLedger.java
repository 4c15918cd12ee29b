package io.somnus.experiment.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.somnus.core.GaussianDraws;
import io.somnus.experiment.io.Mappers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The durable state of a sweep: an embedded SQLite database ({@code ledger.sqlite}), in write-ahead-log mode with
 * {@code synchronous=FULL} while a sweep writes it, so that every committed status change survives a killed process.
 *
 * <pre>
 * runs(run_id PK, config_json, config_hash, settings_json, variant, status pending|running|done|failed,
 *      error, attempts, started_at, finished_at, wall_seconds, files_json, shared_by, resumed_from)
 * meta(key PK, value)      -- sweep_name, sweep_hash, run_count, created_at, schema_version, gaussian_draws,
 *                             user_classes (only where runs load classes of one's own: {@link SweepUserClasses})
 * </pre>
 *
 * One connection, used under this object's lock, so worker threads may call any method.
 */
public final class SweepLedger implements AutoCloseable {
    /** The ledger's file name in a sweep directory (SQLite). */
    public static final String FILE_NAME = "ledger.sqlite";
    static final String SCHEMA_VERSION = "1";
    /** Meta key: which noise the sweep's runs draw ({@link GaussianDraws#stream()}), checked on resume. */
    public static final String GAUSSIAN_DRAWS = "gaussian_draws";

    /** The runs column holding a done run's {@link RunFileDigests} as a JSON object (null before it was done). */
    private static final String FILES_COLUMN = "files_json";
    /**
     * The runs column holding, for an untrained control that stands for other variants' controls too, their variants
     * as a JSON array (null for every other run, and in a ledger from before controls were shared).
     */
    private static final String SHARED_COLUMN = "shared_by";
    /**
     * The runs column saying where the run's last attempt went on from a resume snapshot ({@link
     * LedgerEntry#resumedFrom}): empty where it started afresh, null where not recorded (no attempt yet, or an attempt
     * made before the column was).
     */
    private static final String RESUMED_COLUMN = "resumed_from";

    private final Path file;
    private final Connection connection;
    /**
     * Whether this connection put the ledger in write-ahead-log mode, at its first write (an opening that only reads,
     * as a refused resume does, leaves the file's bytes as they were), and takes it out again when it closes.
     */
    private boolean wroteInWal;

    private SweepLedger(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /**
     * Whether {@code dir} is a sweep directory: it holds a ledger with something in it (an empty file records no run).
     * {@code somnus inspect} and {@code somnus compare} tell a sweep from a run by it.
     */
    public static boolean isSweepDirectory(Path dir) {
        Path ledger = dir.resolve(FILE_NAME);
        try {
            return Files.isRegularFile(ledger) && Files.size(ledger) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Loads SQLite's native library on a daemon thread (sqlite-jdbc unpacks it from its jar and loads it at the first
     * connection: 0.5–1.3 s on a 2-core machine), so that a sweep's planning overlaps it and {@link #open} finds it
     * loaded. Failures are left to {@link #open}, which reports them.
     */
    public static void loadDriverInBackground() {
        Thread t = new Thread(() -> {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
                c.isValid(0); // the connection is the point: its first use loaded the library
            } catch (SQLException | RuntimeException e) {
                // open() meets it again and says what is wrong
            }
        }, "somnus-sqlite-load");
        t.setDaemon(true);
        t.start();
    }

    /** Opens (creating if needed) the ledger file. */
    public static SweepLedger open(Path file) {
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 10000");
                s.execute("PRAGMA synchronous = FULL");
                s.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS runs ("
                        + "run_id TEXT PRIMARY KEY, config_json TEXT NOT NULL, config_hash TEXT NOT NULL, "
                        + "settings_json TEXT NOT NULL DEFAULT '{}', variant TEXT NOT NULL DEFAULT '', "
                        + "status TEXT NOT NULL CHECK (status IN ('pending','running','done','failed')), "
                        + "error TEXT, attempts INTEGER NOT NULL DEFAULT 0, started_at TEXT, finished_at TEXT, "
                        + "wall_seconds REAL, " + FILES_COLUMN + " TEXT, " + SHARED_COLUMN + " TEXT, " + RESUMED_COLUMN
                        + " TEXT)");
                if (!hasColumn(c, FILES_COLUMN)) { // a ledger written before the column: its done runs have no digests
                    s.execute("ALTER TABLE runs ADD COLUMN " + FILES_COLUMN + " TEXT");
                }
                if (!hasColumn(c, SHARED_COLUMN)) { // a ledger written before controls were shared: none is
                    s.execute("ALTER TABLE runs ADD COLUMN " + SHARED_COLUMN + " TEXT");
                }
                if (!hasColumn(c, RESUMED_COLUMN)) { // a ledger written before resumes were recorded: none is told
                    s.execute("ALTER TABLE runs ADD COLUMN " + RESUMED_COLUMN + " TEXT");
                }
            }
            return new SweepLedger(file, c);
        } catch (SQLException e) {
            throw new SweepException("cannot open the sweep ledger " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens an existing ledger for reading only, changing nothing on disk: a finished sweep on storage this user cannot
     * write (a colleague's, an archive) is read as well. Where SQLite cannot read it in place read-only (no write
     * access to the directory for its shared-memory file), it reads the file as immutable, as it stands.
     */
    public static SweepLedger openForReading(Path file) {
        String path = file.toAbsolutePath().toUri().getRawPath();
        SQLException first = null;
        for (String mode : List.of("mode=ro", "immutable=1")) {
            try {
                Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + path + "?" + mode);
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA busy_timeout = 10000");
                    s.executeQuery("SELECT count(*) FROM sqlite_master").close(); // the read that fails where it cannot
                    return new SweepLedger(file, c);
                } catch (SQLException e) {
                    c.close();
                    throw e;
                }
            } catch (SQLException e) {
                first = first == null ? e : first;
            }
        }
        throw new SweepException("cannot read the sweep ledger " + file + ": " + first.getMessage(), first);
    }

    /** Reads all entries of an existing ledger without keeping it open; empty when the file does not exist. */
    public static List<LedgerEntry> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try (SweepLedger ledger = openForReading(file)) {
            return ledger.entries();
        }
    }

    /** The ledger's SQLite file. */
    public Path file() {
        return file;
    }

    /** Value of a meta key. */
    public synchronized Optional<String> meta(String key) {
        try (PreparedStatement p = connection.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            p.setString(1, key);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** All meta keys and values. */
    public synchronized Map<String, String> meta() {
        Map<String, String> out = new LinkedHashMap<>();
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT key, value FROM meta ORDER BY key")) {
            while (r.next()) {
                out.put(r.getString(1), r.getString(2));
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return out;
    }

    /** Records the sweep's identity and adds its runs as pending, in one transaction. */
    public synchronized void initialise(SweepPlan plan, Instant now) {
        transaction(() -> {
            putMetaRow("schema_version", SCHEMA_VERSION);
            putMetaRow("sweep_name", plan.spec().name());
            putMetaRow("sweep_hash", plan.hash());
            putMetaRow("run_count", Integer.toString(plan.runs().size()));
            putMetaRow("created_at", now.toString());
            putMetaRow(GAUSSIAN_DRAWS, GaussianDraws.stream());
            insertPending(plan);
        });
    }

    /**
     * The class files of the classes of one's own the sweep's runs load, by class name, as {@code --resume} recorded
     * them ({@code somnus inspect SWEEP_DIR} shows them): read-only, empty where the runs load none.
     *
     * @throws SweepException naming the ledger, where the record is unreadable
     */
    public Map<String, SortedMap<String, String>> userClasses() {
        Map<String, SortedMap<String, String>> out = new TreeMap<>();
        SweepUserClasses.recorded(this).forEach((c, files) -> out.put(c, Collections.unmodifiableSortedMap(files)));
        return Collections.unmodifiableMap(out);
    }

    /** Sets meta key {@code key} to {@code value} (e.g. {@link SweepUserClasses#META}); this package's to write. */
    synchronized void putMeta(String key, String value) {
        transaction(() -> putMetaRow(key, value));
    }

    /**
     * Adds the planned runs the ledger has no row for as pending (rows deleted outside somnus), in one transaction.
     *
     * @return how many were added
     */
    public synchronized int addMissing(SweepPlan plan) {
        int before = entries().size();
        transaction(() -> insertPending(plan));
        return entries().size() - before;
    }

    private void insertPending(SweepPlan plan) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("INSERT OR IGNORE INTO runs (run_id, config_json, "
                + "config_hash, settings_json, variant, status, attempts, " + SHARED_COLUMN + ") VALUES "
                + "(?,?,?,?,?,'pending',0,?)")) {
            for (PlannedRun run : plan.runs()) {
                p.setString(1, run.runId());
                p.setString(2, run.configJson());
                p.setString(3, run.configHash());
                p.setString(4, settingsJson(run.settings()));
                p.setString(5, run.variant());
                p.setString(6, run.sharedBy().isEmpty() ? null : json(run.sharedBy()));
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /** All entries, ordered by run id. */
    public synchronized List<LedgerEntry> entries() {
        return query(null);
    }

    /** The entry of one run, if the ledger has it. */
    public synchronized Optional<LedgerEntry> entry(String runId) {
        return query(runId).stream().findFirst();
    }

    private List<LedgerEntry> query(String runId) {
        List<LedgerEntry> out = new ArrayList<>();
        String files;
        String shared;
        String resumed;
        try { // an older ledger read where it lies
            files = hasColumn(connection, FILES_COLUMN) ? FILES_COLUMN : "NULL";
            shared = hasColumn(connection, SHARED_COLUMN) ? SHARED_COLUMN : "NULL";
            resumed = hasColumn(connection, RESUMED_COLUMN) ? RESUMED_COLUMN : "NULL";
        } catch (SQLException e) {
            throw failure(e);
        }
        String sql = "SELECT run_id, config_json, config_hash, settings_json, variant, status, error, "
                + "attempts, started_at, finished_at, wall_seconds, " + files + ", " + shared + ", " + resumed + " FROM runs"
                + (runId == null ? "" : " WHERE run_id = ?") + " ORDER BY run_id";
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            if (runId != null) {
                p.setString(1, runId);
            }
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    double wall = r.getDouble(11);
                    if (r.wasNull()) {
                        wall = Double.NaN;
                    }
                    String id = r.getString(1);
                    out.add(new LedgerEntry(id, r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                            status(id, r.getString(6)), r.getString(7), r.getInt(8),
                            instant(id, "started_at", r.getString(9)), instant(id, "finished_at", r.getString(10)), wall,
                            digests(r.getString(12)), variants(r.getString(13)), r.getString(14)));
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return out;
    }

    /**
     * Marks a run started: status running, one more attempt, start time; clears the last error and file digests; the
     * attempt starts afresh until {@link #markResumed} says otherwise.
     */
    public synchronized void markRunning(String runId, Instant startedAt) {
        update("UPDATE runs SET status = 'running', attempts = attempts + 1, started_at = ?, finished_at = NULL, "
                + "wall_seconds = NULL, error = NULL, " + FILES_COLUMN + " = NULL, " + RESUMED_COLUMN + " = '' "
                + "WHERE run_id = ?", runId, startedAt.toString(), runId);
    }

    /**
     * Records where the running run's attempt goes on from its resume snapshot, in words ({@link
     * LedgerEntry#resumedFrom}); null: it starts afresh after all (its snapshot refused).
     */
    public synchronized void markResumed(String runId, String from) {
        update("UPDATE runs SET " + RESUMED_COLUMN + " = ? WHERE run_id = ?", runId, from == null ? "" : from, runId);
    }

    /**
     * Marks a run done, recording its files' SHA-256 ({@link RunFileDigests#of}, read outside this lock); call only
     * after its directory is in place.
     */
    public synchronized void markDone(String runId, Map<String, String> fileDigests, Instant finishedAt,
                                      double wallSeconds) {
        String files = settingsJson(new LinkedHashMap<>(fileDigests));
        update("UPDATE runs SET status = 'done', finished_at = ?, wall_seconds = ?, error = NULL, " + FILES_COLUMN
                + " = ? WHERE run_id = ?", runId, finishedAt.toString(), wallSeconds, files, runId);
    }

    /** Marks a run failed with its error. */
    public synchronized void markFailed(String runId, Instant finishedAt, double wallSeconds, String error) {
        update("UPDATE runs SET status = 'failed', finished_at = ?, wall_seconds = ?, error = ? WHERE run_id = ?",
                runId, finishedAt.toString(), wallSeconds, error, runId);
    }

    /** Marks a run to be (re)done. */
    public synchronized void markPending(String runId) {
        update("UPDATE runs SET status = 'pending' WHERE run_id = ?", runId, runId);
    }

    /**
     * Closes the connection. One that wrote first takes the ledger out of write-ahead-log mode where no other
     * connection has it open, so a sweep that ended leaves one self-contained file: a read-only opening of a WAL
     * database (report, listing) makes {@code -wal} and {@code -shm} files that it may not remove.
     */
    @Override
    public synchronized void close() {
        try {
            if (wroteInWal) {
                try (Statement s = connection.createStatement()) {
                    s.execute("PRAGMA busy_timeout = 0"); // another connection holds it: stay in WAL mode, don't wait
                    s.execute("PRAGMA journal_mode = DELETE");
                } catch (SQLException stillOpenElsewhere) {
                    // WAL mode is as valid a ledger; the next writer's close tries again
                }
            }
            connection.close();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Before each write: WAL mode, so that every committed change survives a killed process without blocking readers. */
    private void enterWal() throws SQLException {
        if (!wroteInWal) {
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA journal_mode = WAL");
            }
            wroteInWal = true;
        }
    }

    private void update(String sql, String runId, Object... args) {
        try {
            enterWal();
            try (PreparedStatement p = connection.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    p.setObject(i + 1, args[i]);
                }
                int n = p.executeUpdate();
                assert n == 1 : "no ledger row for run " + runId;
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private void putMetaRow(String key, String value) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)")) {
            p.setString(1, key);
            p.setString(2, value);
            p.executeUpdate();
        }
    }

    private interface SqlWork {
        void run() throws SQLException;
    }

    private void transaction(SqlWork work) {
        try {
            enterWal();
            connection.setAutoCommit(false);
            try {
                work.run();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private SweepException failure(SQLException e) {
        return new SweepException("sweep ledger " + file + ": " + e.getMessage(), e);
    }

    private static boolean hasColumn(Connection c, String column) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA table_info(runs)")) {
            while (r.next()) {
                if (column.equals(r.getString("name"))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A files_json cell as a map; empty where none was recorded (not done, or done before the column). */
    private Map<String, String> digests(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            Map<String, String> out = new TreeMap<>();
            Mappers.JSON.readTree(json).fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
            return out;
        } catch (JsonProcessingException e) {
            throw new SweepException("sweep ledger " + file + ": the recorded files of a run are not JSON ("
                    + e.getOriginalMessage() + ")", e);
        }
    }

    /** A shared_by cell as a list; empty where none was recorded. */
    private List<String> variants(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            List<String> out = new ArrayList<>();
            Mappers.JSON.readTree(json).forEach(v -> out.add(v.asText()));
            return out;
        } catch (JsonProcessingException e) {
            throw new SweepException("sweep ledger " + file + ": the variants a control stands for are not JSON ("
                    + e.getOriginalMessage() + ")", e);
        }
    }

    private static String json(List<String> values) {
        try {
            return Mappers.JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new AssertionError("a list of strings", e);
        }
    }

    /** A time cell; a value that is no time (a row written in part, bytes damaged) is named with its run and column. */
    private Instant instant(String runId, String column, String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw damaged(runId, column, text, "a time", e);
        }
    }

    /** A status cell; one that is no status is named with its run. */
    private RunStatus status(String runId, String text) {
        try {
            return RunStatus.ofLabel(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw damaged(runId, "status", text, "pending, running, done or failed", e);
        }
    }

    private SweepException damaged(String runId, String column, String text, String expected, RuntimeException e) {
        return new SweepException("sweep ledger " + file + ": run " + runId + "'s " + column + " is '" + text + "', not "
                + expected + ": the ledger is damaged", e);
    }

    static String settingsJson(Map<String, Object> settings) {
        try {
            return Mappers.JSON.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new AssertionError("settings hold only scalars", e);
        }
    }
}
