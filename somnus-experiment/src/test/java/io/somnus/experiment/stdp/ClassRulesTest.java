package io.somnus.experiment.stdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.encoding.PoissonEncoder;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.StdpRunConfig;
import io.somnus.experiment.stdp.rules.MapParamsRule;
import io.somnus.experiment.stdp.rules.PostSpikeStep;
import io.somnus.kernel.Kernels;
import io.somnus.network.Network;
import io.somnus.network.SpikeCounter;
import io.somnus.synapse.Projection;
import java.io.File;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A researcher's own rule in a configuration ({@code rule: class}): loaded, bound, run; and each mistake named. */
class ClassRulesTest {
    private static final int INPUTS = 784;
    private static final String WHERE = "projections.input_e.plasticity";

    /** diehl-cook, 20 E neurons, input_e learning by {@code rule} (its weights neither normalised nor bounded above). */
    private static StdpRunConfig withRule(Object rule) {
        return PresetConfigs.of("diehl-cook", "populations.e.size", 20, "populations.i.size", 20,
                "projections.input_e.normalise", 0, "projections.input_e.w_max", null,
                "projections.input_e.plasticity", rule);
    }

    private static Map<String, Object> rule(String className, Map<String, Object> params) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("rule", "class");
        r.put("class_name", className);
        r.put("params", params);
        return r;
    }

    private static Map<String, Object> stepRule(Object step) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("step", step);
        p.put("tau_dummy_ms", 5);
        return rule(PostSpikeStep.class.getName(), p);
    }

    private static String refusal(Object rule) {
        return assertThrows(ConfigException.class, () -> NetworkFactory.validate(withRule(rule), INPUTS)).getMessage();
    }

    /**
     * The class named is built with the section's params bound to its record and the run's dt, and the network runs
     * it: every synapse onto an E neuron grew by step × that neuron's spike count (counted by the network, apart from
     * the rule).
     */
    @Test
    void aRuleClassNamedInTheConfigurationIsBuiltAndRuns() {
        StdpRunConfig cfg = withRule(stepRule(0.001));
        Network net = NetworkFactory.build(cfg, INPUTS, new SplittableRandom(3), Kernels.scalar());
        Projection p = net.projection("input_e");
        PostSpikeStep rule = (PostSpikeStep) p.plasticity();
        assertSame(PostSpikeStep.BUILT.peek(), rule);
        assertEquals(new PostSpikeStep.Params(0.001, 5), rule.params(), "tau_dummy_ms binds tauDummyMs");
        assertEquals(cfg.simulation().dtMs(), rule.dtMs());
        SpikeCounter e = net.count(net.population("e"));
        float[] before = p.weights().clone();
        float[] rates = new float[INPUTS];
        Arrays.fill(rates, 60f);
        net.run(100, PoissonEncoder.ofRatesHz(), rates, true, new SplittableRandom(4));
        assertTrue(e.total() > 0, "the E neurons spiked");
        float[] after = p.weights();
        for (int s = 0; s < after.length; s++) {
            int j = p.postIndex()[s];
            assertEquals(before[s] + 0.001 * e.counts()[j], after[s], 1e-6 * (1 + e.counts()[j]), "synapse " + s);
        }
    }

    /** A rule taking Map<String, Object> gets the section as written. */
    @Test
    void aRuleMayTakeItsParamsAsAMap() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("rate", 0.5);
        params.put("mode", "fast");
        NetworkFactory.build(withRule(rule(MapParamsRule.class.getName(), params)), INPUTS, new SplittableRandom(1),
                Kernels.scalar());
        assertEquals(params, MapParamsRule.lastParams);
    }

    /** A class not found names where it was looked for: the class path's entries, or SOMNUS_CLASSPATH's under the launcher. */
    @Test
    void aClassNotFoundSaysWhereItWasLookedFor() {
        String m = refusal(rule("org.example.NoSuchRule", Map.of()));
        String first = System.getProperty("java.class.path").split(File.pathSeparator)[0];
        assertTrue(m.startsWith(WHERE + ".class_name = org.example.NoSuchRule: no such class on the class path; "
                + "looked in the class path, [" + first), m);
        String saved = System.getProperty(ClassRules.USER_CLASS_PATH);
        try {
            System.setProperty(ClassRules.USER_CLASS_PATH, "/nonexistent/rules.jar");
            m = refusal(rule("org.example.NoSuchRule", Map.of()));
            assertTrue(m.contains("looked in SOMNUS_CLASSPATH, [/nonexistent/rules.jar (no such file or directory)], "
                    + "and Somnus's own jars"), m);
            System.setProperty(ClassRules.USER_CLASS_PATH, "");
            m = refusal(rule("org.example.NoSuchRule", Map.of()));
            assertTrue(m.contains("SOMNUS_CLASSPATH is not set"), m);
        } finally {
            if (saved == null) {
                System.clearProperty(ClassRules.USER_CLASS_PATH);
            } else {
                System.setProperty(ClassRules.USER_CLASS_PATH, saved);
            }
        }
    }

    @Test
    void aClassThatIsNoRuleOrHasNoSuitableConstructorIsRefusedByName() {
        assertEquals(WHERE + ".class_name = java.lang.String: not a learning rule; the class must implement "
                + "io.somnus.synapse.Plasticity (docs/configuration.md, \"Your own rule\")",
                refusal(rule("java.lang.String", Map.of())));
        String m = refusal(rule("io.somnus.plasticity.TripletStdp", Map.of()));
        assertTrue(m.startsWith(WHERE + ".class_name = io.somnus.plasticity.TripletStdp: no suitable constructor; a rule "
                + "class needs exactly one public constructor (PARAMS params, double dtMs)")
                && m.endsWith("its public constructors: (double, double, double, double, double, double, boolean)"), m);
    }

    /** A parameter the class refuses is named with its field: its own exception's message, or the binding's. */
    @Test
    void aParameterTheClassRefusesIsNamedWithItsField() {
        assertEquals(WHERE + ".params: " + PostSpikeStep.class.getName() + " refused its parameters: step must be >= 0, "
                + "got -1.0", refusal(stepRule(-1)));
        String theirs = "; the parameters of " + PostSpikeStep.class.getName() + " (" + PostSpikeStep.Params.class.getName()
                + "): step, tau_dummy_ms";
        Map<String, Object> typo = new LinkedHashMap<>(stepRule(1));
        typo.put("params", Map.of("stepp", 1, "step", 1, "tau_dummy_ms", 5));
        assertEquals(WHERE + ".params.stepp: not a parameter of the rule" + theirs, refusal(typo));
        Map<String, Object> missing = new LinkedHashMap<>(stepRule(1));
        missing.put("params", Map.of("step", 1));
        assertEquals(WHERE + ".params.tau_dummy_ms: missing; give every parameter" + theirs, refusal(missing));
        String m = refusal(stepRule("much"));
        assertTrue(m.startsWith(WHERE + ".params.step: cannot bind the parameters to "), m);
        Map<String, Object> notASection = new LinkedHashMap<>(stepRule(1));
        notASection.put("params", 3);
        m = assertThrows(ConfigException.class, () -> withRule(notASection)).getMessage();
        assertTrue(m.contains(WHERE + ".params") && m.contains("not a section of fields"), m);
    }

    /**
     * paper-code's stream modes feed only since-last-spike STDP: a rule of one's own there is refused as the
     * configuration resolves ({@code --print-config}, a sweep's {@code --dry-run}), before any data loads, naming the
     * stream field and the projection's plasticity; with streams from rest, the last wake step delivered and the first
     * row timed, it is taken.
     */
    @Test
    void aRuleOfOnesOwnUnderPaperCodesStreamModesIsRefusedAsTheConfigurationResolves() {
        String ours = "projection input_e learns by post-spike-step (" + WHERE + ")";
        ConfigException e = assertThrows(ConfigException.class,
                () -> PresetConfigs.of("paper-code", "projections.input_e.plasticity", stepRule(0.001)));
        assertTrue(e.getMessage().startsWith("simulation.stream_start_last_step: dropped ")
                && e.getMessage().contains(ours), e.getMessage());
        e = assertThrows(ConfigException.class, () -> PresetConfigs.of("paper-code", "projections.input_e.plasticity",
                stepRule(0.001), "simulation.stream_start", "rest"));
        assertTrue(e.getMessage().startsWith("sleep.last_wake_input: dropped ") && e.getMessage().contains(ours),
                e.getMessage());
        e = assertThrows(ConfigException.class, () -> PresetConfigs.of("paper-code", "projections.input_e.plasticity",
                stepRule(0.001), "simulation.stream_start", "rest", "sleep.last_wake_input", "delivered"));
        assertTrue(e.getMessage().startsWith("simulation.input_only_step: untimed ") && e.getMessage().contains(ours),
                e.getMessage());
        StdpRunConfig taken = PresetConfigs.of("paper-code", "projections.input_e.plasticity", stepRule(0.001),
                "simulation.stream_start", "rest", "sleep.last_wake_input", "delivered",
                "simulation.input_only_step", "timed");
        NetworkFactory.validate(taken, INPUTS);
    }

    /**
     * A configured run whose rule keeps no resume snapshot takes none, and a resume of it is refused naming the
     * projection and the class; a rule with writeState and readState is resumable.
     */
    @Test
    void aRuleWithoutWriteStateIsRefusedByNameForAResume() {
        StdpRunConfig cfg = withRule(stepRule(0.001));
        String m = assertThrows(ConfigException.class, () -> ClassRules.requireResumable(cfg)).getMessage();
        assertEquals("this run cannot go on from a resume snapshot: the rule of projection input_e, "
                + PostSpikeStep.class.getName() + " (" + WHERE + ".class_name), keeps no resume snapshot (it does not "
                + "implement Plasticity.writeState and readState), so the run took none; run it again", m);
        Network net = NetworkFactory.build(cfg, INPUTS, new SplittableRandom(1), Kernels.scalar());
        assertEquals("the post-spike-step rule (" + PostSpikeStep.class.getName() + ") of projection input_e keeps no "
                + "resume snapshot (it does not implement Plasticity.writeState and readState)",
                StdpTraining.ruleWithoutSnapshot(net));
        StdpRunConfig resumable = withRule(rule(MapParamsRule.class.getName(), Map.of()));
        ClassRules.requireResumable(resumable);
        assertNull(StdpTraining.ruleWithoutSnapshot(NetworkFactory.build(resumable, INPUTS, new SplittableRandom(1),
                Kernels.scalar())));
    }
}
