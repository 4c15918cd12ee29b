package io.somnus.experiment.stdp;

import io.somnus.core.NumberText;
import io.somnus.experiment.config.AllToAllConfig;
import io.somnus.experiment.config.Choices;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.EncodingConfig;
import io.somnus.experiment.config.EncodingKind;
import io.somnus.experiment.config.MembraneIntegration;
import io.somnus.experiment.config.NearestPairConfig;
import io.somnus.experiment.config.NeuronModel;
import io.somnus.experiment.config.PlasticityConfig;
import io.somnus.experiment.config.PopulationConfig;
import io.somnus.experiment.config.ProjectionConfig;
import io.somnus.experiment.config.SinceLastSpikeConfig;
import io.somnus.experiment.config.SleepConfig;
import io.somnus.experiment.config.SleepLaw;
import io.somnus.experiment.config.SpikeTest;
import io.somnus.experiment.config.StdpRunConfig;
import io.somnus.experiment.config.TraceIntegration;
import io.somnus.experiment.config.TripletConfig;
import io.somnus.experiment.config.WeightInit;
import io.somnus.neuron.ConductanceLifParameters;
import io.somnus.neuron.CurrentLifParameters;
import io.somnus.synapse.Receptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the field domains cannot see because it takes two fields: neuron, synapse, input and time-step values that
 * are each in range but together make the model meaningless or its integration wrong (refused, {@link #refuseNetwork}, {@link #refuseInput}), or
 * are legal but unusual enough to say so (warned, {@link #warnings}). The rules are listed in docs/configuration.md
 * ("Physically odd values"); no bundled preset or study meets any of them.
 */
public final class PhysicalParameters {
    private PhysicalParameters() { }

    /**
     * Refuses the network's meaningless values: a time constant that forward Euler integrates shorter than the step
     * (the factor 1 − dt/τ kept per step is negative: the state alternates in sign and grows), a membrane clipped
     * below the threshold (the population can never spike), and initial weights of the sign the post-synaptic neuron
     * cannot take (a negative conductance; an excitatory current that inhibits or an inhibitory one that excites).
     *
     * @throws ConfigException naming the field, the value and what is allowed
     */
    static void refuseNetwork(StdpRunConfig cfg) {
        double dt = cfg.simulation().dtMs();
        boolean euler = cfg.simulation().integration() == MembraneIntegration.EULER;
        for (PopulationConfig pc : cfg.populations()) {
            switch (pc.model()) {
                case CURRENT_LIF -> {
                    CurrentLifParameters p = NetworkFactory.withParams(CurrentLifParameters.PAPER, pc);
                    // the population's own list (CurrentLifPopulation.checkTimeStep), named by configuration field
                    p.forwardEulerTimeConstantsMs(euler).forEach((name, tauMs) -> eulerStep(pc, name, tauMs, dt));
                    boolean authors = cfg.simulation().spikeTest() == SpikeTest.ABOVE_PREVIOUS_CLIPPED;
                    // the kernel clips V to [v_min, v_max] before the spike test; the authors' test compares with the
                    // threshold clipped to [-90, 0] mV and needs V strictly above it
                    double threshold = authors ? Math.min(Math.max(p.vThresholdMv(), -90), 0) : p.vThresholdMv();
                    if (authors ? p.vMaxMv() <= threshold : p.vMaxMv() < threshold) {
                        throw new ConfigException(field(pc, "v_max_mv") + " = " + shown(pc, "v_max_mv", p.vMaxMv())
                                + ": the membrane is clipped to it before the spike test, and it is "
                                + (authors ? "not above" : "below") + " the threshold (" + (authors
                                ? "v_threshold_mv clipped to [-90, 0] mV = " + NumberText.of(threshold) : "v_threshold_mv = " + NumberText.of(threshold))
                                + " mV), so population " + pc.name() + " could never spike; allowed: a v_max_mv "
                                + (authors ? "above" : "at or above") + " the threshold");
                    }
                    // the same clip lifts V from a reset below v_min to v_min a step later: the reset asked for is not
                    // the one the neuron makes (as a spike probability the encoder would clip)
                    if (p.vResetMv() < p.vMinMv()) {
                        throw new ConfigException(field(pc, "v_reset_mv") + " = " + shown(pc, "v_reset_mv", p.vResetMv())
                                + ": below v_min_mv = " + shown(pc, "v_min_mv", p.vMinMv()) + ", the membrane's lower "
                                + "clip, which lifts V of population " + pc.name() + " back to v_min_mv the step after "
                                + "each reset, so the reset would be v_min_mv's; allowed: v_reset_mv >= v_min_mv (or a "
                                + "lower v_min_mv)");
                    }
                }
                case CONDUCTANCE_LIF -> {
                    ConductanceLifParameters p = NetworkFactory.withParams(NetworkFactory.conductanceDefaults(pc), pc);
                    // conductances and θ decay by forward Euler under either integration (ConductanceLifPopulation)
                    p.forwardEulerTimeConstantsMs(euler).forEach((name, tauMs) -> eulerStep(pc, name, tauMs, dt));
                }
                case CLASS -> { } // the class checks its own parameters and step (ClassNeurons, checkTimeStep)
            }
        }
        for (ProjectionConfig pc : cfg.projections()) {
            PopulationConfig post = population(cfg, pc.post());
            if (post == null) {
                continue; // NetworkFactory.validate names the unknown population
            }
            boolean uniform = pc.init() == WeightInit.UNIFORM;
            double low = uniform ? Math.min(pc.weightLow(), pc.weight()) : pc.weight();
            double high = uniform ? Math.max(pc.weightLow(), pc.weight()) : pc.weight();
            String where = "projections." + pc.name();
            String weights = uniform ? where + ".weight_low, weight = U(" + NumberText.of(pc.weightLow()) + ", "
                    + NumberText.of(pc.weight()) + ")"
                    : where + ".weight = " + NumberText.of(pc.weight());
            String receptor = Choices.of(pc.receptor());
            if (post.model() == NeuronModel.CONDUCTANCE_LIF && low < 0) {
                throw new ConfigException(weights + ": negative, but population " + post.name() + " is conductance_lif, "
                        + "where a weight is a conductance, which cannot be negative (the receptor, " + receptor
                        + ", sets its reversal potential); allowed: weights >= 0");
            }
            if (post.model() == NeuronModel.CURRENT_LIF && pc.receptor() == Receptor.EXCITATORY && low < 0) {
                throw new ConfigException(weights + ": negative, but the projection is excitatory onto current-based "
                        + "population " + post.name() + ", where a negative weight would inhibit; allowed: weights >= 0 "
                        + "(give the projection receptor: inhibitory for negative weights)");
            }
            if (post.model() == NeuronModel.CURRENT_LIF && pc.receptor() == Receptor.INHIBITORY && high > 0) {
                throw new ConfigException(weights + ": positive, but the projection is inhibitory onto current-based "
                        + "population " + post.name() + ", where a positive weight would excite; allowed: weights <= 0");
            }
        }
    }

    /**
     * Refuses input that the encoding cannot produce: a spike probability per step above 1, which the encoders would
     * clip to 1 without a word. {@code inputs} is the number of pixels after preprocessing.
     *
     * @throws ConfigException naming the field, the value and what is allowed
     */
    static void refuseInput(StdpRunConfig cfg, int inputs) {
        EncodingConfig e = cfg.encoding();
        double dt = cfg.simulation().dtMs();
        if (e.kind() == EncodingKind.BERNOULLI || e.kind() == EncodingKind.POISSON) {
            // shown again brighter while the readout fires fewer than min_spikes (Presentation)
            double most = e.minSpikes() > 0 && e.maxPresentations() > 1
                    ? e.intensity() + (e.maxPresentations() - 1) * e.intensityStep() : e.intensity();
            String intensity = most == e.intensity() ? "encoding.intensity = " + NumberText.of(e.intensity())
                    : "the last presentation's intensity, encoding.intensity + (max_presentations − 1) × intensity_step = "
                    + num(most);
            // raw intensities reach 1; normalised images average normalise_sum / inputs, so some pixel reaches that
            double normalise = cfg.dataset().normaliseSum();
            double pixel = normalise > 0 ? normalise / inputs : 1;
            String pixelWords = normalise > 0 ? "a pixel of the mean value, dataset.normalise_sum / inputs = "
                    + NumberText.of(normalise) + " / " + inputs + " = " + num(pixel) + " (every image has one at least that bright),"
                    : "a pixel of 1 (dataset.normalise_sum = 0: raw intensities in [0, 1])";
            boolean poisson = e.kind() == EncodingKind.POISSON;
            double p = poisson ? pixel * e.maxRateHz() * most * dt / 1000 : pixel * most;
            if (p > 1) {
                String culprit = poisson ? "encoding.max_rate_hz = " + NumberText.of(e.maxRateHz())
                        : "encoding.intensity = " + NumberText.of(e.intensity());
                throw new ConfigException(culprit + ": " + pixelWords + " at " + intensity
                        + (poisson ? " and simulation.dt_ms = " + NumberText.of(dt) : "") + " would spike with probability " + num(p)
                        + " per step, which the " + Choices.of(e.kind()) + " encoder clips to 1; allowed: "
                        + (poisson ? "pixel × max_rate_hz × intensity × dt_ms / 1000 <= 1 (here max_rate_hz <= "
                        + num(e.maxRateHz() / p) + ")" : "pixel × intensity <= 1 (here intensity <= "
                        + num(1 / pixel - (most - e.intensity())) + ")"));
            }
        }
        double sleepP = cfg.sleep().inputRateHz() * dt / 1000;
        if (sleepP > 1) {
            throw new ConfigException("sleep.input_rate_hz = " + NumberText.of(cfg.sleep().inputRateHz()) + ": at simulation.dt_ms = "
                    + NumberText.of(dt) + " an input would spike with probability " + num(sleepP) + " per step, which is clipped to 1; "
                    + "allowed: input_rate_hz × dt_ms / 1000 <= 1 (here input_rate_hz <= " + num(1000 / dt) + ")");
        }
    }

    /**
     * The legal but unusual values of a configuration that {@link #refuseNetwork} and {@link #refuseInput} accept, one
     * sentence each naming the field and its value; empty for every bundled preset.
     */
    public static List<String> warnings(StdpRunConfig cfg) {
        List<String> out = new ArrayList<>();
        double dt = cfg.simulation().dtMs();
        boolean euler = cfg.simulation().integration() == MembraneIntegration.EULER;
        for (PopulationConfig pc : cfg.populations()) {
            if (pc.model() == NeuronModel.CLASS) {
                continue; // a neuron of one's own: its parameters are the class's to judge
            }
            Neuron n = switch (pc.model()) {
                case CURRENT_LIF -> {
                    CurrentLifParameters p = NetworkFactory.withParams(CurrentLifParameters.PAPER, pc);
                    if (!euler) {
                        exactStep(out, pc, "tau_membrane_ms", p.tauMembraneMs(), dt);
                        exactStep(out, pc, "tau_synapse_ms", p.tauSynapseMs(), dt);
                    }
                    if (p.adaptationMv() < 0) {
                        out.add(field(pc, "adaptation_mv") + " = " + num(p.adaptationMv()) + " is negative: each spike "
                                + "lowers population " + pc.name() + "'s threshold, so firing makes it fire more");
                    }
                    yield new Neuron(p.vRestMv(), p.vThresholdMv(), "v_threshold_mv = " + num(p.vThresholdMv()),
                            p.vResetMv(), p.refractoryMs());
                }
                case CONDUCTANCE_LIF -> {
                    ConductanceLifParameters p = NetworkFactory.withParams(NetworkFactory.conductanceDefaults(pc), pc);
                    double rest = p.vRestMv();
                    if (!euler) {
                        exactStep(out, pc, "tau_membrane_ms", p.tauMembraneMs(), dt);
                    }
                    if (p.eExcitatoryMv() <= rest) {
                        out.add(field(pc, "e_excitatory_mv") + " = " + num(p.eExcitatoryMv()) + " is at or below the "
                                + "resting potential (v_rest_mv = " + num(rest) + "): excitatory input pulls population "
                                + pc.name() + " down, not toward its threshold");
                    }
                    if (p.eInhibitoryMv() >= rest) {
                        out.add(field(pc, "e_inhibitory_mv") + " = " + num(p.eInhibitoryMv()) + " is at or above the "
                                + "resting potential (v_rest_mv = " + num(rest) + "): inhibitory input depolarises "
                                + "population " + pc.name());
                    }
                    if (p.thetaPlusMv() < 0) {
                        out.add(field(pc, "theta_plus_mv") + " = " + num(p.thetaPlusMv()) + " is negative: each spike "
                                + "lowers population " + pc.name() + "'s threshold, so firing makes it fire more");
                    }
                    // the threshold a neuron starts with: V_th − offset + θ (Diehl & Cook's E: −72 + 20 = −52 mV)
                    double threshold = p.vThresholdMv() - p.thresholdOffsetMv() + p.thetaInitialMv();
                    yield new Neuron(rest, threshold, "v_threshold_mv − threshold_offset_mv + theta_initial_mv = "
                            + num(threshold), p.vResetMv(), p.refractoryMs());
                }
                case CLASS -> throw new AssertionError(pc.name()); // passed over above
            };
            double rest = n.restMv();
            double threshold = n.thresholdMv();
            String thresholdWords = n.thresholdWords();
            double reset = n.resetMv();
            double refractory = n.refractoryMs();
            if (threshold <= rest) {
                out.add("population " + pc.name() + "'s threshold (" + thresholdWords + " mV) is at or below its resting "
                        + "potential (v_rest_mv = " + num(rest) + " mV): it fires with no input at all");
            }
            if (reset >= threshold) {
                out.add(field(pc, "v_reset_mv") + " = " + num(reset) + " is at or above the threshold (" + thresholdWords
                        + " mV): a neuron of population " + pc.name() + " is reset to where it fires again as soon as "
                        + "it is no longer refractory");
            }
            double steps = refractory / dt;
            long whole = Math.max(1, Math.round(steps));
            if (refractory > 0 && Math.abs(steps - Math.round(steps)) > 1e-9 * Math.max(1, steps)) {
                out.add(field(pc, "refractory_ms") + " = " + num(refractory) + " is not a whole number of steps of "
                        + "simulation.dt_ms = " + num(dt) + ": population " + pc.name() + " is refractory for " + whole
                        + (whole == 1 ? " step" : " steps") + " (" + num(whole * dt) + " ms)");
            }
        }
        sleepDecayStep(out, cfg, dt);
        for (ProjectionConfig pc : cfg.projections()) {
            PlasticityConfig rule = pc.plasticity();
            String where = "projections." + pc.name() + ".plasticity.";
            if (rule instanceof NearestPairConfig n) {
                traceStep(out, where + "tau_plus_ms", n.tauPlusMs(), dt);
                traceStep(out, where + "tau_minus_ms", n.tauMinusMs(), dt);
            } else if (rule instanceof AllToAllConfig a) {
                traceStep(out, where + "tau_plus_ms", a.tauPlusMs(), dt);
                traceStep(out, where + "tau_minus_ms", a.tauMinusMs(), dt);
            } else if (rule instanceof SinceLastSpikeConfig s) {
                traceStep(out, where + "tau_ltp_ms", s.tauLtpMs(), dt);
                traceStep(out, where + "tau_ltd_ms", s.tauLtdMs(), dt);
            } else if (rule instanceof TripletConfig t && t.traces() != TraceIntegration.EULER) {
                // Euler traces shorter than dt are refused by the rule itself (ExponentialTraces.checkedTauMs)
                traceStep(out, where + "tau_pre_ms", t.tauPreMs(), dt);
                traceStep(out, where + "tau_post1_ms", t.tauPost1Ms(), dt);
                traceStep(out, where + "tau_post2_ms", t.tauPost2Ms(), dt);
            }
        }
        return out;
    }

    /** The values every neuron model's warnings compare (mV, ms); the threshold is the one a neuron starts with. */
    private record Neuron(double restMv, double thresholdMv, String thresholdWords, double resetMv, double refractoryMs) { }

    private static void eulerStep(PopulationConfig pc, String name, double tauMs, double dt) {
        if (tauMs < dt) {
            throw new ConfigException(field(pc, name) + " = " + shown(pc, name, tauMs) + ": shorter than "
                    + "simulation.dt_ms = " + NumberText.of(dt) + "; forward Euler keeps 1 − dt/τ of it per step, which is negative "
                    + "(the variable alternates in sign, and grows once dt > 2τ); allowed: a time constant >= simulation.dt_ms "
                    + "(or a smaller dt_ms)");
        }
    }

    private static void exactStep(List<String> out, PopulationConfig pc, String name, double tauMs, double dt) {
        if (tauMs < dt) {
            out.add(field(pc, name) + " = " + num(tauMs) + " is shorter than simulation.dt_ms = " + num(dt) + ": its "
                    + "decay is integrated exactly, but it keeps only " + percent(Math.exp(-dt / tauMs)) + " of itself "
                    + "per step, so the step resolves none of its time course");
        }
    }

    /**
     * The linear sleep law relaxes each weight toward its target exactly (exp(−K·dt/τ_sleep) per application, every
     * K = decay_every_steps steps): a τ_sleep under that interval is legal, but the weights reach the target within
     * an application, so sleep's time course is not resolved.
     */
    private static void sleepDecayStep(List<String> out, StdpRunConfig cfg, double dt) {
        SleepConfig s = cfg.sleep();
        if (s.law() != SleepLaw.LINEAR) {
            return; // tau_sleep_ms is read by the linear law only
        }
        int k = s.decayEverySteps();
        double interval = k * dt;
        if (s.tauSleepMs() < interval) {
            out.add("sleep.tau_sleep_ms = " + num(s.tauSleepMs()) + " is shorter than "
                    + (k == 1 ? "simulation.dt_ms = " + num(dt) : "the " + num(interval) + " ms between decay steps "
                    + "(sleep.decay_every_steps = " + k + " × simulation.dt_ms = " + num(dt) + ")") + ": the linear "
                    + "sleep law decays exactly, but a weight keeps only " + percent(Math.exp(-interval / s.tauSleepMs()))
                    + " of its distance to the sleep target per decay step, so it is at the target almost at once");
        }
    }

    private static void traceStep(List<String> out, String field, double tauMs, double dt) {
        if (tauMs < dt) {
            out.add(field + " = " + num(tauMs) + " is shorter than simulation.dt_ms = " + num(dt) + ": a trace keeps "
                    + percent(Math.exp(-dt / tauMs)) + " of itself per step, so pairs of spikes a step or more apart "
                    + "barely change a weight");
        }
    }

    private static PopulationConfig population(StdpRunConfig cfg, String name) {
        for (PopulationConfig p : cfg.populations()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    private static String field(PopulationConfig pc, String name) {
        return "populations." + pc.name() + ".params." + name;
    }

    /** The value, and whose default it is when the configuration does not set it. */
    private static String shown(PopulationConfig pc, String name, double value) {
        if (pc.params() != null && pc.params().containsKey(name)) {
            return NumberText.of(value);
        }
        String defaults = pc.defaults() != null ? Choices.of(pc.defaults())
                : pc.model() == NeuronModel.CURRENT_LIF ? "paper" : "diehl_cook_e";
        return NumberText.of(value) + " (the " + defaults + " default)";
    }

    /** A derived number (a probability, a bound) to 4 significant digits, spelled as {@link NumberText} spells any. */
    private static String num(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return NumberText.of(x);
        }
        return NumberText.of(Double.parseDouble(String.format(Locale.ROOT, "%.4g", x)));
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2g%%", 100 * fraction);
    }
}
