package io.somnus.experiment.sweep;

import static io.somnus.experiment.sweep.StudyEstimateTest.sg;
import static io.somnus.experiment.sweep.StudyEstimateTest.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** A run's work counted from its configuration: the sleep each schedule gives, a continual run's epochs. */
class RunWorkTest {
    @Test
    void theSleepStepsOfEachSchedule() throws Exception {
        // STDP, r·W per W wake steps, capped: 10 images × 1 000 steps, W = 3 000, r = 0.5 -> 3 episodes × min(1 500, 1 000)
        JsonNode code = yaml("model: stdp\npreset: c\ntrain: {images: 10, epochs: 1, validation_images: 0, test_images: 0,"
                + " readout_images: 0, checkpoints: 0}\nsimulation: {steps_per_image: 1000}\nsleep: {fraction: 0.5,"
                + " episode: ratio_of_wake, wake_steps: 3000, max_episode_steps: 1000}\n");
        assertEquals(3000, RunWork.of(code).sleep(), 1e-9);
        // SG every ⌊1/f⌋ minibatches: 4 minibatches (40 images), f = 0.3 -> every 3rd: ⌈4/3⌉ = 2 episodes per epoch
        JsonNode every = yaml(sg(3, 0.3).replace("per_epoch", "every_minibatches"));
        assertEquals(3 * 2 * 10 * 4 * 10, RunWork.of(every).sleep(), 1e-9);
        assertEquals(0, RunWork.of(yaml(sg(3, 0.0))).sleep());
    }

    /**
     * A continual SG-SNN run numbers its epochs on across tasks: sg.epochs per task, each on the task's images. Preset
     * "s" continual in 4 tasks of 3 epochs at f = 0.5, by hand: training 40 images × 3 epochs × 5 steps × 10 hidden
     * (as the standard run: each image is in one task); 12 epochs, each sleeps w.p. 0.5: 6 episodes of 2 × 5 steps
     * × 4 copies × 10 hidden; evaluation: 10 validation images after each of 12 epochs, after task k the test images
     * of tasks 1..k (20·k/4: 5 + 10 + 15 + 20 = 50), then the test images twice (best epoch), × 5 steps × 10 hidden.
     */
    @Test
    void aContinualRunSleepsAndValidatesAfterEveryTasksEpochs() throws Exception {
        String continual = sg(3, 0.5) + "protocol: continual\ncontinual: {tasks: 4, classes_per_task: 2}\n";
        RunWork w = RunWork.of(yaml(continual));
        assertEquals(40 * 3 * 5 * 10, w.train(), 1e-9);
        assertEquals(12 * 0.5 * 2 * 5 * 4 * 10, w.sleep(), 1e-9);
        assertEquals((12 * 10 + 50 + 2 * 20) * 5 * 10, w.evaluation(), 1e-9);
        assertEquals(12, RunWork.sgEpochs(yaml(continual)));
        // cut short after task 2's last epoch (6 epochs): 6 validations and the rows after tasks 3 and 4 are left
        assertEquals((6 * 10 + 15 + 20 + 2 * 20) * 5 * 10,
                RunWork.left(yaml(continual), 0.5, 6).evaluation(), 1e-9);
        // the standard protocol as before: 3 epochs, 1.5 episodes
        assertEquals(3 * 0.5 * 2 * 5 * 4 * 10, RunWork.of(yaml(sg(3, 0.5))).sleep(), 1e-9);
    }
}
