package io.somnus.experiment.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.data.GeomFig;
import io.somnus.data.LabeledImages;
import io.somnus.encoding.BernoulliEncoder;
import io.somnus.encoding.SpikeTrain;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.config.StdpRunConfig;
import io.somnus.experiment.stdp.NetworkFactory;
import io.somnus.experiment.stdp.SleepSettingsFactory;
import io.somnus.kernel.Kernels;
import io.somnus.network.Network;
import io.somnus.sleep.SleepPhase;
import io.somnus.sleep.SleepSettings;
import io.somnus.synapse.Projection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The README's "Library use" example, run on geomfig; the second test fails when the two differ. */
class LibraryUseExampleTest {
    @Test
    void readmeExampleRuns() {
        // --- README: Library use ---
        StdpRunConfig cfg = Configs.bind(Configs.resolveTree(Map.of("preset", "paper", "seed", 7)), StdpRunConfig.class);
        SplittableRandom rng = new SplittableRandom(cfg.seed());               // one seeded source per run
        Network net = NetworkFactory.build(cfg, 225, rng, Kernels.preferred());   // Populations + Projections
        LabeledImages images = GeomFig.generate(20, 15, 7);                        // 15×15 line drawings
        SpikeTrain spikes = new SpikeTrain();
        for (float[] image : images.images()) {
            new BernoulliEncoder().encode(image, 1.0, 100, 1.0, rng, spikes);      // 100 steps of 1 ms
            net.present(spikes, /* plastic */ true, rng);
        }
        SleepSettings settings = SleepSettingsFactory.create(cfg.sleep(), cfg.simulation().dtMs());
        Map<Projection, Double> setPoints = new HashMap<>();
        for (Projection p : net.projections()) {
            setPoints.put(p, p.totalAbsWeight());
        }
        SleepPhase.Episode sleep = new SleepPhase(settings).run(net, 8750, setPoints, rng, List.of(),
                SleepPhase.Observer.NONE);
        // --- end of the README example ---
        assertEquals(4, net.projections().size());
        assertTrue(sleep.steps() > 0, "the network slept");
    }

    @Test
    void theReadmeShowsThisExampleLineForLine() throws Exception {
        ReadmeExample example = ReadmeExample.of("## Library use", LibraryUseExampleTest.class);
        example.assertShowsTheTestsCode("Library use");
        example.assertListsTheTestsImports();
    }
}
