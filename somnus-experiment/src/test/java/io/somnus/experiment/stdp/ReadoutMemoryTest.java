package io.somnus.experiment.stdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.config.StdpRunConfig;
import io.somnus.experiment.run.StandardResolver;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A run whose readouts cannot fit in the heap is refused before training, with the most readout images that fit. */
class ReadoutMemoryTest {
    private static final long GIB = 1L << 30;

    private static StdpRunConfig dc(Object... settings) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("preset", "diehl-cook");
        for (int i = 0; i < settings.length; i += 2) {
            s.put((String) settings[i], settings[i + 1]);
        }
        return Configs.bind(new StandardResolver().resolve(s), StdpRunConfig.class);
    }

    /**
     * The vote alone, by hand: 150 rows of 400 doubles with 24 bytes of row overhead, then the larger of the vote's
     * 10 × 400 class sums and the 50 evaluated rows' copy.
     */
    @Test
    void theVoteAloneNeedsTheCountsAndTheEvaluatedCopy() {
        StdpRunConfig cfg = dc("readout.readouts", List.of("vote"), "readout.main", "vote", "readout.phi", List.of("somnus"));
        assertEquals(150 * (8 * 400 + 24) + 8 * 50 * 400, ReadoutMemory.bytes(cfg, 400, 100, 50, 10), 0);
        // with the authors' φ both sets are copied as rates: 150 × 400 doubles
        StdpRunConfig phi = dc("readout.readouts", List.of("vote"), "readout.main", "vote",
                "readout.phi", List.of("somnus", "authors"));
        assertEquals(150 * (8 * 400 + 24) + 8 * 150 * 400, ReadoutMemory.bytes(phi, 400, 100, 50, 10), 0);
    }

    /**
     * The published network's full epoch (60 000 readout images, 6 400 features) in 2 GiB: refused, naming the
     * population, the readout to leave out and the most readout images that fit in four fifths of the heap.
     */
    @Test
    void aFullEpochOfTheWideNetworkIsRefusedWithTheMostImagesThatFit() {
        StdpRunConfig cfg = dc("populations.e.size", 6400);
        double network = 0.5 * GIB;
        ConfigException e = assertThrows(ConfigException.class,
                () -> ReadoutMemory.check(cfg, network, 6400, 60_000, 10_000, 10, 2 * GIB));
        String m = e.getMessage();
        assertTrue(m.contains("6400 features of population e") && m.contains("Java heap is 2.0 GiB")
                && m.contains("out of readout.readouts") && m.contains("-Xmx"), m);
        Matcher fits = Pattern.compile("train.readout_images to at most (\\d+)").matcher(m);
        assertTrue(fits.find(), m);
        int n = Integer.parseInt(fits.group(1));
        assertTrue(n > 1 && n < 60_000, m);
        double room = ReadoutMemory.HEADROOM * 2 * GIB;
        assertTrue(network + ReadoutMemory.bytes(cfg, 6400, n, 10_000, 10) <= room);
        assertTrue(network + ReadoutMemory.bytes(cfg, 6400, n + 1, 10_000, 10) > room);
        // the same readout with that many images passes; so does the full epoch in a large heap
        ReadoutMemory.check(cfg, network, 6400, n, 10_000, 10, 2 * GIB);
        ReadoutMemory.check(cfg, network, 6400, 60_000, 10_000, 10, 64 * GIB);
    }

    /** The preset's own sizes (N_e = 100, all 60 000 images) fit in 2 GiB. */
    @Test
    void thePresetsOwnSizeFitsInTwoGib() {
        ReadoutMemory.check(dc(), 0.1 * GIB, 100, 60_000, 10_000, 10, 2 * GIB);
    }
}
