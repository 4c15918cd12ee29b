package io.somnus.experiment.stats;

import io.somnus.experiment.io.AtomicFiles;
import io.somnus.experiment.io.FileTrees;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Fits the paper's beta GLMM through R's glmmTMB when R and the package are installed:
 *
 * <pre>
 * acc ~ sleep * model + (1 | dataset) + (1 | dataset:seed),   family = beta_family()
 * </pre>
 *
 * on the test accuracies in runs_long.csv, squeezed into the open interval (0, 1) as
 * (y (n − 1) + 0.5) / n (Smithson &amp; Verkuilen 2006, Psychological Methods 11:54). With one model the
 * interaction is dropped ({@code acc ~ sleep}); with one dataset the random effects reduce to
 * {@code (1 | seed)}. Writes {@code glmm.R} (the script, so the fit can be rerun or changed by hand),
 * {@code glmm.csv} (term, estimate, std_error, z, p) and {@code glmm.txt} (R's summary).
 * Nothing is installed; without Rscript or glmmTMB the fit is skipped with the reason.
 * <p>
 * Loading glmmTMB takes R seconds (≈ 2.5 s of the 2.7 s a quick study's fit takes). A sweep therefore starts R ahead
 * ({@link #preloaded()}): it loads the package while the runs are planned and set up, on a core that is idle then,
 * and waits on its standard input for the directory whose {@code glmm.R} to run ({@code source} in that directory:
 * the same script, the same R, the same files as {@code Rscript glmm.R}).
 */
public final class GlmmRunner implements AutoCloseable {
    /** The R script written for the fit, rerunnable by hand with {@code Rscript glmm.R}. */
    public static final String SCRIPT = "glmm.R";
    /** The fitted terms: term, estimate, std_error, z, p. */
    public static final String TABLE = "glmm.csv";
    /** R's summary of the fit. */
    public static final String TEXT = "glmm.txt";
    /**
     * The same GLMM in the authors' form, sleep as a factor (their {@code GLM/analysis.r}; docs/fidelity.md): one
     * coefficient per sleep fraction against f = 0. Written only when that model can be fitted.
     */
    public static final String FACTOR_TABLE = "glmm_sleep_factor.csv";
    /** What the script appends to a table's name while it writes it, before renaming it into place. */
    public static final String WRITING_SUFFIX = ".new";

    /** The script's exit status when glmmTMB does not load. */
    static final int NO_GLMMTMB = 3;

    /**
     * What a preloaded R runs: load glmmTMB (quietly: the script says so again if it fails), then read one line, a
     * directory, and run its glmm.R there; end of input (no fit wanted) ends R.
     */
    static final String PRELOAD = "invisible(try(suppressPackageStartupMessages(library(glmmTMB)), silent = TRUE)); "
            + "local({ d <- readLines(file(\"stdin\"), n = 1); if (length(d) == 1 && nzchar(d)) { setwd(d); "
            + "source(\"" + SCRIPT + "\") } })";

    private final String rscript;
    private final Duration timeout;
    /** An R started by {@link #preloaded()}, waiting for its fit; null once used, or when there is none. */
    private Preloaded preloaded;

    /** @param rscript the Rscript program (a name looked up on PATH, or a path); @param timeout for the fit */
    public GlmmRunner(String rscript, Duration timeout) {
        this.rscript = rscript;
        this.timeout = timeout;
    }

    /**
     * This runner with R started now, loading glmmTMB, for one fit later (a second fit starts its own R). Without
     * Rscript, or if it cannot be started, the fit starts R as {@link #fit} always does. {@link #close()} ends an R
     * that no fit used.
     */
    public GlmmRunner preloaded() {
        GlmmRunner r = new GlmmRunner(rscript, timeout);
        Path program = locate(rscript);
        if (program != null) {
            r.preloaded = Preloaded.start(program);
        }
        return r;
    }

    /** The temporary folder (TMPDIR) of the R {@link #preloaded()} started; null when there is none. */
    Path preloadedTemporaryFolder() {
        Preloaded p = preloaded;
        return p == null ? null : p.temporaryFolder();
    }

    /** Ends a preloaded R that no fit used (it would also end with this JVM, whose end closes its input). */
    @Override
    public void close() {
        Preloaded p = preloaded;
        preloaded = null;
        if (p != null) {
            p.close();
        }
    }

    /** {@code Rscript} from PATH, ten minutes. */
    public static GlmmRunner standard() {
        return new GlmmRunner("Rscript", Duration.ofMinutes(10));
    }

    /**
     * @param dir      the sweep directory holding runs_long.csv
     * @param models   distinct models among the runs
     * @param datasets distinct datasets
     * @param fractions distinct sleep fractions
     * @param observations number of runs with a test accuracy
     */
    public GlmmOutcome fit(Path dir, int models, int datasets, int fractions, int observations) throws IOException {
        Path program = locate(rscript);
        if (program == null) {
            return GlmmOutcome.skipped("Rscript not found on PATH (install R and the glmmTMB package to fit the GLMM)");
        }
        if (fractions < 2) {
            return GlmmOutcome.skipped("needs at least two sleep fractions, the sweep has " + fractions);
        }
        String fixed = models > 1 ? "acc ~ sleep * model" : "acc ~ sleep";
        String random = datasets > 1 ? "(1 | dataset) + (1 | dataset:seed)" : "(1 | seed)";
        String formula = fixed + " + " + random;
        String factorFormula = fixed.replace("sleep", "sleep_factor") + " + " + random;
        int parameters = (models > 1 ? 2 * models : 2) + (datasets > 1 ? 2 : 1) + 1;
        if (observations <= parameters + 1) {
            return GlmmOutcome.skipped(observations + " runs are too few for " + formula);
        }
        // the fit replaces its tables whole (R writes each under a new name, then renames it), so a fit killed midway
        // leaves the last fit's tables as they were; a fit that fails (or finds no glmmTMB) leaves none
        AtomicFiles.write(dir.resolve(SCRIPT), script(formula, factorFormula));
        // one R process: the script itself says when glmmTMB does not load (loading it takes R seconds)
        Preloaded p = preloaded;
        preloaded = null;
        Run fit = p != null ? p.run(dir, timeout) : null;
        if (fit == null) {
            fit = exec(dir, timeout, program.toString(), SCRIPT);
        }
        if (fit.exit != 0) {
            Files.deleteIfExists(dir.resolve(TABLE));
            Files.deleteIfExists(dir.resolve(FACTOR_TABLE));
        }
        if (fit.exit == NO_GLMMTMB) {
            return GlmmOutcome.skipped("R package glmmTMB is not installed or does not load (Rscript " + SCRIPT
                    + " said: " + lastLines(fit.output, 2) + ")");
        }
        if (fit.exit != 0 || !Files.isRegularFile(dir.resolve(TABLE))) {
            String why = fit.exit == Integer.MIN_VALUE ? "timed out after " + timeout.toSeconds() + " s"
                    : "Rscript " + SCRIPT + " exited with " + fit.exit + ": " + lastLines(fit.output, 5);
            return new GlmmOutcome("failed: " + why, formula);
        }
        return new GlmmOutcome("done", formula);
    }

    static String script(String formula, String factorFormula) {
        return String.join("\n",
                "# Written by Somnus: the beta GLMM of Massey et al. (2026) on this sweep's test accuracies, with sleep",
                "# as a number (Somnus's form) and as a factor (the authors' GLM/analysis.r).",
                "# Rerun with: Rscript glmm.R (in this directory)",
                "failed <- tryCatch({ suppressPackageStartupMessages(library(glmmTMB)); \"\" },",
                "                   error = function(e) conditionMessage(e))",
                "if (nzchar(failed)) { cat(failed, \"\\n\"); quit(save = \"no\", status = " + NO_GLMMTMB + ") }",
                "d <- read.csv(\"runs_long.csv\", stringsAsFactors = FALSE)",
                "d <- d[d$metric == \"test_accuracy\" & !is.na(d$value), ]",
                "# the untrained controls (variant control=<name>) are not levels of sleep: left out of the model",
                "d <- d[!grepl(\"(^|,)control=\", d$variant), ]",
                "n <- nrow(d)",
                "# squeeze into (0, 1): Smithson & Verkuilen (2006)",
                "d$acc <- (d$value * (n - 1) + 0.5) / n",
                "d$sleep <- d$sleep_fraction",
                "d$sleep_factor <- factor(d$sleep_fraction)",
                "d$model <- factor(d$model)",
                "d$dataset <- factor(d$dataset)",
                "d$seed <- factor(d$seed)",
                "coefficients <- function(m) {",
                "  co <- summary(m)$coefficients$cond",
                "  co <- signif(co, 10) # the optimiser's last digits differ between runs of one fit",
                "  data.frame(term = rownames(co), estimate = co[, 1], std_error = co[, 2], z = co[, 3],",
                "             p = co[, 4], row.names = NULL)",
                "}",
                "f <- " + formula,
                "m <- glmmTMB(f, data = d, family = beta_family())",
                "whole <- function(table, file) { # written under a new name, then renamed: never half a table",
                "  write.csv(table, paste0(file, \"" + WRITING_SUFFIX + "\"), row.names = FALSE)",
                "  if (!file.rename(paste0(file, \"" + WRITING_SUFFIX + "\"), file)) stop(\"cannot rename \", file, \""
                        + WRITING_SUFFIX + "\")",
                "}",
                "whole(coefficients(m), \"" + TABLE + "\")",
                "f2 <- " + factorFormula,
                "m2 <- tryCatch(glmmTMB(f2, data = d, family = beta_family()), error = function(e) NULL)",
                "if (!is.null(m2)) whole(coefficients(m2), \"" + FACTOR_TABLE + "\") else unlink(\"" + FACTOR_TABLE + "\")",
                "sink(\"" + TEXT + "\")",
                "cat(\"formula:\", deparse(f), \"\\n\")",
                "print(summary(m))",
                "if (!is.null(m2)) {",
                "  cat(\"\\nformula (sleep as a factor):\", deparse(f2), \"\\n\")",
                "  print(summary(m2))",
                "}",
                "sink()",
                "");
    }

    private static Path locate(String program) {
        if (program.contains(File.separator)) {
            Path p = Path.of(program);
            return Files.isExecutable(p) ? p : null;
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private record Run(int exit, String output) {}

    /**
     * An Rscript running {@link #PRELOAD}, its output going to a temporary file and its own temporary folder
     * ({@code TMPDIR}) in one Somnus deletes: one that no fit used is ended by a kill, after which R cannot remove its
     * session folder ({@code RtmpXXXX}), and every sweep left one in the system's temporary folder.
     */
    private static final class Preloaded {
        private final Process process;
        private final Path log;
        private final Path tmp;

        private Preloaded(Process process, Path log, Path tmp) {
            this.process = process;
            this.log = log;
            this.tmp = tmp;
        }

        /** null when R cannot be started: the fit then starts its own. */
        static Preloaded start(Path program) {
            Path log = null;
            Path tmp = null;
            try {
                log = Files.createTempFile("somnus-r", ".log");
                log.toFile().deleteOnExit(); // a sweep interrupted before its fit leaves no log behind
                tmp = Files.createTempDirectory("somnus-r");
                ProcessBuilder b = new ProcessBuilder(program.toString(), "-e", PRELOAD).redirectErrorStream(true)
                        .redirectOutput(log.toFile());
                b.environment().put("TMPDIR", tmp.toString());
                return new Preloaded(b.start(), log, tmp);
            } catch (IOException e) {
                deleteQuietly(log);
                deleteQuietly(tmp);
                return null;
            }
        }

        /** R's temporary folder (TMPDIR): its session folder is made in it. */
        Path temporaryFolder() {
            return tmp;
        }

        /**
         * Runs {@code dir}'s glmm.R in this R; null (and R ended) when it cannot: R has died, or the directory's name
         * is not one line of printable ASCII (R reads it in the locale's encoding).
         */
        Run run(Path dir, Duration timeout) throws IOException {
            String name = dir.toAbsolutePath().normalize().toString();
            if (!process.isAlive() || !name.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                close();
                return null;
            }
            try (var in = process.getOutputStream()) {
                in.write((name + "\n").getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) { // R ended between the check and the write
                close();
                return null;
            }
            try {
                boolean finished;
                try {
                    finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for Rscript", e);
                }
                String output = Files.readString(log, StandardCharsets.UTF_8);
                return new Run(finished ? process.exitValue() : Integer.MIN_VALUE, output);
            } finally {
                close();
            }
        }

        void close() {
            end(process, log, tmp);
        }
    }

    /** Kills {@code r} if it still runs, then deletes its log and its TMPDIR (R's session folder in it). */
    private static void end(Process r, Path log, Path tmp) {
        if (r != null) {
            r.destroyForcibly();
            try {
                r.waitFor(10, TimeUnit.SECONDS); // its files closed before its folder goes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        deleteQuietly(log);
        deleteQuietly(tmp);
    }

    private static void deleteQuietly(Path f) {
        try {
            if (f != null) {
                FileTrees.deleteRecursively(f);
            }
        } catch (IOException e) {
            // a temporary file left behind
        }
    }

    /** Runs R once in {@code dir}, in a TMPDIR of its own that goes with it, as a preloaded R's does. */
    private static Run exec(Path dir, Duration timeout, String... command) throws IOException {
        Path log = Files.createTempFile("somnus-r", ".log");
        log.toFile().deleteOnExit();
        Path tmp = null;
        Process p = null;
        try {
            tmp = Files.createTempDirectory("somnus-r");
            ProcessBuilder b = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            b.environment().put("TMPDIR", tmp.toString()); // a killed R cannot remove its session folder
            p = b.start();
            boolean finished;
            try {
                finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + command[0], e);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            return new Run(finished ? p.exitValue() : Integer.MIN_VALUE, output);
        } finally {
            end(p, log, tmp);
        }
    }

    private static String lastLines(String text, int n) {
        List<String> lines = text.strip().lines().toList();
        return String.join(" / ", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }
}
