package io.somnus.examples;

import io.somnus.encoding.PoissonEncoder;
import io.somnus.encoding.SpikeTrain;
import io.somnus.network.Network;
import io.somnus.network.SpikeRaster;
import io.somnus.neuron.SpikeSource;
import io.somnus.synapse.Projection;
import io.somnus.synapse.Receptor;
import io.somnus.synapse.SynapseList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The triplet rule's frequency dependence, with a rule of one's own ({@link PfisterTripletStdp}) on a neuron of one's
 * own ({@link IzhikevichPopulation}): one plastic synapse from a pre input onto one neuron that a static "teacher" input
 * makes fire at chosen steps (a 100 mV kick fires it at the next step). Two tables:
 * <ul>
 *   <li>Sjöström's pairing protocol: 60 pre–post pairings at +10 ms (pre first) and −10 ms (post first), repeated at
 *       0.1 to 50 Hz. Pair STDP gives the same change at every frequency; the triplet rule depresses for post-before-pre
 *       at low frequencies and potentiates for both orders at high ones;</li>
 *   <li>Poisson input: the pre input at 10 Hz and the neuron at ρ Hz (teacher and pre drawn by a
 *       {@link PoissonEncoder}), with the mean change the rule predicts for independent Poisson trains,
 *       ρ_x·ρ_y·T·[τ₊(A₂⁺ + A₃⁺·ρ_y·τ_y) − τ₋(A₂⁻ + A₃⁻·ρ_x·τ_x)]: depression below a post rate, potentiation above
 *       (the rule's BCM threshold).</li>
 * </ul>
 *
 * <p>{@code examples/run TripletFrequency [pairings poisson_s]} (README, "Examples").
 */
public final class TripletFrequency {
    /** The time step (ms). */
    static final double DT_MS = 1.0;
    /** The teacher's kick (mV): from anywhere near rest, v passes 30 mV in the next step. */
    static final float TEACHER_MV = 100f;
    /** The plastic synapse's weight before each protocol (mV); its bounds are [0, 10]. */
    static final float W0_MV = 1f;
    /** The pairing frequencies (Hz). */
    static final double[] PAIRING_HZ = {0.1, 1, 10, 20, 40, 50};
    /** The lag (ms) of a pairing: post 10 ms after pre, or before it. */
    static final int LAG_MS = 10;
    /** The Poisson protocol's pre rate and post rates (Hz). */
    static final double PRE_HZ = 10;
    static final double[] POST_HZ = {2, 5, 10, 20, 30};

    /**
     * One protocol's spikes and weight change.
     *
     * @param preSteps     the pre input's spike steps (1 ms), from the presentation's start
     * @param postSteps    the neuron's spike steps, in time order (a raster's)
     * @param weightBefore the plastic synapse's weight before (mV)
     * @param weightAfter  its weight after the protocol's STDP (mV, in [0, 10])
     */
    public record Outcome(int[] preSteps, int[] postSteps, float weightBefore, float weightAfter) {
        /** The weight change (mV). */
        public double change() {
            return (double) weightAfter - weightBefore;
        }
    }

    /**
     * A row of the pairing table.
     *
     * @param frequencyHz the pairing frequency (Hz)
     * @param causal      pre 10 ms before post, 60 times
     * @param antiCausal  post 10 ms before pre, 60 times
     */
    public record PairingRow(double frequencyHz, Outcome causal, Outcome antiCausal) {
    }

    /**
     * A row of the Poisson table.
     *
     * @param postHz    the teacher's Poisson rate (Hz), which the neuron follows one step later
     * @param outcome   the spikes and the weight change
     * @param predicted the mean change the rule predicts for independent Poisson trains at the rates the run drew
     *                  (spikes / duration)
     */
    public record PoissonRow(double postHz, Outcome outcome, double predicted) {
    }

    /**
     * Both tables.
     *
     * @param pairings a row per pairing frequency, in {@link #PAIRING_HZ}'s order
     * @param poisson  a row per post rate, in {@link #POST_HZ}'s order
     */
    public record Result(List<PairingRow> pairings, List<PoissonRow> poisson) {
    }

    private TripletFrequency() {
    }

    /** The rule this example runs: the visual-cortex fit, at 1 ms steps. */
    static PfisterTripletStdp rule() {
        return new PfisterTripletStdp(PfisterTripletStdp.Parameters.VISUAL_CORTEX, DT_MS);
    }

    /**
     * From rest on a fresh network: the pre input spikes at {@code preSteps}, the teacher one step before each of
     * {@code postSteps} (each ≥ 1), so that the neuron fires there; returns the neuron's spikes (a raster's) and the
     * plastic synapse's change.
     */
    public static Outcome present(int[] preSteps, int[] postSteps) {
        int last = IntStream.concat(Arrays.stream(preSteps), Arrays.stream(postSteps)).max().orElse(0);
        SpikeTrain train = new SpikeTrain();
        train.reset(last + 2);
        int[] teacherSteps = Arrays.stream(postSteps).map(t -> t - 1).toArray();
        for (int t = 0; t <= last; t++) {                                       // in time order
            if (Arrays.binarySearch(teacherSteps, t) >= 0) {
                train.add(t, 0);
            }
            if (Arrays.binarySearch(preSteps, t) >= 0) {
                train.add(t, 1);
            }
        }
        train.finish();
        return play(train);
    }

    /** Plays {@code train} (source 0: teacher, 1: pre) from rest on a fresh network. */
    private static Outcome play(SpikeTrain train) {
        SpikeSource inputs = new SpikeSource("inputs", 2);                     // 0: teacher, 1: pre
        IzhikevichPopulation neuron = new IzhikevichPopulation("neuron", 1,
                IzhikevichPopulation.Parameters.REGULAR_SPIKING);
        Projection teacher = Projection.named("teacher").from(inputs).to(neuron).receptor(Receptor.EXCITATORY)
                .synapses(synapse(0)).weights(new float[] {TEACHER_MV}).build();
        Projection plastic = Projection.named("plastic").from(inputs).to(neuron).receptor(Receptor.EXCITATORY)
                .synapses(synapse(1)).weights(new float[] {W0_MV}).bounds(0f, 10f).build().withPlasticity(rule());
        Network net = new Network(DT_MS, inputs, List.of(inputs, neuron), List.of(teacher, plastic), Map.of());
        SpikeRaster post = net.raster(neuron);
        SpikeRaster in = net.raster(inputs);
        float before = plastic.weights()[0];
        net.present(train, /* plastic */ true, new SplittableRandom(1));        // no noise: nothing is drawn
        int[] preSteps = IntStream.range(0, in.spikeSteps().length).filter(k -> in.spikeNeurons()[k] == 1)
                .map(k -> in.spikeSteps()[k]).toArray();
        return new Outcome(preSteps, post.spikeSteps(), before, plastic.weights()[0]);
    }

    private static SynapseList synapse(int pre) {
        SynapseList s = new SynapseList(1);
        s.add(pre, 0);
        return s;
    }

    /** {@code pairings} pairings at {@code frequencyHz}, post {@code lagMs} after pre (before it when negative). */
    public static Outcome pairing(double frequencyHz, int lagMs, int pairings) {
        int period = (int) Math.round(1000 / frequencyHz / DT_MS);
        int first = LAG_MS + 10;
        int[] pre = IntStream.range(0, pairings).map(k -> first + k * period).toArray();
        return present(pre, Arrays.stream(pre).map(t -> t + lagMs).toArray());
    }

    /** {@code durationS} seconds of Poisson spikes: the pre input at {@link #PRE_HZ}, the teacher at {@code postHz}. */
    public static PoissonRow poisson(double postHz, double durationS, long seed) {
        SpikeTrain train = new SpikeTrain();
        int steps = (int) Math.round(durationS * 1000 / DT_MS);
        PoissonEncoder.ofRatesHz().encode(new float[] {(float) postHz, (float) PRE_HZ}, 1.0, steps, DT_MS,
                new SplittableRandom(seed), train);
        Outcome o = play(train);
        PfisterTripletStdp.Parameters p = PfisterTripletStdp.Parameters.VISUAL_CORTEX;
        double rx = o.preSteps().length / durationS;                            // Hz
        double ry = o.postSteps().length / durationS;
        double s = 1e-3;                                                        // ms → s
        double predicted = rx * ry * durationS * (p.tauPlusMs() * s * (p.a2Plus() + p.a3Plus() * ry * p.tauYMs() * s)
                - p.tauMinusMs() * s * (p.a2Minus() + p.a3Minus() * rx * p.tauXMs() * s));
        return new PoissonRow(postHz, o, predicted);
    }

    /**
     * Both tables: {@code pairings} pairings per frequency and order, and {@code poissonS} seconds per post rate
     * (seed {@code seed}); prints them.
     */
    public static Result run(int pairings, double poissonS, long seed) {
        List<PairingRow> pairingRows = new ArrayList<>();
        List<PoissonRow> poissonRows = new ArrayList<>();
        System.out.println(rule());
        System.out.printf("%d pairings, Δw (mV) of a synapse from %.1f mV:%n", pairings, W0_MV);
        System.out.println("  f (Hz)   pre→post +10 ms   post→pre −10 ms");
        for (double f : PAIRING_HZ) {
            PairingRow r = new PairingRow(f, pairing(f, LAG_MS, pairings), pairing(f, -LAG_MS, pairings));
            System.out.printf("  %6.1f   %+15.5f   %+15.5f%n", f, r.causal().change(), r.antiCausal().change());
            pairingRows.add(r);
        }
        System.out.printf("Poisson: pre at %.0f Hz, post at ρ Hz, %.0f s; Δw (mV) and the rule's mean for independent "
                + "trains:%n", PRE_HZ, poissonS);
        System.out.println("  ρ (Hz)   post spikes         Δw   predicted");
        for (int k = 0; k < POST_HZ.length; k++) {
            PoissonRow r = poisson(POST_HZ[k], poissonS, seed + k);
            System.out.printf("  %6.1f   %11d   %+8.4f   %+9.4f%n", r.postHz(), r.outcome().postSteps().length,
                    r.outcome().change(), r.predicted());
            poissonRows.add(r);
        }
        return new Result(pairingRows, poissonRows);
    }

    /** {@code [pairings poisson_s]}, 60 and 50 unless given. */
    public static void main(String[] args) {
        run(args.length > 0 ? Integer.parseInt(args[0]) : 60, args.length > 1 ? Double.parseDouble(args[1]) : 50, 1);
    }
}
