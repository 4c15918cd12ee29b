package io.somnus.experiment.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.core.GaussianDraws;
import io.somnus.experiment.io.FileFormatException;
import io.somnus.experiment.io.JsonFiles;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.io.RunFileCheck;
import io.somnus.experiment.run.UserClassProvenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a run directory that the ledger does not count as done holds, for {@code --resume}:
 * <ul>
 *   <li>another run's result ({@link #otherRun}): its {@code config.yaml} is another configuration, or its noise was
 *       drawn otherwise than this JVM draws it, or a class of one's own it loaded had other class files
 *       ({@link SweepUserClasses}). It is nobody's to delete: the sweep is refused;</li>
 *   <li>its planned run, finished ({@link #whyNotFinished} empty): every file of a finished run is there and whole
 *       ({@link RunFileCheck}). A run is a pure function of its configuration, so it is kept as the run's result: the
 *       work of a run killed between its directory's rename and its ledger row, of a row deleted outside somnus, and
 *       of a whole sweep whose lost ledger is started again;</li>
 *   <li>else an unfinished or damaged copy of its run, which is run again.</li>
 * </ul>
 */
final class RunAdoption {
    private RunAdoption() {}

    /**
     * Why {@code dir} holds another run's result than {@code run} as this JVM computes it, in words; empty when it
     * does not (also when its config.yaml or provenance.json is missing, cut short or unreadable: then it is
     * unfinished).
     */
    static Optional<String> otherRun(PlannedRun run, Path dir) {
        Optional<JsonNode> config;
        JsonNode provenance;
        try { // a config.yaml cut short or unreadable belongs to an unfinished copy, whose configuration cannot be told
            config = RunDirectory.of(dir).readConfig();
        } catch (IOException | FileFormatException e) {
            return Optional.empty();
        }
        if (config.isPresent() && !CanonicalJson.write(config.get()).equals(run.configJson())) {
            return Optional.of("its " + RunDirectory.CONFIG + " is not that run's configuration");
        }
        try {
            provenance = JsonFiles.readObject(dir.resolve(RunDirectory.PROVENANCE));
        } catch (IOException | FileFormatException e) {
            return Optional.empty();
        }
        Optional<String> classes = UserClassProvenance.changed(UserClassProvenance.recorded(provenance),
                SweepUserClasses.of(List.of(run)));
        if (classes.isPresent()) { // the same configuration, another version of the rule
            return Optional.of("its classes of one's own (rules, neuron models) were other class files ("
                    + classes.get() + ")");
        }
        String drawn = provenance.path("gaussian_draws").asText();
        String java = provenance.path("java_version").asText();
        if (drawn.isEmpty() || java.isEmpty()) {
            return Optional.empty();
        }
        int feature;
        try {
            feature = Runtime.Version.parse(java).feature();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String stream = GaussianDraws.streamOf(GaussianDraws.namesZiggurat(drawn), feature);
        if (!stream.equals(GaussianDraws.stream())) {
            return Optional.of("its noise was drawn as " + stream + " (" + drawn + " on Java " + java + "), this JVM "
                    + "draws it as " + GaussianDraws.stream());
        }
        return Optional.empty();
    }

    /**
     * Empty when {@code dir}, which {@link #otherRun} found no other run's, holds {@code run} finished and whole (every
     * file there, summary.json readable, the rest whole by {@link RunFileCheck}); else why not, in words ("it has no
     * weights.npz").
     */
    static Optional<String> whyNotFinished(PlannedRun run, Path dir) {
        for (String file : RunDirectory.FILES) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                return Optional.of("it has no " + file);
            }
        }
        try { // its config.yaml, when whole, is the run's: otherRun found no other
            JsonFiles.readObject(dir.resolve(RunDirectory.SUMMARY));
        } catch (FileFormatException e) {
            return Optional.of(e.getMessage());
        } catch (IOException e) {
            return Optional.of("it cannot be read (" + e.getMessage() + ")");
        }
        List<String> damaged = RunFileCheck.damaged(dir);
        return damaged.isEmpty() ? Optional.empty() : Optional.of(damaged.get(0));
    }

    /** When the run in {@code dir} (one kept) finished, from provenance.json; now if unreadable. */
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
