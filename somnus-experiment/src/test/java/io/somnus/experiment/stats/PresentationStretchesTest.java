package io.somnus.experiment.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.somnus.experiment.io.Csv;
import io.somnus.experiment.io.CsvTable;
import io.somnus.experiment.stats.PresentationStretches.Stretch;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The presentations per image between checkpoints, worked by hand from cumulative counts. */
class PresentationStretchesTest {
    private static CsvTable table(String text) throws Exception {
        return Csv.parse(Path.of("metrics.csv"), new StringReader(text));
    }

    /**
     * The geomfig diehl-cook figures of the task: 205 presentations after 200 images, 1 057 after 1 000, 3 753 after
     * 3 000: (1 057 − 205) / 800 = 1.065 over images 201–1 000, (3 753 − 1 057) / 2 000 = 1.348 over 1 001–3 000.
     */
    @Test
    void eachStretchIsItsRiseInPresentationsOverItsImages() throws Exception {
        List<Stretch> s = PresentationStretches.of(table("""
                images_seen,val_accuracy,presentations
                200,0.5,205
                1000,0.6,1057
                3000,0.7,3753
                """), false);
        assertEquals(List.of(new Stretch(1, 200, 1.025), new Stretch(201, 1000, 1.065), new Stretch(1001, 3000, 1.348)), s);
    }

    /** A run written before the column existed has none; one that showed each image once has stretches of 1. */
    @Test
    void anOlderRunHasNoStretchesAndAPresetWithoutRepresentationHasOnes() throws Exception {
        assertEquals(List.of(), PresentationStretches.of(table("images_seen,val_accuracy\n100,0.5\n200,0.6\n"), false));
        List<Stretch> once = PresentationStretches.of(table("images_seen,presentations\n100,100\n200,200\n"), false);
        assertEquals(List.of(new Stretch(1, 100, 1.0), new Stretch(101, 200, 1.0)), once);
    }

    /**
     * Rows of an older resume snapshot come first with the cell empty: the first counted row's stretch starts at the
     * first image (the count is cumulative), and the restored best epoch's last row of a run that stopped early is
     * left out.
     */
    @Test
    void emptyCellsAreSkippedAndARestoredLastRowLeftOut() throws Exception {
        CsvTable t = table("""
                images_seen,presentations
                10,
                20,
                30,45
                40,65
                40,65
                """);
        assertEquals(List.of(new Stretch(1, 30, 1.5), new Stretch(31, 40, 2.0)), PresentationStretches.of(t, true));
        // not restored: the repeated row adds no images and so no stretch either
        assertEquals(2, PresentationStretches.of(t, false).size());
    }
}
