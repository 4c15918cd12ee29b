package io.somnus.experiment.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.config.RunConfig;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.run.UserClassProvenance;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The classes of one's own a sweep's runs load ({@code rule: class}), by their class files' SHA-256
 * ({@link UserClassProvenance}), kept in the ledger ({@value #META}) so that {@code --resume} refuses to go on where a
 * class changed: its configuration, and so its run ids, are the same, and the runs of two versions of the rule would
 * mix in one result. A sweep without such classes records nothing.
 */
final class SweepUserClasses {
    /** The ledger's meta key: a JSON object, each class name's class files and their SHA-256. */
    static final String META = "user_classes";

    private SweepUserClasses() { }

    /**
     * The class files of the classes of one's own that {@code runs} load, by class name; a class that does not load is
     * left to its run, which reports it.
     */
    static Map<String, SortedMap<String, String>> of(List<PlannedRun> runs) {
        Map<String, SortedMap<String, String>> out = new TreeMap<>();
        for (PlannedRun run : runs) {
            try {
                RunConfig cfg = Configs.bind(run.config());
                out.putAll(UserClassProvenance.classFiles(cfg));
            } catch (RuntimeException e) {
                // the run itself reports a configuration it cannot bind or a class it cannot load
            }
        }
        return out;
    }

    /**
     * On {@code --resume}: refuses where a class the ledger recorded now has other class files; records the classes it
     * has none of (a new sweep, or one a Somnus that kept no digests started).
     *
     * @throws SweepException naming each class, each class file and both digests
     */
    static void checkOrRecord(SweepLedger ledger, SweepPlan plan, Path out) {
        Map<String, SortedMap<String, String>> now = of(plan.runs());
        Map<String, SortedMap<String, String>> recorded = recorded(ledger);
        refuseChanged(out, recorded, now);
        Map<String, SortedMap<String, String>> all = new TreeMap<>(now);
        all.putAll(recorded);
        if (!all.equals(recorded)) {
            ledger.putMeta(META, json(all));
        }
    }

    /** {@link #checkOrRecord}'s check alone ({@code sweep --dry-run --resume}): changes nothing. */
    static void check(SweepLedger ledger, SweepPlan plan, Path out) {
        refuseChanged(out, recorded(ledger), of(plan.runs()));
    }

    private static void refuseChanged(Path out, Map<String, SortedMap<String, String>> recorded,
                                      Map<String, SortedMap<String, String>> now) {
        Optional<String> changed = UserClassProvenance.changed(recorded, now);
        if (changed.isPresent()) {
            throw new SweepException(UserClassProvenance.resumeRefusal("the sweep in " + out, changed.get(),
                    "the configuration, and so the run ids, are the same", "each run's provenance.json names the jar "
                    + "or directory it came from, and its digests", "run the changed class as a sweep of its own in a "
                    + "new --out"));
        }
    }

    /**
     * The class files the ledger records, by class name ({@link SweepLedger#userClasses()} gives them to other
     * packages, read-only); empty for a sweep whose runs load no class of one's own.
     *
     * @throws SweepException naming the ledger, where the record is unreadable
     */
    static Map<String, SortedMap<String, String>> recorded(SweepLedger ledger) {
        Optional<String> json = ledger.meta(META);
        if (json.isEmpty()) {
            return Map.of();
        }
        try {
            return Mappers.JSON.readValue(json.get(), new TypeReference<TreeMap<String, SortedMap<String, String>>>() { });
        } catch (JsonProcessingException e) {
            throw new SweepException("the sweep ledger " + ledger.file() + " holds an unreadable " + META + " ("
                    + e.getOriginalMessage() + "); restore the ledger from a backup. Nothing was changed.");
        }
    }

    private static String json(Map<String, SortedMap<String, String>> classes) {
        try {
            return Mappers.JSON.writeValueAsString(classes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // maps of strings always write
        }
    }
}
