package io.somnus.experiment.stdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.ReadoutKind;
import io.somnus.experiment.config.StdpRunConfig;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A run whose readouts cannot fit in the heap is refused before training, with settings that fit. */
class ReadoutMemoryTest {
    private static final long GIB = 1L << 30;

    private static StdpRunConfig dc(Object... settings) {
        return PresetConfigs.of("diehl-cook", settings);
    }

    /**
     * The vote alone, by hand: a reference for each of the 150 rows of spike counts (all a silent row takes), then the
     * larger of the vote's 10 × 400 class sums with its row and the 50 evaluated rows' copy; with the authors' φ, both
     * sets copied as rates.
     */
    @Test
    void theVoteAloneNeedsTheCountsAndTheEvaluatedCopy() {
        List<ReadoutKind> vote = List.of(ReadoutKind.VOTE);
        ReadoutMemory somnus = new ReadoutMemory(dc("readout.phi", List.of("somnus")), 400, 100, 50, 10);
        assertEquals(150 * 8 + 8 * 50 * 400, somnus.bytes(vote, 100), 0);
        ReadoutMemory authors = new ReadoutMemory(dc("readout.phi", List.of("somnus", "authors")), 400, 100, 50, 10);
        assertEquals(150 * 8 + 8 * 150 * 400, authors.bytes(vote, 100), 0);
    }

    /**
     * The published network's three readouts on all 20 000 training images and 10 000 test images fit in 2 GiB beside
     * its 0.2 GiB of synapses: by hand, the linear readout's standardised copy (20 000 × 6 400 doubles) and its
     * 6 400² preconditioner are the largest fit, under 1.3 GiB.
     */
    @Test
    void thePublishedNetworksThreeReadoutsFitInTwoGib() {
        StdpRunConfig cfg = dc("populations.e.size", 6400);
        ReadoutMemory m = new ReadoutMemory(cfg, 6400, 20_000, 10_000, 10);
        double copy = 8.0 * 20_000 * 6400;
        double preconditioner = 8.0 * 6400 * 6400;
        double need = m.bytes(cfg.readout().readouts(), 20_000);
        assertTrue(need >= copy + preconditioner && need < 1.3 * GIB, need / GIB + " GiB");
        m.check(0.2 * GIB, 2 * GIB);
    }

    /**
     * The published network (6 400 features) on 20 000 readout images and 2 000 test images in 2 GiB: refused,
     * naming the population, a heap that fits, the most readout images that fit in four fifths of the heap (one more
     * does not), and leaving out the largest readout only where the others then fit.
     */
    @Test
    void aWideNetworkOnManyImagesIsRefusedWithSettingsThatFit() {
        StdpRunConfig cfg = dc("populations.e.size", 6400);
        ReadoutMemory m = new ReadoutMemory(cfg, 6400, 20_000, 2_000, 10);
        double network = 0.9 * GIB;
        String msg = assertThrows(ConfigException.class, () -> m.check(network, 2 * GIB)).getMessage();
        assertTrue(msg.contains("6400 features of population e") && msg.contains("Java heap is 2.0 GiB"), msg);
        List<ReadoutKind> readouts = cfg.readout().readouts();
        Matcher heap = Pattern.compile("-Xmx(\\d+)g").matcher(msg);
        assertTrue(heap.find(), msg);
        long g = Long.parseLong(heap.group(1));
        assertTrue(network + m.bytes(readouts, 20_000) <= ReadoutMemory.HEADROOM * g * GIB, msg);
        assertTrue(network + m.bytes(readouts, 20_000) > ReadoutMemory.HEADROOM * (g - 1) * GIB, msg);
        m.check(network, g * GIB);
        Matcher fits = Pattern.compile("train.readout_images to at most (\\d+)").matcher(msg);
        assertTrue(fits.find(), msg);
        int n = Integer.parseInt(fits.group(1));
        double room = ReadoutMemory.HEADROOM * 2 * GIB;
        assertTrue(network + m.bytes(readouts, n) <= room && network + m.bytes(readouts, n + 1) > room, msg);
        new ReadoutMemory(cfg, 6400, n, 2_000, 10).check(network, 2 * GIB);
        // without the largest readout the others still need more than the room
        assertFalse(msg.contains("out of readout.readouts"), msg);
    }

    /** Where dropping the largest readout is enough (a heap between the two needs), the message says so. */
    @Test
    void dropsTheLargestReadoutOnlyWhereThatFits() {
        StdpRunConfig cfg = dc("populations.e.size", 2000, "readout.readouts", List.of("vote", "linear"),
                "readout.main", "vote");
        ReadoutMemory m = new ReadoutMemory(cfg, 2000, 20_000, 2_000, 10);
        double all = m.bytes(cfg.readout().readouts(), 20_000);
        double vote = m.bytes(List.of(ReadoutKind.VOTE), 20_000) / ReadoutMemory.HEADROOM;
        assertTrue(vote < all, vote + " " + all);
        long heap = (long) ((vote + all) / 2);
        String msg = assertThrows(ConfigException.class, () -> m.check(0, heap)).getMessage();
        assertTrue(msg.contains(": linear's fit") && msg.contains("leave linear out of readout.readouts"), msg);
    }

    /** The preset's own sizes (N_e = 100, all 60 000 images) fit in 2 GiB. */
    @Test
    void thePresetsOwnSizeFitsInTwoGib() {
        new ReadoutMemory(dc(), 100, 60_000, 10_000, 10).check(0.1 * GIB, 2 * GIB);
    }

    /**
     * The readouts are fitted side by side only where all their fits fit at once: by hand, the counts and the sum of
     * the three fits within four fifths of the heap; a heap that holds the largest fit alone (the check passes) but not
     * the sum fits them one after the other.
     */
    @Test
    void fitsSideBySideOnlyWhereAllFitsFitAtOnce() {
        StdpRunConfig cfg = dc("populations.e.size", 6400);
        ReadoutMemory m = new ReadoutMemory(cfg, 6400, 20_000, 10_000, 10);
        double network = 0.9 * GIB;
        double counts = 30_000.0 * 8;
        double sum = 0;
        double largest = 0;
        for (ReadoutKind k : cfg.readout().readouts()) {
            double f = Readouts.create(k, cfg.readout().pcaVariance()).fitBytes(20_000, 6400, 10);
            sum += f;
            largest = Math.max(largest, f);
        }
        assertTrue(sum > largest * 1.5, "two large fits: " + sum + " " + largest);
        long together = (long) Math.ceil((network + counts + sum) / ReadoutMemory.HEADROOM);
        assertTrue(m.fitTogether(network, together));
        assertFalse(m.fitTogether(network, together - 1024));
        long alone = (long) ((network + counts + largest + 0.5 * (sum - largest)) / ReadoutMemory.HEADROOM);
        m.check(network, alone);
        assertFalse(m.fitTogether(network, alone));
    }
}
