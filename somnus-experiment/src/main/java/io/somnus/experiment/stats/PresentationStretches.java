package io.somnus.experiment.stats;

import io.somnus.experiment.io.CsvTable;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.io.StoppedEarly;
import java.util.ArrayList;
import java.util.List;

/**
 * The presentations per training image over training, stretch by stretch: metrics.csv's cumulative
 * {@code presentations} differenced between checkpoints. Presets that re-present an image while too few excitatory
 * spikes answer it (Diehl &amp; Cook) show it more often as θ rises, so a run's whole-training average (summary.json's
 * {@code presentations} / {@code train_images}) hides a rate that climbs: 1.07 over images 201–1 000 of a geomfig
 * {@code diehl-cook} run, 2.46 over 3 001–10 000.
 */
public final class PresentationStretches {
    private PresentationStretches() {}

    /**
     * The training between two checkpoints.
     *
     * @param firstImage    the first training image of the stretch (1-based)
     * @param lastImage     its last, the checkpoint's {@code images_seen}
     * @param perImage      presentations per image over the stretch (≥ 1)
     */
    public record Stretch(long firstImage, long lastImage, double perImage) {}

    /**
     * The stretches of a run's metrics.csv, in order. A row without a presentation count (a run written before it was
     * recorded, or the rows of an older resume snapshot) gives none, and the next stretch then starts after the last
     * row that has one (from the start of training where none has); a row that adds no images (the restored best
     * epoch's that ends a run that stopped early) gives none either. Empty where the column is missing.
     *
     * @param metrics      the run's metrics.csv
     * @param endsRestored whether its last row measures restored weights ({@link RunRecord#endsRestored}), left out as {@link StoppedEarly#checkpointsTrained} rules
     */
    public static List<Stretch> of(CsvTable metrics, boolean endsRestored) {
        List<Stretch> out = new ArrayList<>();
        if (!metrics.hasColumn(RunDirectory.Metrics.PRESENTATIONS) || !metrics.hasColumn(RunDirectory.Metrics.IMAGES_SEEN)) {
            return out;
        }
        double[] images = metrics.doubles(RunDirectory.Metrics.IMAGES_SEEN);
        double[] shown = metrics.doubles(RunDirectory.Metrics.PRESENTATIONS);
        int rows = StoppedEarly.checkpointsTrained(images.length, endsRestored);
        double imagesBefore = 0;
        double shownBefore = 0;
        for (int k = 0; k < rows; k++) {
            if (!Double.isFinite(images[k]) || !Double.isFinite(shown[k]) || images[k] <= imagesBefore) {
                continue;
            }
            out.add(new Stretch(Math.round(imagesBefore) + 1, Math.round(images[k]),
                    (shown[k] - shownBefore) / (images[k] - imagesBefore)));
            imagesBefore = images[k];
            shownBefore = shown[k];
        }
        return out;
    }
}
