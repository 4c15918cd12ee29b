package io.somnus.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.somnus.experiment.io.NpyArray;
import io.somnus.experiment.io.Npz;
import io.somnus.experiment.stats.RunRecord;
import io.somnus.experiment.sweep.RunCounts;
import io.somnus.experiment.sweep.SweepResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** The page one run gets (somnus train writes it to RUN/report.html): its own numbers, nothing that compares runs. */
class RunPageTest {
    /** A continual STDP-SNN run that slept twice, its files written by hand. */
    private static Path continualRun(Path tmp) throws Exception {
        Path run = Files.createDirectories(tmp.resolve("c1"));
        Files.writeString(run.resolve("summary.json"), """
                {"model": "stdp", "preset": "paper", "dataset": "geomfig", "seed": 4, "sleep_fraction": 0.2,
                 "test_accuracy": 0.61,
                 "test_accuracy_by_readout": {"pca-logistic": 0.58, "linear": 0.61, "vote": 0.47},
                 "stability": {"final": 0.55, "peak": 0.63, "last_quarter_mean": 0.56, "last_quarter_std": 0.012,
                               "max_drawdown": 0.08},
                 "diversity": {"winner_fraction": 0.25, "assignment_entropy": 0.81, "rf_cosine": 0.3}, "phi": 1.5,
                 "sleep_episodes": 2, "achieved_sleep_fraction": 0.125, "wake_steps": 7000, "sleep_steps": 1000,
                 "rates_wake_hz": {"e": 2.5, "i": 1.25}, "rates_sleep_hz": {"e": 7.75, "i": 0.5},
                 "continual": {"average_accuracy": 0.45, "average_forgetting": 0.3,
                               "task_accuracy": [[0.9, "NaN"], [0.6, 0.3]]}}
                """);
        Files.writeString(run.resolve("config.yaml"), """
                model: stdp
                preset: paper
                seed: 4
                protocol: continual
                continual:
                  tasks: 2
                readout:
                  main: linear
                """);
        Files.writeString(run.resolve("timing.json"), """
                {"wall_seconds": 12.5, "presentation_seconds": 8.0, "train_images_per_second": 25.0,
                 "sleep_seconds": 2.25, "evaluation_seconds": 2.0}
                """);
        Files.writeString(run.resolve("metrics.csv"), "images_seen,val_accuracy\n100,0.63\n200,0.55\n");
        return run;
    }

    private static String page(Path run) throws Exception {
        Path out = run.resolve("report.html");
        ReportBuilder.build(run, out);
        return Files.readString(out);
    }

    @Test
    void aRunsPageLeavesOutTheSectionsThatCompareRuns(@TempDir Path tmp) throws Exception {
        String html = page(continualRun(tmp));
        for (String id : new String[] {"verdict", "vs-sleep", "stdp-vs-sg", "statistics"}) {
            assertFalse(html.contains("<section id=\"" + id + "\">"), id);
            assertFalse(html.contains("href=\"#" + id + "\""), "nav link to " + id);
        }
        for (String id : new String[] {"header", "training-curves", "weight-traces", "weight-histograms", "receptive-fields",
                "notes"}) {
            assertTrue(html.contains("<section id=\"" + id + "\">"), id);
        }
        assertFalse(html.contains("not applicable"));
        // one run: no means across seeds, no first seed, no plural settings
        assertFalse(html.contains("across seeds"), "across seeds");
        assertFalse(html.contains("first seed"), "first seed");
        assertTrue(html.contains("<td>seed</td><td>4</td>") && !html.contains("<td>seeds</td>"), "seed");
        assertTrue(html.contains("<td>sleep fraction asked for</td><td>0.20</td>"));
        assertFalse(html.contains("<td>runs</td>"), "a run's page counts no runs");
        // nor does its navigation call the section of its one run "Runs": it links to it by its heading
        assertTrue(html.contains("<a href=\"#header\">What was run</a>"), "nav label of the header");
    }

    @Test
    void aRunsPageOpensWithItsOwnNumbers(@TempDir Path tmp) throws Exception {
        String html = page(continualRun(tmp));
        int keys = html.indexOf("<h3>Key numbers</h3>");
        assertTrue(keys > 0 && keys < html.indexOf("<td>directory</td>"), "the key numbers before the settings");
        // the main readout named by config.yaml, the others beside it, as summary.json has them
        assertTrue(html.contains("<td>test accuracy (linear, the main readout)</td><td>0.610</td>"), html);
        assertTrue(html.contains("<td>test accuracy (pca-logistic)</td><td>0.580</td>"));
        assertTrue(html.contains("<td>test accuracy (vote)</td><td>0.470</td>"));
        assertTrue(html.contains("final 0.550, peak 0.630, largest fall from a peak 0.080"));
        // 1 000 sleep steps of 8 000: 0.125, in the two episodes summary.json counts
        assertTrue(html.contains("<td>sleep</td><td>asked 0.20; achieved " + Html.sig(1000.0 / 8000, 3) + " in 2 episodes</td>"));
        assertTrue(html.contains("<td>firing rates awake (Hz)</td><td>e 2.50, i 1.25</td>"));
        assertTrue(html.contains("<td>firing rates asleep (Hz)</td><td>e 7.75, i 0.500</td>"));
        assertTrue(html.contains("wall 12.5 s: training 8.00 s (25.0 images/s), sleep 2.25 s, evaluation 2.00 s"));
        assertTrue(html.contains("<td>protocol</td><td>continual (2 tasks, one after another)</td>"));
        // the last row of the task matrix averages to the average accuracy: (0.6 + 0.3) / 2
        assertTrue(html.contains("average accuracy 0.450 (over every task, after the last), average forgetting 0.300"));
        assertTrue(html.contains("<tr><td>1</td><td>0.900</td><td>–</td></tr>"), "task 2 not yet seen after task 1");
        assertTrue(html.contains("<tr><td>2</td><td>0.600</td><td>0.300</td></tr>"));
    }

    /**
     * The diversity, rates and timing rows wrote 3 or 4 significant digits, scientific below 0.001 (a rate of 7.81e-04
     * Hz, 119.4 images/s), where the page's other measurements (saturated fraction, achieved sleep) have three
     * significant digits in plain decimal: now they do too.
     */
    @Test
    void aRunsMeasurementsAreWrittenAsItsOtherNumbers(@TempDir Path tmp) throws Exception {
        Path run = continualRun(tmp);
        Files.writeString(run.resolve("summary.json"), Files.readString(run.resolve("summary.json"))
                .replace("\"rates_sleep_hz\": {\"e\": 7.75, \"i\": 0.5}", "\"rates_sleep_hz\": {\"e\": 0.000781, \"i\": 0}")
                .replace("\"winner_fraction\": 0.25", "\"winner_fraction\": 0.0004")
                .replace("\"phi\": 1.5", "\"phi\": 1.23456, \"theta_mv\": {\"e\": {\"mean\": 18.24, \"std\": 3.412, "
                        + "\"min\": 0.0004, \"max\": 30.06}}"));
        Files.writeString(run.resolve("timing.json"), """
                {"wall_seconds": 6.1149, "presentation_seconds": 1.666, "train_images_per_second": 119.44,
                 "sleep_seconds": 0, "evaluation_seconds": 0.00042}
                """);
        String html = page(run);
        assertTrue(html.contains("<td>firing rates asleep (Hz)</td><td>e 0.000781, i 0</td>"), html);
        assertTrue(html.contains("winner fraction 0.000400, assignment entropy 0.810 (of 1), receptive-field cosine "
                + "0.300, φ 1.23"), html);
        assertTrue(html.contains("<td>e: mean 18.2, std 3.41, min 0.000400, max 30.1</td>"), html);
        assertTrue(html.contains("wall 6.11 s: training 1.67 s (119 images/s), sleep 0 s, evaluation 0.000420 s"), html);
        assertFalse(Pattern.compile("[0-9]e-[0-9]").matcher(html).find(), "scientific notation");
    }

    /**
     * A network composed in a configuration file names its own projections: the receptive fields and the saturated
     * share of the input weights are those of the projection summary.json names ({@code in_e1} onto the read-out
     * population e1), where they looked for the presets' input_e and found nothing; a read-out population that no
     * projection from the input reaches ({@code input_weights: null}) is said to have none.
     */
    @Test
    void aComposedNetworksReceptiveFieldsAreThoseOfItsOwnInputProjection(@TempDir Path tmp) throws Exception {
        Path run = continualRun(tmp);
        String summary = Files.readString(run.resolve("summary.json"));
        Files.writeString(run.resolve("summary.json"), summary.replace("\"phi\": 1.5,", "\"phi\": 1.5, "
                + "\"input_shape\": [2, 2], \"input_weights\": \"in_e1\", \"weights\": {\"in_e1\": {\"frac_saturated\": 0.000267}, "
                + "\"input_e\": {\"frac_saturated\": 0.75}},"));
        float[] w = new float[4 * 3];
        for (int k = 0; k < w.length; k++) {
            w[k] = k;
        }
        Npz.write(run.resolve("weights.npz"), Map.of(
                "in_e1", NpyArray.of(w, 4, 3),
                "e1_e2", NpyArray.of(new float[3 * 2], 3, 2)));
        String html = page(run);
        assertTrue(html.contains("(in_e1, 3 of 3)"), "the in_e1 weights drawn as receptive fields");
        assertTrue(html.contains("<td>input weights saturated (fraction, in_e1)</td><td>0.000267</td>"), html);

        Files.writeString(run.resolve("summary.json"), summary.replace("\"phi\": 1.5,", "\"phi\": 1.5, "
                + "\"input_shape\": [2, 2], \"input_weights\": null,"));
        Files.writeString(run.resolve("config.yaml"), "model: stdp\npreset: two-e\nreadout:\n  population: e2\n");
        String none = page(run);
        assertTrue(none.contains("not drawn for c1 (no projection from the input onto its read-out population, e2)"), none);
        assertFalse(none.contains("input weights saturated"));
    }

    /**
     * A run of a sparse input projection (paper's p = 0.1) says beside its receptive-field cosine that the masks hold it
     * near p, trained or not: 0.0984 in every paper run read as "no learning". An all-to-all one says nothing of it.
     */
    @Test
    void aSparseInputProjectionsCosineIsSaidToSitNearItsDensity(@TempDir Path tmp) throws Exception {
        Path run = continualRun(tmp);
        String config = Files.readString(run.resolve("config.yaml"));
        Files.writeString(run.resolve("config.yaml"), config
                + "projections:\n- {name: input_e, connector: fixed_probability, p: 0.1}\n");
        assertTrue(page(run).contains("receptive-field cosine 0.300 (the sparse input projection&#39;s connection "
                + "masks hold it near p = 0.100, trained or not (two random masks of density p overlap by about p)), "),
                "the cosine's row");
        Files.writeString(run.resolve("config.yaml"), config
                + "projections:\n- {name: input_e, connector: all_to_all, p: 1}\n");
        String dense = page(run);
        assertTrue(dense.contains("receptive-field cosine 0.300, ") && !dense.contains("masks hold it"), "all to all");
    }

    @Test
    void anUntrainedControlIsSaidToBeOneAndNotToSleep(@TempDir Path tmp) throws Exception {
        Path run = continualRun(tmp);
        Files.writeString(run.resolve("config.yaml"), "model: stdp\npreset: paper\ntrain:\n  plasticity: false\n");
        String html = page(run);
        assertTrue(html.contains("<td>plasticity</td><td>off: an untrained control"), html);
        assertTrue(html.contains("<td>sleep</td><td>asked 0.20; none: an untrained control does not sleep</td>"));
        assertFalse(html.contains("<td>protocol</td>"), "standard protocol: not worth a row");
    }

    @Test
    void aRunWithoutSleepHasNoHistogramsForThatReasonNotAMissingFile(@TempDir Path tmp) throws Exception {
        Path run = continualRun(tmp);
        Files.writeString(run.resolve("summary.json"), Files.readString(run.resolve("summary.json"))
                .replace("\"sleep_fraction\": 0.2", "\"sleep_fraction\": 0.0"));
        Files.writeString(run.resolve("weight_histograms.csv"), "episode,when,projection,bin_lo,bin_hi,count\n");
        String html = page(run);
        assertTrue(html.contains("no sleep asked for (sleep fraction 0) in this run"), html);
        assertFalse(html.contains("not recorded: no weight_histograms.csv"));
        assertTrue(html.contains("<td>sleep</td><td>asked 0.00 (no sleep)</td>"));
    }

    @Test
    void aReadoutOfTheTrainingStreamIsNamedAndTheFrozenNetworksIsBesideIt(@TempDir Path tmp) throws Exception {
        Path run = continualRun(tmp);
        Files.writeString(run.resolve("summary.json"), Files.readString(run.resolve("summary.json")).replace("\"phi\": 1.5,",
                "\"phi\": 1.5, \"phi_authors\": 11.5, \"readout_source\": \"training\", \"test_accuracy_frozen\": 0.72,"
                        + " \"test_accuracy_frozen_by_readout\": {\"linear\": 0.72, \"vote\": 0.3}, \"stopped_early\": true,"
                        + " \"early_stopping_accuracies\": [0.5, 0.25],"));
        String html = page(run);
        assertTrue(html.contains("<td>test accuracy (linear, the main readout, readout of the training stream)</td><td>0.610</td>"),
                html);
        assertTrue(html.contains("<td>test accuracy of the frozen network</td><td>0.720 (linear 0.720, vote 0.300)</td>"));
        assertTrue(html.contains("stopped early, the best epoch&#39;s weights restored (validation accuracy per epoch: 0.500, 0.250)"));
        assertTrue(html.contains("φ 1.50 (the authors&#39; φ 11.5)"), html);
    }

    /**
     * A run that stopped early has two checkpoints at its last images seen, the second of the restored best epoch: the
     * chart drew a step straight up or down at its end and said nothing of it. Where it stopped between two
     * checkpoints, the restored row stands alone at its images seen, and the page said nothing of it.
     */
    @Test
    void aRestoredLastCheckpointIsExplainedBesideTheChart(@TempDir Path tmp) throws Exception {
        Path run = continualRun(tmp);
        Files.writeString(run.resolve("metrics.csv"), "images_seen,val_accuracy,val_accuracy_linear,val_accuracy_vote\n"
                + "100,0.63,0.63,0.4\n200,0.55,0.55,0.3\n200,0.6,0.6,0.35\n");
        String summary = Files.readString(run.resolve("summary.json"));
        Files.writeString(run.resolve("summary.json"), summary.replace("\"phi\": 1.5,", "\"phi\": 1.5, \"stopped_early\": true,"));
        String note = "Training stopped early: the last checkpoint, at the same 200 images as the one before it, measures "
                + "the best epoch&#39;s weights, restored";
        assertTrue(trainingSection(page(run)).contains(note), trainingSection(page(run)));
        assertTrue(trainingSection(page(run)).contains("the stability numbers leave it out"));
        // stopped at an epoch's end between two checkpoints: the restored row alone at its images seen, said so too
        Files.writeString(run.resolve("metrics.csv"), "images_seen,val_accuracy,val_accuracy_linear,val_accuracy_vote\n"
                + "100,0.63,0.63,0.4\n200,0.55,0.55,0.3\n250,0.6,0.6,0.35\n");
        assertTrue(trainingSection(page(run)).contains("Training stopped early: the last checkpoint, at 250 images, "
                + "measures the best epoch&#39;s weights, restored;"), trainingSection(page(run)));
        // not where it ran to its end
        Files.writeString(run.resolve("summary.json"), summary);
        assertFalse(trainingSection(page(run)).contains("stopped early"));
    }

    /** The run's "Accuracy over training" section. */
    private static String trainingSection(String html) {
        int at = html.indexOf("<section id=\"training-curves\">");
        assertTrue(at >= 0, "no training-curves section");
        return html.substring(at, html.indexOf("</section>", at));
    }

    /** The grey of the shaded tasks (and of the sleep episodes on the weight traces): 0x55 = 85. */
    private static final String SHADE = "rgb(85,85,85)";

    /**
     * summary.json's continual.task_ends (two tasks, ending after 100 and 200 images) on the accuracy chart, with one
     * readout (the chart of every run) and with several (one line each): the second task shaded, both named in the label.
     */
    @Test
    void aContinualRunsTasksAreMarkedOnItsAccuracyChart(@TempDir Path tmp) throws Exception {
        Path run = continualRun(tmp);
        Files.writeString(run.resolve("summary.json"), Files.readString(run.resolve("summary.json")).replace(
                "\"task_accuracy\": [[0.9, \"NaN\"], [0.6, 0.3]]", "\"task_accuracy\": [[0.9, \"NaN\"], [0.6, 0.3]], \"task_ends\": "
                + "[{\"classes\": [0, 1], \"images_seen\": 100}, {\"classes\": [2, 3], \"images_seen\": 200}]"));
        String tasks = "; 2 tasks, ending at 100 (classes 0, 1), 200 (classes 2, 3) training images seen, every other one shaded";
        String one = trainingSection(page(run));
        assertTrue(one.contains("aria-label=\"accuracy over training, paper (stdp) × geomfig, sleep 0.20" + tasks + "\""), one);
        assertTrue(one.contains(SHADE), "the second task shaded");
        Files.writeString(run.resolve("metrics.csv"), "images_seen,val_accuracy,val_accuracy_linear,val_accuracy_vote\n"
                + "100,0.63,0.63,0.5\n200,0.55,0.55,0.45\n");
        String readouts = trainingSection(page(run));
        assertTrue(readouts.contains("aria-label=\"accuracy over training, linear (main), vote, of c1" + tasks + "\""), readouts);
        assertTrue(readouts.contains(SHADE), "the second task shaded");
    }

    /** A continual run written before the task ends were recorded (summary.json without them) is drawn as before. */
    @Test
    void aContinualRunWithoutRecordedTaskEndsIsDrawnWithoutThem(@TempDir Path tmp) throws Exception {
        Path run = continualRun(tmp);
        assertFalse(Files.readString(run.resolve("summary.json")).contains("task_ends"));
        String section = trainingSection(page(run));
        assertTrue(section.contains("aria-label=\"accuracy over training, paper (stdp) × geomfig, sleep 0.20\""), section);
        assertFalse(section.contains(SHADE) || section.contains("tasks, ending"), section);
        // nor with ends Somnus does not write (a later task ending before an earlier one)
        Files.writeString(run.resolve("summary.json"), Files.readString(run.resolve("summary.json")).replace(
                "\"task_accuracy\"", "\"task_ends\": [{\"images_seen\": 150}, {\"images_seen\": 100}], \"task_accuracy\""));
        String odd = trainingSection(page(run));
        assertTrue(odd.contains("<svg") && !odd.contains(SHADE) && !odd.contains("tasks, ending"), odd);
    }

    @Test
    void aRunsTrainingCurveHasOneLinePerReadout(@TempDir Path tmp) throws Exception {
        Path run = continualRun(tmp);
        Files.writeString(run.resolve("metrics.csv"), "images_seen,val_accuracy,val_accuracy_linear,val_accuracy_vote\n"
                + "100,0.63,0.63,0.5\n200,0.55,0.55,0.45\n");
        String html = page(run);
        // linear is config.yaml's main readout
        assertTrue(html.contains("aria-label=\"accuracy over training, linear (main), vote, of c1\""), html);
        assertTrue(html.contains("one line per readout"));
        // one readout only: the one curve, as a sweep draws it
        Files.writeString(run.resolve("metrics.csv"), "images_seen,val_accuracy\n100,0.63\n200,0.55\n");
        String one = page(run);
        assertFalse(one.contains("one line per readout"));
        assertTrue(one.contains("Validation accuracy (main readout) at each checkpoint."));
    }

    /** The main readout is drawn last, on top: drawn first, a point equal to another readout's was hidden under it. */
    @Test
    void theMainReadoutIsDrawnOnTop() {
        assertEquals(List.of("linear", "pca-logistic", "vote (main)"),
                TrainingCurvesSection.drawingOrder(List.of("vote (main)", "linear", "pca-logistic")));
        assertEquals(List.of("just before sleep", "after the epoch's sleep"),
                TrainingCurvesSection.drawingOrder(List.of("after the epoch's sleep", "just before sleep")));
    }

    /** A run of one checkpoint (train.checkpoints: 1) drew a point per readout on the plot's edge and said nothing. */
    @Test
    void aRunOfOneCheckpointIsSaidToHaveAPointInsteadOfACurve(@TempDir Path tmp) throws Exception {
        Path run = continualRun(tmp);
        Files.writeString(run.resolve("metrics.csv"), "images_seen,val_accuracy,val_accuracy_linear,val_accuracy_vote\n"
                + "200,0.36,0.36,0.25\n");
        assertTrue(page(run).contains("one checkpoint (train.checkpoints: 1), so a point at the end of training instead "
                + "of a curve, in c1"));
        Files.writeString(run.resolve("metrics.csv"), "images_seen,val_accuracy\n200,0.36\n");   // one readout too
        assertTrue(page(run).contains("instead of a curve, in paper (stdp) × geomfig"));
        Files.writeString(run.resolve("metrics.csv"), "images_seen,val_accuracy\n100,0.63\n200,0.55\n");
        assertFalse(page(run).contains("one checkpoint"));
    }

    /** A figure's label (its alt text) says what it shows: it said "weight traces of c1", "weight histogram e_e of c1". */
    @Test
    void aRunsFiguresSayWhatTheyShow(@TempDir Path tmp) throws Exception {
        Path run = continualRun(tmp);
        String head = "step,phase,episode,projection,total_abs,mean\n";
        Files.writeString(run.resolve("sleep_traces.csv"), head + "0,wake,0,e_e,100,0.1\n0,wake,0,input_e,50,0.1\n"
                + "500,sleep,1,e_e,90,0.09\n500,sleep,1,input_e,45,0.09\n600,sleep,1,e_e,80,0.08\n"
                + "600,sleep,1,input_e,40,0.08\n");
        Files.writeString(run.resolve("weight_histograms.csv"), "episode,when,projection,bin_lo,bin_hi,count\n"
                + "1,before,e_e,0.1,0.2,3\n1,before,e_e,0.2,0.3,1\n1,after,e_e,0.1,0.2,2\n1,after,e_e,0.2,0.3,2\n");
        String html = page(run);
        assertTrue(html.contains("aria-label=\"total |w| per projection (e_e, input_e) against simulation step, "
                + "1 sleep episode shaded, of c1\""), html);
        assertTrue(html.contains("aria-label=\"distribution of the e_e weights just before and just after sleep episode 1, "
                + "of c1; sleep moved 25 % of it\""), html);
    }

    /**
     * An SG-SNN of sg.depth 2: its projections' traces (legend) and histogram panels come in the network's order, as
     * its files list them (in_h1, h1_h2, h2_out: input to output), not alphabetically (h1_h2, h2_out, in_h1).
     */
    @Test
    void aDeeperSgNetworksProjectionsAreShownInLayerOrder(@TempDir Path tmp) throws Exception {
        Path run = continualRun(tmp);
        String head = "step,phase,episode,projection,total_abs,mean\n";
        StringBuilder traces = new StringBuilder(head);
        StringBuilder histograms = new StringBuilder("episode,when,projection,bin_lo,bin_hi,count\n");
        for (String p : List.of("in_h1", "h1_h2", "h2_out")) {
            traces.append("0,wake,0,").append(p).append(",100,0.1\n500,sleep,1,").append(p).append(",90,0.09\n");
            histograms.append("1,before,").append(p).append(",0.1,0.2,3\n1,after,").append(p).append(",0.1,0.2,2\n");
        }
        Files.writeString(run.resolve("sleep_traces.csv"), traces.toString());
        Files.writeString(run.resolve("weight_histograms.csv"), histograms.toString());
        String html = page(run);
        assertTrue(html.contains("total |w| per projection (in_h1, h1_h2, h2_out) against simulation step"), html);
        String section = html.substring(html.indexOf("<section id=\"weight-histograms\">"));
        section = section.substring(0, section.indexOf("</section>"));
        int in = section.indexOf("the in_h1 weights");
        int hidden = section.indexOf("the h1_h2 weights");
        int out = section.indexOf("the h2_out weights");
        assertTrue(in >= 0 && in < hidden && hidden < out, "panels in layer order: " + in + ", " + hidden + ", " + out);
    }

    /**
     * Weight histograms: before filled, after an outline. Both filled, where they overlapped the two translucent
     * colours mixed to a grey that matched neither legend entry, and a paper-sg-code histogram, which its sleep moved
     * by a few weights, was grey throughout with nothing to say why. Under each, the share sleep moved: here, before
     * 3 and 1 of 4 weights in [0.1, 0.2) and [0.2, 0.3), after 2 and 2: ½ (|0.75 − 0.5| + |0.25 − 0.5|) = 25 %.
     */
    @Test
    void theHistogramAfterSleepIsAnOutlineOverTheOneBeforeAndTheShareMovedIsSaid(@TempDir Path tmp) throws Exception {
        Path run = continualRun(tmp);
        Files.writeString(run.resolve("weight_histograms.csv"), "episode,when,projection,bin_lo,bin_hi,count\n"
                + "1,before,e_e,0.1,0.2,3\n1,before,e_e,0.2,0.3,1\n1,after,e_e,0.1,0.2,2\n1,after,e_e,0.2,0.3,2\n");
        String html = page(run);
        String section = html.substring(html.indexOf("<section id=\"weight-histograms\">"));
        section = section.substring(0, section.indexOf("</section>"));
        assertTrue(section.contains("<figcaption>c1; sleep moved 25 % of it</figcaption>"), section);
        // before (Okabe-Ito vermilion) filled, after (blue) drawn as a line alone
        assertTrue(section.contains("fill:rgb(213,94,0);fill-opacity"), "before filled");
        assertFalse(section.contains("fill:rgb(0,114,178)"), "after not filled");
        assertTrue(section.contains("stroke:rgb(0,114,178)"), "after outlined");
    }

    @Test
    void anSgRunsTrainingCurveShowsTheAccuracyJustBeforeSleep(@TempDir Path tmp) throws Exception {
        Path run = continualRun(tmp);
        Files.writeString(run.resolve("metrics.csv"), "images_seen,val_accuracy,val_accuracy_before_sleep,train_loss\n"
                + "100,0.63,0.6,1.5\n200,0.55,0.5,1.25\n");
        String html = page(run);
        assertTrue(html.contains("aria-label=\"accuracy over training, after the epoch&#39;s sleep, just before sleep, of c1\""),
                html);
        // a run that did not sleep leaves the column empty: one curve
        Files.writeString(run.resolve("metrics.csv"), "images_seen,val_accuracy,val_accuracy_before_sleep,train_loss\n"
                + "100,0.63,,1.5\n200,0.55,,1.25\n");
        assertFalse(page(run).contains("just before sleep"));
    }

    /**
     * The accuracy just before sleep is known only at the epochs that slept: drawn as a line, epochs 1 and 3 were joined
     * across epoch 2, which did not, as if they made a curve. They are markers, each joined by a bar to the accuracy
     * after its sleep.
     */
    @Test
    void theAccuracyJustBeforeSleepIsAMarkerJoinedToTheOneAfterIt(@TempDir Path tmp) throws Exception {
        Path run = continualRun(tmp);
        Files.writeString(run.resolve("metrics.csv"), "images_seen,val_accuracy,val_accuracy_before_sleep,train_loss\n"
                + "100,0.63,0.6,1.5\n200,0.58,,1.3\n300,0.55,0.5,1.25\n");
        RunRecord record = new RunRecord("c1", run, "paper-sg", "sg", "geomfig", "", 0.2, 1,
                JsonNodeFactory.instance.objectNode(), Map.of("test_accuracy", 0.5));
        List<XYChart> charts = new ArrayList<>();
        ReportContext ctx = new ReportContext(new SweepResults(run, true, "c1", Map.of(),
                RunCounts.NONE, List.of(record), List.of()), new Html(), null) {
            @Override
            Future<String> svg(XYChart chart) {
                charts.add(chart);
                return super.svg(chart);
            }
        };
        ReportBuilder.write(new TrainingCurvesSection(), ctx);
        Map<String, XYSeries> series = new HashMap<>();
        charts.get(0).getSeriesCollection().forEach(s -> series.put(s.getName(), s));
        XYSeries before = series.get("just before sleep");
        assertEquals(XYSeries.XYSeriesRenderStyle.Scatter, before.getXYSeriesRenderStyle().orElseThrow(), "markers, no line");
        assertArrayEquals(new double[] {0.6, 0.5}, before.getYData());
        List<List<Double>> bars = new ArrayList<>();
        for (XYSeries s : series.values()) {
            if (s.getName().startsWith("just before sleep to after")) {
                assertFalse(s.isShowInLegend(), s.getName());
                bars.add(List.of(s.getXData()[0], s.getXData()[1], s.getYData()[0], s.getYData()[1]));
            }
        }
        bars.sort(Comparator.comparing(b -> b.get(0)));
        assertEquals(List.of(List.of(100.0, 100.0, 0.6, 0.63), List.of(300.0, 300.0, 0.5, 0.55)),
                bars);
    }

    @Test
    void aRunThatAskedForSleepAndGotNoneIsSaidToBeWakeOnly(@TempDir Path tmp) throws Exception {
        Path run = continualRun(tmp);
        String head = "step,phase,episode,projection,total_abs,mean\n";
        Files.writeString(run.resolve("sleep_traces.csv"), head + "0,wake,0,input_e,100,0.1\n500,wake,0,input_e,120,0.12\n");
        assertTrue(page(run).contains("no sleep episode in c1, although sleep was asked for: wake only, nothing shaded"));
        Files.writeString(run.resolve("sleep_traces.csv"), head + "0,wake,0,input_e,100,0.1\n500,sleep,1,input_e,90,0.09\n"
                + "600,sleep,1,input_e,80,0.08\n");
        assertFalse(page(run).contains("wake only"));
    }

    /**
     * An SG-SNN with two hidden layers names its input weights in_h1 (docs/run-directory.md): its receptive fields
     * were "not recorded: no weights.npz with input weights", though weights.npz held them.
     */
    @Test
    void aDeeperSgNetworksReceptiveFieldsAreItsFirstHiddenLayersInputWeights(@TempDir Path tmp) throws Exception {
        Path run = Files.createDirectories(tmp.resolve("deep"));
        Files.writeString(run.resolve("summary.json"), """
                {"model": "sg", "preset": "sg-fc", "dataset": "geomfig", "seed": 1, "sleep_fraction": 0.0,
                 "test_accuracy": 0.5, "input_shape": [2, 2],
                 "weights": {"in_h1": {"mean": 2.5}, "h1_h2": {"mean": 0}, "h2_out": {"mean": 0}}}
                """);
        Files.writeString(run.resolve("config.yaml"), "model: sg\npreset: sg-fc\nseed: 1\nsg:\n  depth: 2\n");
        Files.writeString(run.resolve("metrics.csv"), "images_seen,val_accuracy\n100,0.5\n");
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("in_h1", NpyArray.of(new float[] {0, 3, 5, 1, 2, 5, 2, 1, 5, 3, 0, 5}, 4, 3));
        arrays.put("h1_h2", NpyArray.of(new float[9], 3, 3));
        arrays.put("h2_out", NpyArray.of(new float[6], 3, 2));
        Npz.write(run.resolve("weights.npz"), arrays);
        String html = page(run);
        String section = html.substring(html.indexOf("<section id=\"receptive-fields\">"));
        section = section.substring(0, section.indexOf("</section>"));
        assertFalse(section.contains("not recorded"), section);
        assertTrue(section.contains("receptive fields: the in_h1 weights of all 3 neurons as 2×2 images, of deep"),
                section);
        assertTrue(section.contains("sleep 0.00 (in_h1, 3 of 3)"), section);
        // 2 of its 12 weights are 0: the caption says so, on the page
        assertTrue(section.contains("(in_h1, 3 of 3); 17 % of its weights are 0 (black: "), section);
    }

    /**
     * A run that loaded a class of one's own names it in "What was run": its name, source and each class file's
     * SHA-256, short, with the whole digest in its title; the jar's SHA-256 is no dataset checksum. A run without
     * one has no such table.
     */
    @Test
    void aRunsPageNamesItsClassesOfOnesOwn(@TempDir Path tmp) throws Exception {
        Path run = continualRun(tmp);
        assertFalse(page(run).contains("Classes of one&#39;s own"), "a run without classes of one's own");
        String rule = "1a2b3c4d5e6f".repeat(5) + "7788";
        String params = "0a1b2c3d4e5f".repeat(5) + "9900";
        String jar = "f".repeat(64);
        Files.writeString(run.resolve("provenance.json"), "{\"somnus_version\": \"0.1.0\", \"user_classes\": "
                + "[{\"class_name\": \"org.ex.MyRule\", \"source\": \"/opt/rules.jar\", \"jar_sha256\": \"" + jar
                + "\", \"class_files\": {\"org.ex.MyRule\": \"" + rule + "\", \"org.ex.MyRule$Params\": \"" + params
                + "\"}}]}");
        String html = page(run);
        int table = html.indexOf("<h3>Classes of one&#39;s own</h3>");
        assertTrue(table > html.indexOf("<h3>Settings and provenance</h3>") && table > 0, "in What was run");
        assertTrue(html.contains("<tr><td>org.ex.MyRule</td><td title=\"jar SHA-256 " + jar + "\">/opt/rules.jar</td>"
                + "<td>org.ex.MyRule <span title=\"" + rule + "\">1a2b3c4d5e6f\u2026</span><br>org.ex.MyRule$Params "
                + "<span title=\"" + params + "\">0a1b2c3d4e5f\u2026</span></td></tr>"), html);
        assertFalse(html.contains("<td>user_classes"), "the jar's digest is not a dataset checksum");
    }

    /**
     * A preset that re-presents images (encoding.min_spikes, max_presentations &gt; 1) gets its presentations per image
     * over training under the accuracy curve, stretch by stretch from metrics.csv's cumulative count (60 over the
     * first 50 images: 1.2; 150 more over the next 50: 3); one without the count says it was not recorded, and a
     * preset that shows each image once gets neither.
     */
    @Test
    void aRePresentingRunsPageDrawsItsPresentationsPerImage(@TempDir Path tmp) throws Exception {
        Path run = continualRun(tmp);
        String paper = page(run);
        assertFalse(paper.contains("presentations per training image"), "paper shows each image once");
        Files.writeString(run.resolve("config.yaml"), Files.readString(run.resolve("config.yaml"))
                .replace("preset: paper", "preset: diehl-cook\nencoding:\n  min_spikes: 5\n  max_presentations: 10"));
        Files.writeString(run.resolve("metrics.csv"), "images_seen,val_accuracy,presentations\n50,0.63,60\n100,0.55,210\n");
        String html = page(run);
        assertTrue(html.contains("aria-label=\"presentations per training image over training, of c1\""), html);
        assertTrue(html.contains("1.20 over images 1–50, 3.00 over images 51–100."), html);
        Files.writeString(run.resolve("metrics.csv"), "images_seen,val_accuracy\n50,0.63\n100,0.55\n");
        String old = page(run);
        assertFalse(old.contains("aria-label=\"presentations per training image"), "no counts, no chart");
        assertTrue(old.contains("presentations per image over training: not recorded"), old);
    }
}
