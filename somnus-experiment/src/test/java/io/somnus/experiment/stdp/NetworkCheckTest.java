package io.somnus.experiment.stdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.PopulationConfig;
import io.somnus.experiment.config.ProjectionConfig;
import io.somnus.experiment.config.SinceLastSpikeConfig;
import io.somnus.experiment.config.StdpRunConfig;
import io.somnus.experiment.config.TraceIntegration;
import io.somnus.experiment.config.TripletConfig;
import io.somnus.kernel.Kernels;
import io.somnus.network.Network;
import io.somnus.plasticity.SinceLastSpikeStdp;
import io.somnus.synapse.Projection;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * What {@link NetworkCheck} refuses before anything is built (unknown names, bounds, parameters, the names the readout
 * and the sleep give, a rule on a projection it cannot learn), naming the field, and its memory estimate against what
 * a built network holds.
 */
class NetworkCheckTest {
    private static final int INPUTS = 225; // the paper's 15 × 15 images

    /** {@code r} with one component replaced (records built in code skip the field-domain checks of binding). */
    @SuppressWarnings("unchecked")
    private static <R extends Record> R with(R r, String component, Object value) {
        try {
            RecordComponent[] comps = r.getClass().getRecordComponents();
            Object[] values = new Object[comps.length];
            Class<?>[] types = new Class<?>[comps.length];
            boolean found = false;
            for (int k = 0; k < comps.length; k++) {
                types[k] = comps[k].getType();
                found |= comps[k].getName().equals(component);
                values[k] = comps[k].getName().equals(component) ? value : comps[k].getAccessor().invoke(r);
            }
            assertTrue(found, component);
            return (R) r.getClass().getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** The paper preset with one component of a projection replaced. */
    private static StdpRunConfig projection(String name, UnaryOperator<ProjectionConfig> change) {
        StdpRunConfig cfg = PresetConfigs.of("paper");
        return with(cfg, "projections", cfg.projections().stream()
                .map(pc -> pc.name().equals(name) ? change.apply(pc) : pc).toList());
    }

    private static StdpRunConfig population(String name, UnaryOperator<PopulationConfig> change) {
        StdpRunConfig cfg = PresetConfigs.of("paper");
        return with(cfg, "populations", cfg.populations().stream()
                .map(pc -> pc.name().equals(name) ? change.apply(pc) : pc).toList());
    }

    /** Both the resolve-time check and the build refuse {@code bad} with a message holding every fragment. */
    private static void assertNamed(StdpRunConfig bad, String... fragments) {
        for (ConfigException e : List.of(
                assertThrows(ConfigException.class, () -> NetworkFactory.validate(bad, INPUTS), fragments[0]),
                assertThrows(ConfigException.class,
                        () -> NetworkFactory.build(bad, INPUTS, new SplittableRandom(1), Kernels.scalar()), fragments[0]))) {
            for (String f : fragments) {
                assertTrue(e.getMessage().contains(f), "'" + f + "' not in: " + e.getMessage());
            }
        }
    }

    /** What only the network can check (names, sizes, bounds, parameters): refused naming the field. */
    @Test
    void badReferencesAreRefusedNamingTheField() {
        assertNamed(projection("e_i", pc -> with(pc, "pre", "x")), "projections.e_i", "unknown population 'x'");
        assertNamed(projection("input_e", pc -> with(pc, "post", "input")), "projections.input_e.post", "input source");
        assertNamed(projection("i_e", pc -> with(pc, "wMin", 1.0)), "projections.i_e",
                "w_min (1) must not exceed w_max (-0.0001)"); // as NumberText writes them, not 1.0 and -1.0E-4
        assertNamed(population("i", pc -> with(pc, "sizeOf", "z")), "populations.i.size_of", "'z'");
        assertNamed(population("i", pc -> with(pc, "params", Map.of("tau_membrane", 5.0))),
                "populations.i.params.tau_membrane", "tau_membrane_ms");
    }

    /**
     * The names the readout and the sleep give to populations and projections are checked with the network's, before
     * anything runs: an unknown {@code readout.population} or {@code sleep.projections} entry was met only at the first
     * checkpoint or the first sleep episode, and failed the run there (exit 1, naming no field); so were two
     * projections of one name, which {@code --set} could not tell apart.
     */
    @Test
    void namesTheReadoutAndTheSleepGiveAreRefusedBeforeAnythingRuns() {
        StdpRunConfig cfg = PresetConfigs.of("paper");
        assertNamed(with(cfg, "readout", with(cfg.readout(), "population", "e9")), "readout.population = 'e9'",
                "no such population", "[input, e, i]");
        assertNamed(with(cfg, "sleep", with(cfg.sleep(), "projections", List.of("e_e", "e_x"))), "sleep.projections: 'e_x'",
                "[input_e, e_e, e_i, i_e]");
        assertNamed(with(cfg, "sleep", with(cfg.sleep(), "projections", List.of("e_e", "e_e"))), "sleep.projections: 'e_e'",
                "named twice");
        NetworkFactory.validate(with(cfg, "readout", with(cfg.readout(), "population", "i")), INPUTS); // any population
        // two projections of one name (the network refused them when built, exit 1, naming no field)
        assertNamed(projection("i_e", pc -> with(pc, "name", "e_i")), "projections: duplicate name 'e_i'");
    }

    /**
     * Triplet STDP has no sign: on an inhibitory projection of negative weights (onto current-based neurons) its
     * potentiation shrinks |w|, the reverse of what sign auto gives the pair rules there; refused naming the rule, while
     * diehl-cook's inhibitory conductances (positive weights) take it. Since-last-spike STDP takes its sign as auto
     * does: −1 on the paper's negative i_e, +1 on diehl-cook's positive i_e (it took −1 from the receptor alone, so
     * causal pairs shrank an inhibitory conductance).
     */
    @Test
    void eachRuleLearnsTheMagnitudeOfAnInhibitoryWeight() {
        TripletConfig triplet = new TripletConfig(1e-4, 1e-2, 20, 20, 40, TraceIntegration.EXACT);
        assertNamed(projection("i_e", pc -> with(pc, "plasticity", triplet)), "projections.i_e.plasticity.rule = triplet",
                "inhibitory onto current-based population e", "nearest_pair or all_to_all");
        StdpRunConfig dc = PresetConfigs.of("diehl-cook");
        UnaryOperator<StdpRunConfig> plasticIe = c -> with(c, "projections", c.projections().stream()
                .map(pc -> pc.name().equals("i_e") ? with(pc, "plasticity", triplet) : pc).toList());
        NetworkFactory.validate(plasticIe.apply(dc), 784);
        SinceLastSpikeConfig since = new SinceLastSpikeConfig(5e-3, 10, 7.5);
        UnaryOperator<StdpRunConfig> sinceIe = c -> with(c, "projections", c.projections().stream()
                .map(pc -> pc.name().equals("i_e") ? with(pc, "plasticity", since) : pc).toList());
        Network conductances = NetworkFactory.build(sinceIe.apply(dc), 784, new SplittableRandom(1), Kernels.scalar());
        assertEquals(1, assertInstanceOf(SinceLastSpikeStdp.class, conductances.projection("i_e").plasticity()).sign());
        Network currents = NetworkFactory.build(sinceIe.apply(PresetConfigs.of("paper")), INPUTS, new SplittableRandom(1), Kernels.scalar());
        assertEquals(-1, assertInstanceOf(SinceLastSpikeStdp.class, currents.projection("i_e").plasticity()).sign());
    }

    /**
     * The memory check's estimate of each projection, without the dense matrix written at the end, is at least what the
     * built projection holds and at most twice that (a regular projection's weights and their initial copy; index
     * lists where a plastic one that is not dense builds them; a listed one's connector list and sort headroom), on
     * the presets' regular, listed, plastic and fixed projections.
     */
    @Test
    void theNetworkEstimateBoundsWhatTheProjectionsHold() {
        for (String preset : List.of("diehl-cook", "diehl-cook-recurrent", "paper", "paper-code")) {
            StdpRunConfig cfg = PresetConfigs.of(preset);
            int inputs = preset.startsWith("diehl") ? 784 : INPUTS;
            Network net = NetworkFactory.build(cfg, inputs, new SplittableRandom(3), Kernels.scalar());
            for (ProjectionConfig pc : cfg.projections()) {
                Projection p = net.projection(pc.name());
                double all = (double) p.pre().size() * p.post().size();
                double estimate = NetworkCheck.projectionBytes(pc, p.synapseCount(), all) - Float.BYTES * all;
                String what = preset + " " + pc.name() + ": estimate " + estimate + ", holds " + p.bytes();
                assertTrue(estimate >= p.bytes() && estimate <= 2 * p.bytes(), what);
            }
        }
    }
}
