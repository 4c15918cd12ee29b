package io.somnus.experiment.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.run.StandardResolver;
import io.somnus.experiment.run.VersionedRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep whose rule of one's own changed under the same name ({@code rule: class}): the same configuration and run
 * ids, so {@code --resume} refuses, naming the class file that changed and both digests; an unchanged class resumes.
 */
class SweepUserClassesTest {
    private static final String RULE = "cp.VersionedRule";

    @TempDir
    Path tmp;

    private static String sweep() {
        return "name: versioned\npresets: [diehl-cook]\ndatasets: [geomfig]\nsleep_fractions: [0.0]\nseeds: [1]\n"
                + "set: {populations.e.size: 10, populations.i.size: 10, train.images: 20}\n"
                + "variants:\n  own:\n    projections.input_e.plasticity: {rule: class, class_name: " + RULE
                + ", params: {}}\n";
    }

    private static SweepPlan plan() {
        return SweepPlanner.plan(SweepSpec.parse(Path.of("versioned.yaml"), sweep()), new StandardResolver());
    }

    /** Plans and runs (FakeExecutor) the sweep with the rule's classes from {@code classes}; its refusal, or null. */
    private static SweepException runWith(Path classes, Path out, boolean resume) throws Exception {
        SweepException[] refused = new SweepException[1];
        VersionedRules.withClasses(classes, () -> {
            try {
                new SweepRunner(new FakeExecutor(null, 0, 0, Set.of())).execute(plan(), out, 1, resume,
                        SweepListener.NONE);
            } catch (SweepException e) {
                refused[0] = e;
            }
        });
        return refused[0];
    }

    private static String sha256(Path file) throws Exception {
        return VersionedRules.sha256(Files.readAllBytes(file));
    }

    @Test
    void aResumeWithAChangedRuleClassIsRefusedNamingTheClassFileAndBothDigests() throws Exception {
        Path v1 = VersionedRules.compile(tmp.resolve("v1"), "cp", 1);
        Path v2 = VersionedRules.compile(tmp.resolve("v2"), "cp", 2);
        String helper = "cp/VersionedRule$Helper.class";
        String before = sha256(v1.resolve(helper));
        String after = sha256(v2.resolve(helper));
        assertNotEquals(before, after);
        assertEquals(sha256(v1.resolve("cp/VersionedRule.class")), sha256(v2.resolve("cp/VersionedRule.class")),
                "only the nested class differs");
        Path out = tmp.resolve("out");
        assertEquals(null, runWith(v1, out, false));
        assertEquals(null, runWith(v1, out, true), "the same class resumes");
        SweepException e = runWith(v2, out, true);
        assertNotNull(e, "a resume with the changed class is refused");
        assertTrue(e.getMessage().contains("class " + RULE + ": " + RULE + "$Helper had SHA-256 " + before + ", now "
                + after), e.getMessage());
        assertTrue(e.getMessage().endsWith("Nothing was changed."), e.getMessage());
        // so is the dry run's check of the same directory
        VersionedRules.withClasses(v2, () -> {
            SweepPlan plan = plan();
            SweepException dry = assertThrows(SweepException.class, () -> SweepRecord.checkBeforeRunning(out, plan, true));
            assertTrue(dry.getMessage().contains(RULE + "$Helper had SHA-256 " + before), dry.getMessage());
        });
        assertEquals(null, runWith(v1, out, true), "back to the class it ran: resumes");
    }

    /**
     * A sweep directory whose ledger was lost keeps a finished run only where the classes its provenance.json records
     * are the class path's; with the rule changed the run directory is another run's, and the sweep is refused.
     */
    @Test
    void aRunDirectoryOfTheOldRuleIsNotAdoptedWithoutALedger() throws Exception {
        Path v1 = VersionedRules.compile(tmp.resolve("v1"), "cp", 1);
        Path v2 = VersionedRules.compile(tmp.resolve("v2"), "cp", 2);
        Path out = tmp.resolve("out");
        assertEquals(null, runWith(v1, out, false));
        List<String> ids;
        try (Stream<Path> runs = Files.list(out.resolve("runs"))) {
            ids = runs.map(p -> p.getFileName().toString()).toList();
        }
        assertEquals(1, ids.size());
        // FakeExecutor writes no provenance of classes: record v1's, as the real executor does
        Path prov = out.resolve("runs").resolve(ids.get(0)).resolve("provenance.json");
        Files.writeString(prov, "{\"gaussian_draws\": \"x\", \"user_classes\": [{\"class_name\": \"" + RULE
                + "\", \"class_files\": {\"" + RULE + "\": \"" + sha256(v1.resolve("cp/VersionedRule.class")) + "\", \""
                + RULE + "$Helper\": \"" + sha256(v1.resolve("cp/VersionedRule$Helper.class")) + "\"}}]}");
        Files.delete(out.resolve(SweepLedger.FILE_NAME));
        SweepException e = runWith(v2, out, true);
        assertNotNull(e);
        assertTrue(e.getMessage().contains("its classes of one's own (rules, neuron models) were other class files "
                + "(class " + RULE + ": " + RULE + "$Helper had SHA-256 "), e.getMessage());
        assertEquals(null, runWith(v1, out, true), "with the class it ran, the run is kept");
    }

    /**
     * A sweep whose ledger was lost goes on from a run cut short only with the classes its resume snapshot records;
     * with the rule changed, the run's directory is deleted and the run starts again, and the line that says so gives
     * why first, then what happens (not train --resume's advice and "Nothing was changed.").
     */
    @Test
    void aRunCutShortWithTheOldRuleAndNoLedgerSaysWhyThenThatItRunsAgain() throws Exception {
        Path v1 = VersionedRules.compile(tmp.resolve("v1"), "cp", 1);
        Path v2 = VersionedRules.compile(tmp.resolve("v2"), "cp", 2);
        String helper = "cp/VersionedRule$Helper.class";
        // planned with the rule's classes at hand: planning binds each run's configuration, and so loads the rule
        Supplier<SweepPlan> plan = () -> SweepPlanner.plan(SweepSpec.parse(Path.of("stdpcut.yaml"),
                SweepStdpResumeTest.sweep("paper") + "variants:\n  own:\n    projections.input_e.plasticity: "
                + "{rule: class, class_name: " + RULE + ", params: {}}\n"), new StandardResolver());
        Path out = tmp.resolve("out");
        String[] id = new String[1];
        VersionedRules.withClasses(v1, () -> {
            id[0] = plan.get().runs().get(0).runId();
            assertThrows(InternalError.class, () -> new SweepRunner(new SweepSgResumeTest.Counting(16))
                    .execute(plan.get(), out, 1, false, SweepListener.NONE));
        });
        Files.delete(out.resolve(SweepLedger.FILE_NAME));
        RecordingListener told = new RecordingListener();
        List<String> said = told.messages;
        SweepSgResumeTest.Counting again = new SweepSgResumeTest.Counting(-1);
        VersionedRules.withClasses(v2, () -> new SweepRunner(again).execute(plan.get(), out, 1, true, told));
        assertEquals(1, again.resumed.get(), "the snapshot was tried");
        assertEquals(1, again.executed.get(), "and the run started again");
        String line = said.stream().filter(l -> l.contains("cannot go on from its snapshot")).findFirst()
                .orElseThrow(() -> new AssertionError(said.toString()));
        int why = line.indexOf(RULE + "$Helper had SHA-256 " + sha256(v1.resolve(helper)) + ", now "
                + sha256(v2.resolve(helper)));
        int then = line.indexOf("so it is deleted and " + id[0] + " runs again from the start");
        assertTrue(why > 0 && then > why, "why, then what happens: " + line);
        assertTrue(line.endsWith(" runs again from the start"), line);
        assertFalse(line.contains("Nothing was changed") || line.contains("Put the class back"), line);
    }
}
