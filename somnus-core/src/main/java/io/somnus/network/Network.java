package io.somnus.network;

import io.somnus.core.NumberText;
import io.somnus.encoding.SpikeEncoder;
import io.somnus.encoding.SpikeTrain;
import io.somnus.neuron.Population;
import io.somnus.neuron.SpikeSource;
import io.somnus.plasticity.WeightNormalisation;
import io.somnus.synapse.Projection;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * Populations and projections simulated together, event-driven, at a fixed step {@code dtMs}.
 * One step:
 * <ol>
 *   <li>every population integrates (consuming the input delivered at the previous step) and emits spikes;</li>
 *   <li>every projection delivers the spikes of its presynaptic population (only their outgoing synapses): those
 *       emitted this step, or through a delay line those that arrive this step; and, if plastic, then updates its
 *       weights (pre events, then post events) — right after its own
 *       delivery, while the rows it touched are in cache; no rule reads another projection's weights or the
 *       delivered input, so this equals delivering everything first;</li>
 *   <li>monitors record.</li>
 * </ol>
 * A step with no spike does no synaptic work. The per-step loop allocates nothing.
 */
public final class Network {
    private final double dtMs;
    private final SpikeSource input;
    private final List<Population> populations;
    private final List<Projection> projections;
    private final Map<Projection, WeightNormalisation> normalisations;
    private final List<SpikeCounter> counters = new ArrayList<>();
    private final List<SpikeRaster> rasters = new ArrayList<>();
    private final List<StateMonitor> states = new ArrayList<>();
    /** Steps since the last {@link #resetState()}: the clock of {@link #presentContinuing} and {@link #stepStream}. */
    private int streamStep;
    /** The last step simulated since the last reset (−1: none): steps must increase, spike times are kept in them. */
    private int lastStep = -1;

    /**
     * A network of {@code populations} joined by {@code projections} (PyNN's populations and projections, Brian2's
     * {@code Network}), stepped every {@code dtMs}.
     *
     * @param dtMs           the time step (ms), finite and &gt; 0; each plastic projection's rule must be built for it
     * @param input          the input source, one of {@code populations}: what {@link #present} and {@link #run} play
     * @param populations    every population including {@code input}, in integration order, each named once
     * @param projections    every projection, each named once, between populations of the network
     * @param normalisations projections whose incoming weights are renormalised after each plastic presentation
     *                       ({@code Map.of()} for none); their weights must be non-negative
     * @throws IllegalArgumentException naming the population or projection: a dt that is not finite and &gt; 0 or that
     *                                  a population's time constant or a plastic projection's rule was not built for,
     *                                  two populations or projections of one name, an input not among the
     *                                  populations, a projection onto the input or from or to a population not among
     *                                  them, a normalisation of a projection not among them or with a negative weight
     * @throws NullPointerException     for a null input, list or map
     */
    public Network(double dtMs, SpikeSource input, List<Population> populations, List<Projection> projections,
                   Map<Projection, WeightNormalisation> normalisations) {
        if (!(dtMs > 0 && Double.isFinite(dtMs))) {
            throw new IllegalArgumentException("dt_ms must be finite and > 0, got " + NumberText.of(dtMs));
        }
        Objects.requireNonNull(input, "input: the network's input SpikeSource");
        Objects.requireNonNull(populations, "populations");
        Objects.requireNonNull(projections, "projections");
        Objects.requireNonNull(normalisations, "normalisations (Map.of() for none)");
        if (!populations.contains(input)) {
            throw new IllegalArgumentException("the input source must be one of the populations");
        }
        Set<String> names = new HashSet<>();
        for (Population p : populations) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("two populations are named " + p.name() + "; give each its own name");
            }
            p.checkTimeStep(dtMs); // here, before a run, rather than at the first step
        }
        names.clear();
        for (Projection p : projections) {
            if (p.isPlastic() && p.plasticity().dtMs() != dtMs) {
                throw new IllegalArgumentException("projection " + p.name() + ": its " + p.plasticity().name()
                        + " rule was built for dt = " + NumberText.of(p.plasticity().dtMs()) + " ms, the network steps " + NumberText.of(dtMs) + " ms; its time "
                        + "constants would be off by their ratio: build the rule with the network's dt");
            }
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("two projections are named " + p.name() + "; give each its own name");
            }
            if (p.post() == input) { // a spike source plays its trains and ignores what it receives
                throw new IllegalArgumentException("projection " + p.name() + " ends on the input source "
                        + input.name() + ", which cannot receive synapses");
            }
            for (Population end : List.of(p.pre(), p.post())) {
                if (!populations.contains(end)) {
                    throw new IllegalArgumentException("projection " + p.name() + " connects population " + end.name()
                            + ", which is not in the network's populations " + populations.stream()
                            .map(Population::name).toList() + ": add it, or it never integrates");
                }
            }
        }
        for (Projection p : normalisations.keySet()) {
            if (!projections.contains(p)) {
                throw new IllegalArgumentException("a normalisation is given for projection " + p.name() + ", which is "
                        + "not in the network's projections: add it, or drop the normalisation");
            }
            // a column sum of negative weights gives a negative scale, which would flip every weight's sign
            String negative = null;
            float[] w = p.weights();
            for (int s = 0; s < w.length && negative == null; s++) {
                negative = w[s] < 0 ? "synapse " + s + " has weight " + w[s] : null;
            }
            if (negative == null && w.length > 0 && p.wMax() <= 0) {
                negative = "its upper bound is " + p.wMax();
            }
            if (negative != null) {
                throw new IllegalArgumentException("projection " + p.name() + ": weight normalisation scales column "
                        + "sums of non-negative weights, and " + negative);
            }
        }
        this.dtMs = dtMs;
        this.input = input;
        this.populations = List.copyOf(populations);
        this.projections = List.copyOf(projections);
        this.normalisations = new LinkedHashMap<>(normalisations);
    }

    /** The time step (ms) of every step, wake and sleep. */
    public double dtMs() {
        return dtMs;
    }

    /** The network's input source, which {@link #present} plays its spike trains into. */
    public SpikeSource input() {
        return input;
    }

    /** Every population, the input included, in integration order (unmodifiable). */
    public List<Population> populations() {
        return populations;
    }

    /** Every projection, in the order given (unmodifiable). */
    public List<Projection> projections() {
        return projections;
    }

    /**
     * The population named {@code name}.
     *
     * @throws IllegalArgumentException naming the populations there are, for a name none has
     */
    public Population population(String name) {
        for (Population p : populations) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no population named " + name + "; the network's populations are "
                + populations.stream().map(Population::name).toList());
    }

    /**
     * The projection named {@code name}.
     *
     * @throws IllegalArgumentException naming the projections there are, for a name none has
     */
    public Projection projection(String name) {
        for (Projection p : projections) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no projection named " + name + "; the network's projections are "
                + projections.stream().map(Projection::name).toList());
    }

    /**
     * Attaches a spike counter to a population; it records every step from now on (the only way to attach one).
     *
     * @return the counter, which {@link #detach} stops
     * @throws IllegalArgumentException for a population not in this network
     */
    public SpikeCounter count(Population p) {
        requireMember(p);
        SpikeCounter c = new SpikeCounter(p);
        counters.add(c);
        return c;
    }

    /**
     * Attaches a raster to a population; it records every step from now on, wake and sleep (the only way to attach
     * one; {@link #detach} stops it).
     *
     * @throws IllegalArgumentException for a population not in this network
     */
    public SpikeRaster raster(Population p) {
        requireMember(p);
        SpikeRaster r = new SpikeRaster(p);
        rasters.add(r);
        return r;
    }

    /**
     * Attaches a state monitor: {@code variable} (one of {@link Population#stateVariables()}, e.g. {@code v}) of the
     * given neurons, or of every neuron when none are given, after every step from now on.
     *
     * @throws IllegalArgumentException naming the population's variables, or its neuron range; for a population not
     *                                  in this network
     */
    public StateMonitor state(Population p, String variable, int... neurons) {
        requireMember(p);
        StateMonitor m = new StateMonitor(p, variable,
                neurons.length == 0 ? IntStream.range(0, p.size()).toArray() : neurons);
        states.add(m);
        return m;
    }

    /** Refuses a monitor on a population this network does not step: it would record nothing. */
    private void requireMember(Population p) {
        Objects.requireNonNull(p, "population");
        if (!populations.contains(p)) {
            throw new IllegalArgumentException("population " + p.name() + " is not in this network (its populations: "
                    + populations.stream().map(Population::name).toList() + "), so a monitor on it would record nothing");
        }
    }

    /**
     * Stops a counter, raster or state monitor of this network from recording; what it recorded stays readable.
     *
     * @throws IllegalArgumentException for an object that is not a monitor attached to this network
     */
    public void detach(Object monitor) {
        if (!counters.remove(monitor) && !rasters.remove(monitor) && !states.remove(monitor)) {
            throw new IllegalArgumentException("not a monitor attached to this network: " + monitor);
        }
    }

    /**
     * Detaches every counter, raster and state monitor ({@link #detach} of each; what they recorded stays readable to
     * whoever holds them): a network handed on starts with the monitors its new user attaches.
     */
    public void detachMonitors() {
        counters.clear();
        rasters.clear();
        states.clear();
    }

    /**
     * Advances the network one step.
     *
     * @param step       steps since the last reset of the dynamic state, from 0 (spike times and refractory periods
     *                   are kept in these steps)
     * @param plastic    whether plasticity rules run
     * @param noiseStdMv Gaussian membrane noise σ per step on every neuron (mV; sleep); 0 awake
     * @param rng        the noise's source (and a silenced input's spontaneous spikes')
     * @throws IllegalArgumentException for a negative step, a step not after the last one since the reset, or a noise
     *                                  that is negative or not finite
     */
    public void step(int step, boolean plastic, double noiseStdMv, RandomGenerator rng) {
        step(step, plastic, noiseStdMv, rng, Set.of());
    }

    /**
     * As {@link #step(int, boolean, double, RandomGenerator)}, except that the projections ending on {@code deliverLater}
     * do not deliver this step's spikes: {@link #deliverLastStep} delivers them, with the weights as they are then
     * (their rules still run at this step). Sleep delivers so after a step's decay, as the authors' loop delivers a sleep
     * step's spikes at its next update, after that step's {@code sleep_func} ({@code src/train.py:611-632, 646, 654-666
     * @40b7d33}). Their waiting input holds nothing until then (their integration consumed it).
     *
     * @throws IllegalStateException for a projection to one of {@code deliverLater} with a delay of more than one step
     */
    public void step(int step, boolean plastic, double noiseStdMv, RandomGenerator rng,
                     Set<Population> deliverLater) {
        if (!deliverLater.isEmpty()) {
            requireNextStepDelivery(deliverLater, "delivered after the step");
        }
        if (step < 0) {
            throw new IllegalArgumentException("network steps count from 0 at the last reset, got step " + step);
        }
        if (!(noiseStdMv >= 0 && noiseStdMv < Double.POSITIVE_INFINITY)) { // NaN or negative read as no noise
            throw new IllegalArgumentException("membrane noise must be a standard deviation >= 0 mV and finite, got "
                    + NumberText.of(noiseStdMv));
        }
        if (step <= lastStep) {
            throw new IllegalArgumentException("network step " + step + " after step " + lastStep + ": steps increase "
                    + "from 0 at the last resetState() (spike times are kept in them); call resetState() to start again, "
                    + "or use stepStream(), which counts for you");
        }
        lastStep = step;
        for (int k = 0; k < populations.size(); k++) {
            populations.get(k).integrate(step, dtMs, noiseStdMv, rng);
        }
        for (int k = 0; k < projections.size(); k++) {
            Projection p = projections.get(k);
            p.advanceDelay(step);
            boolean learns = plastic && p.isPlastic();
            boolean first = learns && p.plasticity().updatesBeforeDelivery();
            if (first) {
                p.plasticity().apply(p, step);
            }
            if (deliverLater.isEmpty() || !deliverLater.contains(p.post())) {
                p.propagate();
            }
            if (learns && !first) {
                p.plasticity().apply(p, step);
            }
        }
        recordMonitors();
    }

    /**
     * Presents one input from rest: resets the dynamic state, replays {@code train} for its steps and,
     * when plastic, renormalises the projections that ask for it.
     *
     * @throws IllegalArgumentException for a train that is not finished or has a source outside the input population
     */
    public void present(SpikeTrain train, boolean plastic, RandomGenerator rng) {
        resetState();
        input.play(train);
        int steps = train.numSteps();
        for (int t = 0; t < steps; t++) {
            step(t, plastic, 0.0, rng);
        }
        input.play(null);
        if (plastic) {
            normalise();
        }
    }

    /**
     * Presents one input without resetting: the network runs on from wherever the previous presentation (or sleep)
     * left it, as one continuous stream of steps numbered from the last {@link #resetState()} (the authors' code,
     * docs/fidelity.md §1.2). When plastic, renormalises the projections that ask for it.
     */
    public void presentContinuing(SpikeTrain train, boolean plastic, RandomGenerator rng) {
        presentContinuing(train, plastic, 0.0, rng);
    }

    /**
     * As {@link #presentContinuing(SpikeTrain, boolean, RandomGenerator)} with Gaussian membrane noise of
     * {@code noiseStdMv} on every neuron each step, drawn from {@code rng} (the authors' wake noise).
     */
    public void presentContinuing(SpikeTrain train, boolean plastic, double noiseStdMv, RandomGenerator rng) {
        presentContinuing(train, plastic, noiseStdMv, rng, false);
    }

    /**
     * Runs the network on for {@code durationMs} ms of simulated time, its input driven by {@code encoder} from
     * {@code values} (Brian2's {@code run(duration)}, PyNN's {@code sim.run(t_ms)}): encodes {@code durationMs / dtMs}
     * steps of spikes from {@code rng}, then plays them as {@link #presentContinuing(SpikeTrain, boolean, RandomGenerator)}
     * does, without resetting, so successive runs are one continuous stream (monitors record every step; when
     * {@code plastic}, the projections that ask for it are renormalised at the end). The same spikes, bit for bit, as
     * encoding a {@link SpikeTrain} of those steps by hand and presenting it so.
     *
     * @param durationMs simulated time in ms, &gt; 0 and a whole number of steps of {@link #dtMs()}
     * @param encoder    how {@code values} become spikes, e.g. {@code PoissonEncoder.ofRatesHz()} for rates in Hz
     * @param values     one value per input neuron (rates, pixels: as the encoder reads them), at intensity 1
     * @param plastic    whether plasticity rules run
     * @throws IllegalArgumentException naming {@code durationMs} when it is not a positive whole number of steps, or
     *                                  {@code values} when they are not one per input neuron
     */
    public void run(double durationMs, SpikeEncoder encoder, float[] values, boolean plastic, RandomGenerator rng) {
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(values, "values: one per input neuron");
        if (values.length != input.size()) {
            throw new IllegalArgumentException("values: " + values.length + " given, one per neuron of the input "
                    + input.name() + " (" + input.size() + ") wanted");
        }
        SpikeTrain train = new SpikeTrain();
        encoder.encode(values, 1.0, steps(durationMs), dtMs, rng, train);
        presentContinuing(train, plastic, rng);
    }

    /**
     * Runs the network on for {@code durationMs} ms of simulated time with its input silent and no membrane noise:
     * {@link #runSilent(double, boolean, double, double, RandomGenerator)} with noise and input rate 0. A network at
     * rest stays at rest (and a plastic one's weights where they are); one that was active runs down.
     *
     * @param durationMs simulated time in ms, &gt; 0 and a whole number of steps of {@link #dtMs()}
     * @param plastic    whether plasticity rules run
     * @throws IllegalArgumentException naming {@code durationMs} when it is not a positive whole number of steps
     */
    public void runSilent(double durationMs, boolean plastic, RandomGenerator rng) {
        runSilent(durationMs, plastic, 0.0, 0.0, rng);
    }

    /**
     * Runs the network on for {@code durationMs} ms of simulated time on spontaneous activity alone, as a sleep
     * episode drives it ({@link io.somnus.sleep.SleepPhase}, without its weight decay): the input is silenced, but
     * for a spontaneous Poisson rate of {@code inputRateHz} per input neuron, and every other neuron's membrane
     * takes Gaussian noise of σ = {@code noiseStdMv} each step, drawn from {@code rng} (Brian2's {@code run(duration)}
     * with a {@code PoissonGroup} at {@code inputRateHz} and an {@code xi} term, PyNN's {@code sim.run(t_ms)} with a
     * {@code NoisyCurrentSource}). As {@link #run}, without resetting: successive runs are one continuous stream
     * (monitors record every step; when {@code plastic}, the projections that ask for it are renormalised at the end,
     * as after a presentation, which a sleep episode does not). The input plays no train afterwards, and has no
     * spontaneous rate; the next {@link #run} or presentation gives it one.
     *
     * @param durationMs  simulated time in ms, &gt; 0 and a whole number of steps of {@link #dtMs()}
     * @param plastic     whether plasticity rules run
     * @param noiseStdMv  Gaussian membrane noise σ per step (mV), &gt;= 0 (the paper's sleep: 2)
     * @param inputRateHz the silenced inputs' spontaneous rate (Hz), &gt;= 0 (the paper's sleep: 0); each input neuron
     *                    spikes at a step with probability {@code inputRateHz·dt/1000} (at most 1)
     * @param rng         the noise's and the spontaneous spikes' source
     * @throws IllegalArgumentException naming {@code durationMs} when it is not a positive whole number of steps, or
     *                                  {@code noiseStdMv} or {@code inputRateHz} when negative or not finite; the
     *                                  network is left as it was
     */
    public void runSilent(double durationMs, boolean plastic, double noiseStdMv, double inputRateHz,
                          RandomGenerator rng) {
        int steps = steps(durationMs);
        if (!(noiseStdMv >= 0 && Double.isFinite(noiseStdMv))) {
            throw new IllegalArgumentException("noiseStdMv: the membrane noise must be a standard deviation >= 0 mV and "
                    + "finite, got " + NumberText.of(noiseStdMv));
        }
        if (!(inputRateHz >= 0 && Double.isFinite(inputRateHz))) {
            throw new IllegalArgumentException("inputRateHz: the input's spontaneous rate must be >= 0 Hz and finite, "
                    + "got " + NumberText.of(inputRateHz));
        }
        Objects.requireNonNull(rng, "rng");
        input.silence(inputRateHz);
        try {
            for (int t = 0; t < steps; t++) {
                stepStream(plastic, noiseStdMv, rng);
            }
        } finally {
            input.silence(0);
        }
        if (plastic) {
            normalise();
        }
    }

    /** The steps of {@code durationMs}, refused unless a positive whole number of steps of dt (up to rounding). */
    private int steps(double durationMs) {
        double steps = durationMs / dtMs;
        long whole = Math.round(steps);
        if (!(durationMs > 0) || !Double.isFinite(durationMs) || whole > Integer.MAX_VALUE
                || Math.abs(steps - whole) > 1e-9 * Math.max(1, steps)) {
            throw new IllegalArgumentException("durationMs " + NumberText.of(durationMs) + ": run for a positive whole "
                    + "number of steps of dt = " + NumberText.of(dtMs) + " ms");
        }
        return (int) whole;
    }

    /** One step of the continuous stream (see {@link #presentContinuing}); the input plays whatever it was given. */
    public void stepStream(boolean plastic, double noiseStdMv, RandomGenerator rng) {
        step(streamStep++, plastic, noiseStdMv, rng);
    }

    /**
     * One step of the continuous stream whose spikes to {@code deliverLater} wait for {@link #deliverLastStep} (see
     * {@link #step(int, boolean, double, RandomGenerator, java.util.Set)}).
     */
    public void stepStream(boolean plastic, double noiseStdMv, RandomGenerator rng, Set<Population> deliverLater) {
        step(streamStep++, plastic, noiseStdMv, rng, deliverLater);
    }

    /**
     * As {@link #presentContinuing(SpikeTrain, boolean, double, RandomGenerator)}; {@code firstStepInputOnly}: the first
     * step is {@link #stepStreamInputOnly(RandomGenerator)}, so the train's first row arrives at the second step's integration (the
     * authors' batch: its first update integrates row 0 of its input, {@code src/train.py:393-394, 654-666 @40b7d33}).
     */
    public void presentContinuing(SpikeTrain train, boolean plastic, double noiseStdMv, RandomGenerator rng,
                                  boolean firstStepInputOnly) {
        presentContinuing(train, plastic, noiseStdMv, rng, firstStepInputOnly, false);
    }

    /**
     * As {@link #presentContinuing(SpikeTrain, boolean, double, RandomGenerator, boolean)}; {@code firstRowUntimed}
     * (with {@code firstStepInputOnly}): the input-only step takes no step of the clock and gives the first row's spikes
     * no spike time ({@link #playFirstRowUntimed}), as the authors' batch, whose row 0 is integrated at their first
     * update, t = 1, one spike_times increment after the previous batch's last (or after their counters' start at 0),
     * and never enters spike_times ({@code src/train.py:253, 393-394, 412, 654-695 @40b7d33}).
     */
    public void presentContinuing(SpikeTrain train, boolean plastic, double noiseStdMv, RandomGenerator rng,
                                  boolean firstStepInputOnly, boolean firstRowUntimed) {
        boolean untimed = firstStepInputOnly && firstRowUntimed;
        // untimed: the first row plays at the clock's last step, so the second row plays at the next one
        input.play(train, untimed ? streamStep - 1 : streamStep);
        int steps = train.numSteps();
        for (int t = 0; t < steps; t++) {
            if (t == 0 && untimed) {
                playFirstRowUntimed(plastic);
            } else if (t == 0 && firstStepInputOnly) {
                stepStreamInputOnly(rng);
            } else {
                stepStream(plastic, noiseStdMv, rng);
            }
        }
        input.play(null);
        if (plastic) {
            normalise();
        }
    }

    /**
     * The input-only step off the clock: the input plays the row of the clock's last step (the stream's first row:
     * {@link #presentContinuing(SpikeTrain, boolean, double, RandomGenerator, boolean, boolean)} placed it there)
     * without spike times and delivers it, for the next step's integration; the plastic projections from the input
     * visit its synapses at that step (when {@code plastic}) with the input's spike times as they stand
     * ({@link io.somnus.synapse.Plasticity#visitUntimedPreSpikes}). No other population integrates, spikes or changes
     * its spike times; the clock stands, so the next step is one step after the last (their t = 1 follows the previous
     * batch's t = T − 1 by one spike_times increment, {@code src/train.py:253 @40b7d33}). Monitors record as at any
     * step (a raster counts it as a step of its own).
     *
     * @throws IllegalStateException for a projection with a delay of more than one step
     */
    private void playFirstRowUntimed(boolean plastic) {
        requireNextStepDelivery(new HashSet<>(populations), "delivered by a step in which only the input "
                + "plays");
        for (int k = 0; k < populations.size(); k++) {
            Population p = populations.get(k);
            if (p == input) {
                input.playUntimed(streamStep - 1);
            } else {
                p.spikes().recordUntimed(0);
            }
        }
        for (int k = 0; k < projections.size(); k++) {
            Projection p = projections.get(k);
            if (p.pre() == input) {
                p.propagate();
                if (plastic && p.isPlastic()) {
                    p.plasticity().visitUntimedPreSpikes(p, streamStep - 1);
                }
            }
        }
        recordMonitors();
    }

    /**
     * One step of the stream in which only the input plays: it emits its spikes of the step and delivers them, for the
     * next step's integration; no other population integrates (no decay, no noise drawn, no spike: their state and
     * spike times stand, the input they have waiting too) and no plasticity rule runs. Monitors record as at any
     * step. The authors' loop has no such step: it starts at t = 1, whose update integrates row 0 of the input
     * ({@code spikes_prev = spikes[0]}, {@code src/train.py:393-394, 654-666 @40b7d33}); Somnus's input plays at the
     * step it is emitted, so this step is how a stream's first row reaches the first update that integrates.
     *
     * @throws IllegalStateException for a projection with a delay of more than one step (its spikes in flight would
     *                               arrive at a step whose target does not integrate)
     */
    public void stepStreamInputOnly(RandomGenerator rng) {
        for (Projection p : projections) {
            if (p.synapseDelays() != null || p.delaySteps() != 1) {
                throw new IllegalStateException("projection " + p.name() + " delays its spikes by more than one step; "
                        + "a step in which only the input plays needs every projection to deliver at the next step");
            }
        }
        int step = streamStep++;
        if (step <= lastStep) {
            throw new IllegalStateException("network step " + step + " after step " + lastStep);
        }
        lastStep = step;
        for (int k = 0; k < populations.size(); k++) {
            Population p = populations.get(k);
            if (p == input) {
                p.integrate(step, dtMs, 0.0, rng);
            } else {
                p.spikes().record(0, step); // no spike at this step; last spike times stand
            }
        }
        for (int k = 0; k < projections.size(); k++) {
            Projection p = projections.get(k);
            if (p.pre() == input) {
                p.propagate();
            }
        }
        recordMonitors();
    }

    /**
     * Takes back the spikes that the populations in {@code dropped} emitted at the last step, for what follows: their
     * synaptic input, delivered at that step and waiting for the next step's integration, is withdrawn (each post
     * population's waiting input is rebuilt from the projections of the other populations, in their order, so it holds
     * the floats it would hold had those spikes not been), and at the next step the plastic projections' rules visit no
     * synapse for them ({@link io.somnus.synapse.Plasticity#dropSpikesOf}). Their spike times stand. The authors' loop
     * does this where it zeroes the spike vector it carries to the next step: the input spikes of the last wake step
     * before a sleep episode ({@code spikes_prev[:st] = 0}, {@code src/train.py:508 @40b7d33}), and every spike of a
     * batch's last step, since the next batch starts from row 0 of its own arrays ({@code train.py:393-394}).
     * Nothing happens before the first step since the last reset.
     *
     * @throws IllegalStateException for a projection from a dropped population with a delay of more than one step,
     *                               whose spikes of the last step are still on their way
     */
    public void dropLastStepSpikes(Set<Population> dropped) {
        if (lastStep < 0 || dropped.isEmpty()) {
            return;
        }
        rebuildWaitingInput(dropped);
        for (Projection p : projections) {
            if (p.isPlastic()) {
                p.plasticity().dropSpikesOf(p, lastStep, dropped.contains(p.pre()), dropped.contains(p.post()));
            }
        }
    }

    /**
     * Delivers the last step's spikes to {@code posts}, from every projection that ends on them, in their order, with
     * the weights as they are now: the delivery that {@link #step(int, boolean, double, RandomGenerator, java.util.Set)}
     * left for later (call it once after such a step, with the same populations). Sleep calls it after a step's decay.
     * The events count as at any delivery.
     */
    public void deliverLastStep(Set<Population> posts) {
        for (int k = 0; k < projections.size(); k++) {
            Projection p = projections.get(k);
            if (posts.contains(p.post())) {
                p.propagate();
            }
        }
    }

    /** Refuses a projection to one of {@code posts} whose spikes do not all arrive at the next step. */
    private void requireNextStepDelivery(Set<Population> posts, String what) {
        for (int k = 0; k < projections.size(); k++) {
            Projection p = projections.get(k);
            if (posts.contains(p.post()) && (p.synapseDelays() != null || p.delaySteps() != 1)) {
                throw new IllegalStateException("projection " + p.name() + " delays its spikes by more than one step, so "
                        + "its spikes cannot be " + what);
            }
        }
    }

    /**
     * Rebuilds the input waiting at the targets of {@code dropped}'s projections from the last step's spikes of every
     * other population, with the weights as they are now.
     */
    private void rebuildWaitingInput(Set<Population> dropped) {
        Set<Population> posts = new HashSet<>();
        for (Projection p : projections) {
            if (dropped.contains(p.pre())) {
                if (p.synapseDelays() != null || p.delaySteps() != 1) {
                    throw new IllegalStateException("projection " + p.name() + " delays its spikes by more than one "
                            + "step, so the last step's spikes of " + p.pre().name() + " cannot be taken back");
                }
                posts.add(p.post());
            }
        }
        for (Population post : posts) {
            Arrays.fill(post.excitatoryInput(), 0f);
            Arrays.fill(post.inhibitoryInput(), 0f);
        }
        for (Projection p : projections) {
            if (posts.contains(p.post()) && !dropped.contains(p.pre())) {
                if (p.synapseDelays() != null) {
                    throw new IllegalStateException("projection " + p.name() + " has a delay per synapse, so the input "
                            + "waiting at " + p.post().name() + " cannot be rebuilt without the spikes of "
                            + dropped.stream().map(Population::name).sorted().toList());
                }
                p.redeliver();
            }
        }
    }

    /**
     * Stops the simulation when a neuron's state or a weight has become NaN or infinite: checks every population's
     * state and the weights of every plastic projection (awake, static weights cannot change; sleep may decay
     * them too). Reads each value once and changes nothing, so calling it (e.g. once per presentation) leaves the
     * results as they were.
     *
     * @param when          when the check runs, for the message (e.g. "after training image 12 (simulation step 1200)");
     *                      built only when something is found, so a check costs no allocation
     * @param staticWeights also check the weights of static projections (after sleep, which may decay them)
     * @throws NonFiniteStateException naming the population or projection, the variable, the value and {@code when}
     */
    public void checkFinite(Supplier<String> when, boolean staticWeights) {
        for (Population p : populations) {
            String bad = p.firstNonFiniteState();
            if (bad != null) {
                throw new NonFiniteStateException("the simulation diverged: population " + p.name() + ": " + bad + " "
                        + when.get() + "; the configuration drives the dynamics out of range (lower learning rates, weights "
                        + "or simulation.dt_ms)");
            }
        }
        for (Projection p : projections) {
            if (!staticWeights && !p.isPlastic() && !normalisations.containsKey(p)) {
                continue;
            }
            int s = p.firstNonFiniteWeight();
            if (s >= 0) {
                throw new NonFiniteStateException("the simulation diverged: projection " + p.name() + ": weight of synapse "
                        + s + " (" + p.pre().name() + " " + p.preOf(s) + " → " + p.post().name() + " "
                        + p.postOf(s) + ") is " + p.weights()[s] + " " + when.get() + "; the configuration drives the "
                        + "weights out of range (lower the learning rate, e.g. plasticity.eta, or the initial weights)");
            }
        }
    }

    /**
     * Whether {@code p}'s incoming weights are renormalised ({@link #normalise}): scaling sets no bound, so such a
     * projection's weights may lie past its upper bound until its rule next clips them (as in Diehl &amp; Cook's code).
     */
    public boolean normalises(Projection p) {
        return normalisations.containsKey(p);
    }

    /** Applies the weight normalisations. */
    public void normalise() {
        for (Map.Entry<Projection, WeightNormalisation> e : normalisations.entrySet()) {
            e.getValue().apply(e.getKey());
        }
    }

    /**
     * Returns every population to rest and forgets spike times, spikes in flight and plasticity's traces; weights and
     * learned thresholds stay.
     */
    public void resetState() {
        streamStep = 0;
        lastStep = -1;
        for (Population p : populations) {
            p.resetState();
        }
        for (Projection p : projections) {
            p.resetDelay();
            if (p.isPlastic()) {
                p.plasticity().resetState();
            }
        }
    }

    /** Synaptic events delivered so far, over all projections (a spike times the synapses it reaches). */
    public long synapticEvents() {
        long n = 0;
        for (Projection p : projections) {
            n += p.synapticEvents();
        }
        return n;
    }

    /** Sets every projection's count of synaptic events to 0 ({@link #synapticEvents} counts from now on). */
    public void clearSynapticEvents() {
        for (Projection p : projections) {
            p.clearSynapticEvents();
        }
    }

    /**
     * A copy for evaluation on another thread: own neuron state, learned state copied, weights shared
     * (they must not change while the copy is in use: {@link Projection#frozenCopy}), no plasticity, no counters.
     */
    public Network copyForEvaluation() {
        List<Population> pops = new ArrayList<>();
        SpikeSource in = null;
        for (Population p : populations) {
            Population c = p.copy();
            pops.add(c);
            if (p == input) {
                in = (SpikeSource) c;
            }
        }
        List<Projection> projs = new ArrayList<>();
        for (Projection p : projections) {
            projs.add(p.frozenCopy(pops.get(populations.indexOf(p.pre())), pops.get(populations.indexOf(p.post()))));
        }
        return new Network(dtMs, in, pops, projs, Map.of());
    }

    /**
     * Writes everything the network's next steps depend on (a resume snapshot's, docs/run-directory.md), bit for bit:
     * the stream clock, every population's state (in order), every projection's weights, spikes in flight and
     * plasticity state, and its spike counters. Taken between presentations; raster and state monitors are refused
     * (they record into memory a snapshot does not hold).
     */
    public void writeState(DataOutput out) throws IOException {
        if (!rasters.isEmpty() || !states.isEmpty()) {
            throw new IllegalStateException("a network with raster or state monitors keeps no resume snapshot");
        }
        out.writeInt(streamStep);
        out.writeInt(lastStep);
        out.writeInt(populations.size());
        for (Population p : populations) {
            out.writeUTF(p.name());
            p.writeState(out);
        }
        out.writeInt(projections.size());
        for (Projection p : projections) {
            out.writeUTF(p.name());
            p.writeState(out);
        }
        out.writeInt(counters.size());
        for (SpikeCounter c : counters) {
            out.writeUTF(c.population().name());
            c.writeState(out);
        }
    }

    /**
     * Reads what {@link #writeState} wrote into this network, built from the same configuration and seed (the same
     * populations, projections, synapses and counters, in the same order).
     *
     * @throws IOException when the snapshot is not of a network like this one
     */
    public void readState(DataInput in) throws IOException {
        if (!rasters.isEmpty() || !states.isEmpty()) {
            throw new IllegalStateException("a network with raster or state monitors keeps no resume snapshot");
        }
        streamStep = in.readInt();
        lastStep = in.readInt();
        expect(in, populations.size(), "populations");
        for (Population p : populations) {
            expectName(in, p.name(), "population");
            p.readState(in);
        }
        expect(in, projections.size(), "projections");
        for (Projection p : projections) {
            expectName(in, p.name(), "projection");
            p.readState(in);
        }
        expect(in, counters.size(), "spike counters");
        for (SpikeCounter c : counters) {
            expectName(in, c.population().name(), "spike counter of population");
            c.readState(in);
        }
    }

    private static void expect(DataInput in, int n, String what) throws IOException {
        int m = in.readInt();
        if (m != n) {
            throw new IOException(m + " " + what + " in the snapshot, " + n + " in this network");
        }
    }

    private static void expectName(DataInput in, String name, String what) throws IOException {
        String s = in.readUTF();
        if (!s.equals(name)) {
            throw new IOException(what + " " + s + " in the snapshot where this network has " + name);
        }
    }

    /** The step's spike counts, rasters and states, to every monitor. */
    private void recordMonitors() {
        for (int k = 0; k < counters.size(); k++) {
            counters.get(k).record();
        }
        for (int k = 0; k < rasters.size(); k++) {
            rasters.get(k).record();
        }
        for (int k = 0; k < states.size(); k++) {
            states.get(k).record();
        }
    }

    /** Its step and the names of its populations and projections, e.g. {@code Network[dt 1 ms, populations [input, e], …]}. */
    @Override
    public String toString() {
        return "Network[dt " + NumberText.of(dtMs) + " ms, input " + input.name() + ", populations "
                + populations.stream().map(Population::name).toList() + ", projections "
                + projections.stream().map(Projection::name).toList() + "]";
    }
}
