package io.somnus.experiment.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.core.GaussianDraws;
import io.somnus.experiment.io.FileFormatException;
import io.somnus.experiment.io.JsonFiles;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.io.RunFileCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Whether a run directory that the ledger does not count as done holds its planned run, finished: every file of a
 * finished run is there and whole ({@link RunFileCheck}), its {@code config.yaml} is the planned run's configuration
 * (the same canonical JSON) and its noise was drawn as this JVM draws it. A run is a pure function of its
 * configuration, so such a directory is the run's result: {@code --resume} keeps it instead of running it again.
 * That saves the work of a run killed between its directory's rename and its ledger row, of a row deleted outside
 * somnus, and of a whole sweep whose lost ledger is started again.
 */
final class RunAdoption {
    private RunAdoption() {}

    /**
     * Empty when {@code dir} was written for {@code run}: its {@code config.yaml} is the run's configuration (whole
     * or not, its other files may be damaged); else why not, in words.
     */
    static Optional<String> otherRun(PlannedRun run, Path dir) {
        try {
            JsonNode config = Mappers.YAML.readTree(dir.resolve(RunDirectory.CONFIG).toFile());
            if (config == null || !CanonicalJson.write(config).equals(run.configJson())) {
                return Optional.of("its " + RunDirectory.CONFIG + " is not that run's configuration");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("its " + RunDirectory.CONFIG + " cannot be read (" + e.getMessage() + ")");
        }
    }

    /** Empty when {@code dir} holds {@code run}, finished; else why not, in words ("it has no weights.npz"). */
    static Optional<String> whyNot(PlannedRun run, Path dir) {
        for (String file : RunDirectory.FILES) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                return Optional.of("it has no " + file);
            }
        }
        Optional<String> other = otherRun(run, dir);
        if (other.isPresent()) {
            return other;
        }
        try {
            String drawn = JsonFiles.readObject(dir.resolve(RunDirectory.PROVENANCE)).path("gaussian_draws").asText();
            if (!drawn.equals(GaussianDraws.algorithm())) {
                return Optional.of("its noise was drawn as " + drawn + ", this JVM draws it as "
                        + GaussianDraws.algorithm());
            }
            JsonFiles.readObject(dir.resolve(RunDirectory.SUMMARY));
        } catch (FileFormatException e) {
            return Optional.of(e.getMessage());
        } catch (IOException e) {
            return Optional.of("it cannot be read (" + e.getMessage() + ")");
        }
        List<String> damaged = RunFileCheck.damaged(dir);
        return damaged.isEmpty() ? Optional.empty() : Optional.of(damaged.get(0));
    }

    /** When the run in {@code dir} (one {@link #whyNot} kept) finished, from provenance.json; now if unreadable. */
    static Instant finishedAt(Path dir) {
        try {
            return Instant.parse(JsonFiles.readObject(dir.resolve(RunDirectory.PROVENANCE)).path("finished").asText());
        } catch (IOException | RuntimeException e) {
            return Instant.now();
        }
    }

    /** The run's wall time (s) from timing.json; 0 if unreadable. */
    static double wallSeconds(Path dir) {
        try {
            return JsonFiles.readObject(dir.resolve(RunDirectory.TIMING)).path("wall_seconds").asDouble(0);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
