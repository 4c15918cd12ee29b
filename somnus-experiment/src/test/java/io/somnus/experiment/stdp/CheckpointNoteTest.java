package io.somnus.experiment.stdp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.somnus.experiment.model.RunProgress;
import io.somnus.experiment.run.StandardRunExecutor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A training tells its progress bar what each checkpoint evaluates while its image count stands still. */
class CheckpointNoteTest {
    @TempDir
    Path tmp;

    @Test
    void eachCheckpointIsNotedBetweenItsImageAndTheNext() throws Exception {
        List<String> events = new ArrayList<>();
        RunProgress progress = new RunProgress() {
            @Override
            public void update(String phase, long done, long total) {
                if (phase.equals("train")) {
                    events.add(done + "/" + total);
                }
            }

            @Override
            public void note(String phase, String note) {
                events.add(phase + ": " + note);
            }
        };
        // 30 images, 3 checkpoints (after images 10, 20, 30), 10 validation images; readouts on the first 30
        new StandardRunExecutor().execute(StdpResumeTest.config("diehl-cook"), tmp.resolve("run"), progress);
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).startsWith("train: ")) {
                notes.add(events.get(i - 1) + " | " + events.get(i) + " | "
                        + (i + 1 < events.size() ? events.get(i + 1) : "end"));
            }
        }
        String what = ": readouts on 30 + 10 images"; // fitted on 30 training images, scored on 10 validation images
        assertEquals(List.of(
                "10/30 | train: checkpoint 1/3" + what + " | 11/30",
                "20/30 | train: checkpoint 2/3" + what + " | 21/30",
                "30/30 | train: checkpoint 3/3" + what + " | end"), notes);
    }
}
