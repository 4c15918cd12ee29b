package io.somnus.experiment.stdp;

import io.somnus.experiment.config.Choices;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.InputOnlyStep;
import io.somnus.experiment.config.LastStepSpikes;
import io.somnus.experiment.config.SimulationConfig;
import io.somnus.experiment.config.SleepConfig;
import io.somnus.experiment.config.SleepDelivery;
import io.somnus.experiment.config.StdpRunConfig;
import io.somnus.experiment.config.StreamFirstStep;
import io.somnus.experiment.config.StreamStartThreshold;
import io.somnus.experiment.config.ValidationStream;
import io.somnus.network.Network;
import io.somnus.neuron.CurrentLifPopulation;
import io.somnus.neuron.Population;
import io.somnus.plasticity.SinceLastSpikeStdp;
import io.somnus.synapse.Plasticity;
import io.somnus.synapse.Projection;
import java.util.Arrays;
import java.util.HashSet;

/**
 * The start of a training stream after the first ({@code simulation.stream_start}): rest, or the authors' batch start,
 * where synaptic current, threshold adaptation, spike times and the stream clock carry over and every membrane
 * starts at 0 mV (their later batches allocate the membrane record with {@code np.zeros} and start from its first
 * row: {@code src/big_comb.py:1962, 1997-2015 @40b7d33}).
 */
final class StreamStarts {
    private StreamStarts() { }

    /** Refuses a network the carried start cannot apply to: only current-LIF neurons have it. */
    static void checkCarried(Network net) {
        for (Population p : net.populations()) {
            if (p != net.input() && !(p instanceof CurrentLifPopulation)) {
                throw new ConfigException("simulation.stream_start: carried_v_zero is the authors' current-LIF batch start; "
                        + "population " + p.name() + " is " + p.getClass().getSimpleName() + " (use rest)");
            }
        }
    }

    /**
     * Refuses the choices that leave the spikes of a step out where no rule can ({@code simulation.stream_start_last_step}
     * or {@code sleep.last_wake_input: dropped} beside a plastic projection whose rule is not since-last-spike, which takes
     * each spike at the step it is emitted), and θ₀ at a stream's first step without the authors' spike test. The two
     * stream-start choices are checked only where a later stream starts carried ({@code carriedStart}): from rest they
     * change nothing (nothing is on its way, and the adaptation is 0), so paper-code with Somnus's own neuron and
     * streams from rest (scripts/bench-stdp, validation/paper_code) runs as before.
     */
    static void checkChoices(Network net, SimulationConfig sim, SleepConfig sleep, boolean carriedStart) {
        for (Projection p : net.projections()) {
            checkDroppedSpikes(p.name(), p.plasticity(), sim, sleep, carriedStart);
        }
        if (carriedStart && sim.streamFirstStep() == StreamFirstStep.INPUT_ONLY
                && sim.streamStartLastStep() != LastStepSpikes.DROPPED) {
            // the previous stream's last step would arrive with the first row at the second step, yet no rule would
            // see it: the input-only step learns nothing
            throw new ConfigException("simulation.stream_first_step: input_only takes the authors' batch start, whose "
                    + "previous batch's last step never arrives; with simulation.stream_start: carried_v_zero it needs "
                    + "simulation.stream_start_last_step: dropped (or use integrates)");
        }
        if (sim.inputOnlyStep() == InputOnlyStep.UNTIMED) {
            if (sim.streamFirstStep() != StreamFirstStep.INPUT_ONLY) {
                throw new ConfigException("simulation.input_only_step: untimed takes the input-only first step off the "
                        + "spike-time clock, and simulation.stream_first_step is "
                        + Choices.of(sim.streamFirstStep() == null ? StreamFirstStep.INTEGRATES : sim.streamFirstStep())
                        + ", which has no such step (use input_only, or input_only_step: timed)");
            }
            for (Projection p : net.projections()) {
                checkUntimedRow(p.name(), p.pre() == net.input(), p.plasticity(), sim);
            }
        }
        for (Projection p : net.projections()) {
            if (sleep.delivery() == SleepDelivery.AFTER_DECAY && (p.synapseDelays() != null || p.delaySteps() != 1)) {
                throw new ConfigException("sleep.delivery: after_decay delivers a sleep step's spikes once the "
                        + "weights have decayed, which needs every projection to deliver at the next step; projection "
                        + p.name() + " delays its spikes by more than one (use before_decay)");
            }
            if (sim.streamFirstStep() == StreamFirstStep.INPUT_ONLY && (p.synapseDelays() != null || p.delaySteps() != 1)) {
                throw new ConfigException("simulation.stream_first_step: input_only needs every projection to deliver at "
                        + "the next step; projection " + p.name() + " delays its spikes by more than one (use integrates)");
            }
        }
        if (carriedStart && sim.streamStartThreshold() == StreamStartThreshold.BASE) {
            for (Population p : net.populations()) {
                if (p != net.input() && !(p instanceof CurrentLifPopulation lif && lif.scheme().authorsSpikeTest())) {
                    throw new ConfigException("simulation.stream_start_threshold: base is the authors' spike test at a "
                            + "later stream's first step; population " + p.name() + " does not use that test (set "
                            + "simulation.spike_test: above_previous_clipped, or use carried)");
                }
            }
        }
    }

    /**
     * The checks of {@link #checkChoices} that depend on a projection's rule alone, for the configuration's
     * validation ({@code NetworkFactory.validate}: {@code --print-config}, a sweep's {@code --dry-run}), before any data
     * is loaded: a rule other than since-last-spike STDP, a rule of one's own ({@code rule: class}) included, under
     * {@code paper-code}'s stream modes.
     *
     * @param name     the projection's name
     * @param fromInput whether it leaves the input
     * @param rule     its rule, built; null for a static projection
     * @param carriedStart whether a later stream starts carried ({@code simulation.stream_start: carried_v_zero})
     */
    static void checkRule(String name, boolean fromInput, Plasticity rule, SimulationConfig sim, SleepConfig sleep,
                          boolean carriedStart) {
        checkDroppedSpikes(name, rule, sim, sleep, carriedStart);
        if (sim.inputOnlyStep() == InputOnlyStep.UNTIMED) {
            checkUntimedRow(name, fromInput, rule, sim);
        }
    }

    /** Refuses a rule other than since-last-spike STDP where a step's spikes are dropped (the field named first). */
    private static void checkDroppedSpikes(String name, Plasticity rule, SimulationConfig sim, SleepConfig sleep,
                                           boolean carriedStart) {
        String field = carriedStart && sim.streamStartLastStep() == LastStepSpikes.DROPPED
                ? "simulation.stream_start_last_step"
                : sleep.lastWakeInput() == LastStepSpikes.DROPPED ? "sleep.last_wake_input" : null;
        if (field != null && rule != null && !(rule instanceof SinceLastSpikeStdp)) {
            throw new ConfigException(field + ": dropped leaves the last step's spikes out of the next step's "
                    + "since-last-spike STDP; projection " + name + " learns by " + rule.name() + " (projections."
                    + name + ".plasticity), which takes each spike at its own step (use delivered)");
        }
    }

    /** Refuses a rule other than since-last-spike STDP on a projection from the input under {@code input_only_step: untimed}. */
    private static void checkUntimedRow(String name, boolean fromInput, Plasticity rule, SimulationConfig sim) {
        if (fromInput && rule != null && !(rule instanceof SinceLastSpikeStdp)) {
            throw new ConfigException("simulation.input_only_step: untimed gives the first row's input spikes no "
                    + "spike time, which only since-last-spike STDP can visit; projection " + name + " learns by "
                    + rule.name() + " (projections." + name + ".plasticity) (use timed)");
        }
    }

    /**
     * Refuses {@code readout.validation_stream: carried} where there is no validation stream of early stopping (the
     * frozen readout's) or a population whose current and adaptation it cannot carry (only current-LIF neurons).
     */
    static void checkValidationStream(Network net, StdpRunConfig cfg) {
        if (cfg.readout().validationStream() != ValidationStream.CARRIED) {
            return;
        }
        if (!cfg.readout().fromTraining()) {
            throw new ConfigException("readout.validation_stream: carried is the start of early stopping's validation "
                    + "stream, which only readout.source: training has (use rest)");
        }
        for (Population p : net.populations()) {
            if (p != net.input() && !(p instanceof CurrentLifPopulation)) {
                throw new ConfigException("readout.validation_stream: carried carries the current-LIF neurons' current "
                        + "and adaptation; population " + p.name() + " is " + p.getClass().getSimpleName() + " (use rest)");
            }
        }
    }

    /** The authors' batch start: every current-LIF membrane to 0 mV, all other state (and the clock) kept. */
    static void carriedWithMembraneAtZero(Network net) {
        carriedWithMembraneAtZero(net, false, false);
    }

    /**
     * As {@link #carriedWithMembraneAtZero(Network)}; {@code dropLastStep}: the spikes of the previous stream's last step
     * are taken back (never delivered, not seen by STDP at the first step: {@link Network#dropLastStepSpikes}), as the
     * authors' batch starts from row 0 of its own arrays ({@code src/train.py:393-394 @40b7d33}); {@code baseThreshold}:
     * the first step's spike test compares V with θ₀ (their fresh threshold array, {@code big_comb.py:1549-1553, 2010}).
     */
    static void carriedWithMembraneAtZero(Network net, boolean dropLastStep, boolean baseThreshold) {
        if (dropLastStep) {
            net.dropLastStepSpikes(new HashSet<>(net.populations()));
        }
        for (Population p : net.populations()) {
            if (p instanceof CurrentLifPopulation lif) {
                Arrays.fill(lif.membrane(), 0, lif.size(), 0f);
                if (baseThreshold) {
                    lif.testBaseThresholdOnce();
                }
            }
        }
    }
}
