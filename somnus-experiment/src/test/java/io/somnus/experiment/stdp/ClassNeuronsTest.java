package io.somnus.experiment.stdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.encoding.PoissonEncoder;
import io.somnus.encoding.SpikeTrain;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.StdpRunConfig;
import io.somnus.experiment.stdp.neurons.DeclaredSize;
import io.somnus.experiment.stdp.neurons.MapParamsNeuron;
import io.somnus.experiment.stdp.neurons.Pacemaker;
import io.somnus.experiment.stdp.neurons.ThresholdLearner;
import io.somnus.kernel.Kernels;
import io.somnus.network.Network;
import io.somnus.network.SpikeCounter;
import io.somnus.neuron.Population;
import io.somnus.readout.SpikeCounts;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A researcher's own neuron in a configuration ({@code model: class}): loaded, bound, run; and each mistake named. */
class ClassNeuronsTest {
    private static final int INPUTS = 784;
    private static final String WHERE = "populations.e";

    /** diehl-cook with population e (20 neurons) replaced by {@code e}, and I → E silent (weight 0). */
    private static StdpRunConfig withE(Map<String, Object> e, Object... more) {
        Object[] settings = new Object[4 + more.length];
        settings[0] = "populations.e";
        settings[1] = e;
        settings[2] = "projections.i_e.weight";
        settings[3] = 0;
        System.arraycopy(more, 0, settings, 4, more.length);
        return PresetConfigs.of("diehl-cook", settings);
    }

    private static Map<String, Object> neuron(String className, Object params) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", "e");
        e.put("model", "class");
        e.put("class_name", className);
        e.put("size", 20);
        e.put("size_of", null);
        e.put("params", params);
        return e;
    }

    private static Map<String, Object> pacemaker(Object drive, Object threshold) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("drive_mv_per_ms", drive);
        p.put("threshold_mv", threshold);
        return neuron(Pacemaker.class.getName(), p);
    }

    private static String refusal(Map<String, Object> e, Object... more) {
        return assertThrows(ConfigException.class, () -> NetworkFactory.validate(withE(e, more), INPUTS)).getMessage();
    }

    /**
     * The class named is built with its name, size and params, and the network runs it: without input, neuron i of
     * the pacemaker gains 0.25 mV/ms × (i + 1) × 0.5 ms = (i + 1)/8 mV a step and spikes at 1 mV, so every
     * ⌈8 / (i + 1)⌉ steps: in 100 ms (200 steps) 25, 50, 66, 100, 100, 100, 100, then 200 spikes.
     */
    @Test
    void aNeuronClassNamedInTheConfigurationIsBuiltAndSpikesAsComputedByHand() {
        StdpRunConfig cfg = withE(pacemaker(0.25, 1));
        Network net = NetworkFactory.build(cfg, INPUTS, new SplittableRandom(3), Kernels.scalar());
        Pacemaker e = (Pacemaker) net.population("e");
        assertSame(Pacemaker.last, e);
        assertEquals(new Pacemaker.Params(0.25, 1), e.params(), "drive_mv_per_ms binds driveMvPerMs");
        assertEquals(20, e.size());
        assertEquals(20, net.population("i").size(), "size_of e: the class population's size");
        SpikeCounter counter = net.count(e);
        net.run(100, PoissonEncoder.ofRatesHz(), new float[INPUTS], true, new SplittableRandom(4));
        int steps = (int) Math.round(100 / cfg.simulation().dtMs());
        assertEquals(200, steps);
        for (int i = 0; i < 20; i++) {
            int every = (8 + i) / (i + 1); // ⌈8 / (i + 1)⌉
            assertEquals(steps / every, counter.counts()[i], "neuron " + i);
        }
        assertEquals(25, counter.counts()[0]);
        assertEquals(66, counter.counts()[2]);
    }

    /**
     * What a neuron class learns of its own stays as trained in the frozen readout's evaluation, as the built-in θ does:
     * with θ = 1 mV learned and a blank image (no input), neuron i of the {@link ThresholdLearner} reaches 1 + θ = 2 mV
     * at (i + 1)/8 mV a step every ⌈16 / (i + 1)⌉ steps, so in a presentation of 700 steps neuron 0 spikes 43 times,
     * θ stays 1 on the evaluation's copy and on the network. The same copy not frozen learns: its k-th spike needs
     * 1 + k mV, 8·(k + 1) steps, and 8·(2 + … + 12) = 616 ≤ 700 < 720 = 8·(2 + … + 13): 11 spikes, θ = 12 mV.
     */
    @Test
    void aNeuronClassKeepsItsLearnedStateFrozenInTheEvaluation() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("drive_mv_per_ms", 0.25);
        params.put("threshold_mv", 1);
        params.put("theta_plus_mv", 1);
        StdpRunConfig cfg = withE(neuron(ThresholdLearner.class.getName(), params));
        Network net = NetworkFactory.build(cfg, INPUTS, new SplittableRandom(3), Kernels.scalar());
        double[] learned = new double[20];
        Arrays.fill(learned, 1.0);
        System.arraycopy(learned, 0, net.population("e").learnedState().get("theta_mv"), 0, 20);
        Presentation presentation = new Presentation(cfg.simulation().stepsPerImage(), cfg.simulation().dtMs(),
                cfg.encoding().intensity(), cfg.encoding().minSpikes(), cfg.encoding().intensityStep(),
                cfg.encoding().maxPresentations());
        assertEquals(700, presentation.steps());
        FrozenEvaluator evaluator = new FrozenEvaluator(Encoders.create(cfg.encoding()), presentation, 1);
        SpikeCounts counts = evaluator.features(net, "e", new float[][] {new float[INPUTS]}, 5);
        ThresholdLearner evaluated = ThresholdLearner.last;
        assertArrayEquals(learned, evaluated.learnedState().get("theta_mv"), "θ on the evaluation's copy");
        assertArrayEquals(learned, net.population("e").learnedState().get("theta_mv"), "θ of the network");
        for (int i = 0; i < 20; i++) {
            int every = (16 + i) / (i + 1); // ⌈16 / (i + 1)⌉
            assertEquals(700 / every, counts.count(0, i), "neuron " + i);
        }
        assertEquals(43, counts.count(0, 0));

        Network unfrozen = net.copyForEvaluation();
        SpikeCounter counter = unfrozen.count(unfrozen.population("e"));
        SpikeTrain train = new SpikeTrain();
        presentation.present(unfrozen, Encoders.create(cfg.encoding()), new float[INPUTS], false,
                new SplittableRandom(5), train, counter);
        assertEquals(11, counter.counts()[0]);
        assertEquals(12.0, unfrozen.population("e").learnedState().get("theta_mv")[0], "θ learned without the freeze");
    }

    /**
     * A class population too large for the heap gets the memory check's message (45 000 E and I neurons: I → E
     * all-but-self holds 2.0·10⁹ synapses, tens of GiB), and is not built before it, which could exhaust the heap.
     */
    @Test
    void aNeuronClassBeyondTheHeapGetsTheMemoryMessageBeforeItIsBuilt() {
        Pacemaker before = Pacemaker.last;
        Map<String, Object> e = pacemaker(0.25, 1);
        e.put("size", 45_000);
        String m = refusal(e);
        assertTrue(m.startsWith("the network needs about ") && m.contains(" of memory but the Java heap is "), m);
        assertSame(before, Pacemaker.last, "not built before the memory check");
    }

    private static Map<String, Object> declaring(long bytesPerNeuron) {
        return neuron(DeclaredSize.class.getName(), Map.of("bytes_per_neuron", bytesPerNeuron));
    }

    /**
     * The memory check counts a class population at the bytes a neuron it declares ({@code bytesPerNeuron}): 20 neurons
     * of 2⁴⁰ bytes (1 TiB) each, 20 TiB, are refused with the memory check's message naming the population, where the
     * same network at the built-in 64 bytes a neuron is taken.
     */
    @Test
    void aNeuronClassDeclaringMoreBytesPerNeuronThanTheHeapHoldsGetsTheMemoryMessage() {
        long tib = 1L << 40;
        assertTrue(20.0 * tib > Runtime.getRuntime().maxMemory());
        NetworkFactory.validate(withE(declaring(Population.BYTES_PER_NEURON)), INPUTS);
        String m = refusal(declaring(tib));
        assertTrue(m.startsWith("the network needs about 20480.0 GiB of memory but the Java heap is "), m);
        assertTrue(m.contains("(largest: populations.e (20 neurons × " + tib + " bytes, " + DeclaredSize.class.getName()
                + "'s bytesPerNeuron)); lower the population sizes"), m);
        assertTrue(refusal(declaring(-1)).startsWith(WHERE + ".class_name = " + DeclaredSize.class.getName() + ": its "
                + "bytesPerNeuron() is -1; "));
    }

    /**
     * The configuration check builds a class population and hands it over: the build from what the check returned
     * takes it, its constructor running once for both; a second build from it, a build of the configuration alone
     * (after a check whose result was dropped: nothing is kept between calls) and a run of another configuration
     * construct their own.
     */
    @Test
    void theBuildTakesThePopulationTheCheckBuilt() {
        StdpRunConfig cfg = withE(declaring(64));
        int before = DeclaredSize.BUILT.get();
        CheckedNetwork checked = NetworkFactory.validate(cfg, INPUTS);
        DeclaredSize built = DeclaredSize.last;
        Network net = NetworkFactory.build(checked, new SplittableRandom(1), Kernels.scalar());
        assertEquals(before + 1, DeclaredSize.BUILT.get(), "constructed once, by the check");
        assertSame(built, net.population("e"));
        Network again = NetworkFactory.build(checked, new SplittableRandom(1), Kernels.scalar());
        assertEquals(before + 2, DeclaredSize.BUILT.get(), "a checked population is taken once");
        assertSame(DeclaredSize.last, again.population("e"));
        NetworkFactory.validate(cfg, INPUTS);
        Network alone = NetworkFactory.build(cfg, INPUTS, new SplittableRandom(1), Kernels.scalar());
        assertEquals(before + 4, DeclaredSize.BUILT.get(), "a build handed nothing constructs its own");
        assertSame(DeclaredSize.last, alone.population("e"));
        assertFalse(NetworkFactory.validate(cfg, INPUTS).checks(withE(declaring(65)), INPUTS));
        assertFalse(NetworkFactory.validate(cfg, INPUTS).checks(cfg, INPUTS + 1));
    }

    /**
     * {@code simulation.integration: euler} is refused, naming the field, when every population is a class, which
     * integrates itself; exponential is taken, and so is euler beside a built-in population, which it then steps.
     */
    @Test
    void eulerIntegrationIsRefusedWhenEveryPopulationIsAClass() {
        Map<String, Object> i = declaring(64);
        i.put("name", "i");
        i.put("size", 0);
        i.put("size_of", "e");
        assertEquals("simulation.integration: euler chooses the built-in neurons' membrane update, and every "
                + "population of this run, [e, i], is a neuron of one's own, which integrates itself; it would change "
                + "nothing (use exponential)",
                refusal(pacemaker(0.25, 1), "populations.i", i, "simulation.integration", "euler"));
        NetworkFactory.validate(withE(pacemaker(0.25, 1), "populations.i", i, "simulation.integration", "exponential"),
                INPUTS);
        NetworkFactory.validate(withE(pacemaker(0.25, 1), "simulation.integration", "euler"), INPUTS);
    }

    /** A class taking Map<String, Object> gets the section as written. */
    @Test
    void aNeuronMayTakeItsParamsAsAMap() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("rate", 0.5);
        params.put("mode", "fast");
        NetworkFactory.build(withE(neuron(MapParamsNeuron.class.getName(), params)), INPUTS, new SplittableRandom(1),
                Kernels.scalar());
        assertEquals(params, MapParamsNeuron.lastParams);
    }

    @Test
    void aClassNotFoundNotAPopulationAbstractOrWithoutTheConstructorIsRefusedByName() {
        assertTrue(refusal(neuron("org.example.NoSuchNeuron", Map.of())).startsWith(WHERE + ".class_name = "
                + "org.example.NoSuchNeuron: no such class on the class path; looked in "));
        assertEquals(WHERE + ".class_name = java.lang.String: not a neuron model; the class must extend "
                + "io.somnus.neuron.Population (docs/configuration.md, \"Your own neuron\")",
                refusal(neuron("java.lang.String", Map.of())));
        String m = refusal(neuron("io.somnus.neuron.Population", Map.of()));
        assertTrue(m.startsWith(WHERE + ".class_name = io.somnus.neuron.Population: abstract, so it cannot be built; "
                + "a neuron class needs exactly one public constructor (String name, int size, PARAMS params)"), m);
        m = refusal(neuron("io.somnus.neuron.SpikeSource", Map.of()));
        assertTrue(m.startsWith(WHERE + ".class_name = io.somnus.neuron.SpikeSource: no suitable constructor; a neuron "
                + "class needs exactly one public constructor (String name, int size, PARAMS params), PARAMS its "
                + "parameters' record or Map<String, Object>; its public constructors: (String, int)"), m);
    }

    /** A parameter the class refuses is named with its field: its own exception's message, or the binding's. */
    @Test
    void aParameterTheClassRefusesIsNamedWithItsField() {
        assertEquals(WHERE + ".params: " + Pacemaker.class.getName() + " refused its parameters: threshold_mv must be "
                + "> 0, got 0.0", refusal(pacemaker(0.25, 0)));
        String theirs = "; the parameters of " + Pacemaker.class.getName() + " (" + Pacemaker.Params.class.getName()
                + "): drive_mv_per_ms, threshold_mv";
        Map<String, Object> typo = pacemaker(0.25, 1);
        typo.put("params", Map.of("drive_mv_per_ms", 0.25, "threshold_mv", 1, "treshold_mv", 1));
        assertEquals(WHERE + ".params.treshold_mv: not a parameter of the neuron" + theirs, refusal(typo));
        Map<String, Object> missing = pacemaker(0.25, 1);
        missing.put("params", Map.of("drive_mv_per_ms", 0.25));
        assertEquals(WHERE + ".params.threshold_mv: missing; give every parameter" + theirs, refusal(missing));
        String m = refusal(pacemaker("strong", 1));
        assertTrue(m.startsWith(WHERE + ".params.drive_mv_per_ms: cannot bind the parameters to "
                + Pacemaker.Params.class.getName()), m);
        Map<String, Object> notASection = pacemaker(0.25, 1);
        notASection.put("params", 3);
        m = assertThrows(ConfigException.class, () -> withE(notASection)).getMessage();
        assertTrue(m.contains(WHERE + ".params") && m.contains("not a section of fields"), m);
    }

    /** A built-in model's field on a class population, and a choice only the built-in neurons have, are refused. */
    @Test
    void theBuiltInModelsFieldsAndChoicesAreRefusedByName() {
        Map<String, Object> withDefaults = pacemaker(0.25, 1);
        withDefaults.put("defaults", "diehl_cook_e");
        String m = assertThrows(ConfigException.class, () -> withE(withDefaults)).getMessage();
        assertTrue(m.startsWith("unknown configuration field 'populations.e.defaults'; allowed under populations.e "
                + "for model stdp, model class: name, model, size, size_of, class_name, params (defaults belongs to model "
                + "current_lif or conductance_lif)"), m);
        assertEquals("simulation.spike_test: above_previous_clipped is the current LIF's (the authors' code); population "
                + "e is a neuron of one's own, " + Pacemaker.class.getName() + ", which spikes by its own test (use "
                + "at_or_above)", refusal(pacemaker(0.25, 1), "simulation.spike_test", "above_previous_clipped"));
        assertTrue(refusal(pacemaker(0.25, 1), "simulation.stream_start", "carried_v_zero")
                .startsWith("simulation.stream_start: carried_v_zero is the authors' current-LIF batch start; "));
    }

    /**
     * Inhibitory weights that would excite a class population whose receptors add into one current are refused before
     * the network is built, naming the projection; negative ones are taken.
     */
    @Test
    void positiveInhibitoryWeightsOntoOneCurrentAreRefusedByName() {
        Map<String, Object> shared = neuron(MapParamsNeuron.class.getName(), Map.of("share_one_current", true));
        assertEquals("projections.i_e.weight: positive, but the projection is inhibitory onto population e, "
                + MapParamsNeuron.class.getName() + ", whose receptors add into one current (receptorsShareOneCurrent), "
                + "where a positive weight would excite; allowed: weights <= 0 (and w_max <= 0)",
                refusal(shared, "projections.i_e.weight", 17));
        NetworkFactory.validate(withE(shared, "projections.i_e.weight", -2, "projections.i_e.w_min", null,
                "projections.i_e.w_max", 0), INPUTS);
        NetworkFactory.validate(withE(neuron(MapParamsNeuron.class.getName(), Map.of()), "projections.i_e.weight", 17),
                INPUTS);
    }

    /**
     * A configured run whose neuron class keeps no resume snapshot takes none, and a resume of it is refused naming the
     * population and the class; a class with writeState and readState is resumable.
     */
    @Test
    void aNeuronWithoutWriteStateIsRefusedByNameForAResume() {
        StdpRunConfig cfg = withE(pacemaker(0.25, 1));
        String m = assertThrows(ConfigException.class, () -> ClassNeurons.requireResumable(cfg)).getMessage();
        assertEquals("this run cannot go on from a resume snapshot: the neuron model of population e, "
                + Pacemaker.class.getName() + " (" + WHERE + ".class_name), keeps no resume snapshot (it does not "
                + "override Population.writeState and readState), so the run took none; run it again", m);
        Network net = NetworkFactory.build(cfg, INPUTS, new SplittableRandom(1), Kernels.scalar());
        assertEquals("the neuron model (" + Pacemaker.class.getName() + ") of population e keeps no resume snapshot "
                + "(it does not override Population.writeState and readState)",
                ClassNeurons.populationWithoutSnapshot(cfg, net));
        StdpRunConfig resumable = withE(neuron(MapParamsNeuron.class.getName(), Map.of()));
        ClassNeurons.requireResumable(resumable);
        assertNull(ClassNeurons.populationWithoutSnapshot(resumable, NetworkFactory.build(resumable, INPUTS,
                new SplittableRandom(1), Kernels.scalar())));
    }
}
