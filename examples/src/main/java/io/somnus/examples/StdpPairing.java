package io.somnus.examples;

import io.somnus.encoding.SpikeTrain;
import io.somnus.network.Network;
import io.somnus.network.SpikeRaster;
import io.somnus.neuron.CurrentLifParameters;
import io.somnus.neuron.CurrentLifPopulation;
import io.somnus.neuron.SpikeSource;
import io.somnus.plasticity.AllToAllStdp;
import io.somnus.synapse.Projection;
import io.somnus.synapse.Receptor;
import io.somnus.synapse.SynapseList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * STDP's window, by hand: one LIF neuron, a static "teacher" input strong enough to make it fire, and a weak plastic
 * input whose single spike comes before the teacher's (pre before post: potentiation) or after the neuron has fired
 * (post before pre: depression). Prints each pairing's post spikes and weight change.
 *
 * <p>{@code examples/run StdpPairing [lead_ms]} (README, "Examples").
 */
public final class StdpPairing {
    /** The time step (ms). */
    static final double DT_MS = 1.0;
    /**
     * The plastic input's rule (all-to-all pairing, so every post spike pairs with the one pre spike): a new one for
     * each projection, as a rule keeps its projection's traces and is refused by a second.
     */
    static AllToAllStdp rule() {
        return AllToAllStdp.builder(DT_MS).eta(0.01).tauPlusMs(20).tauMinusMs(20).build();
    }
    /** The step of the teacher's spike in each presentation. */
    static final int TEACHER_STEP = 30;
    /** The steps of a presentation (ms at dt 1 ms). */
    static final int STEPS = 100;

    /**
     * One pairing: the plastic input's spike step, the neuron's spike steps, and the weight before and after.
     *
     * @param preStep the step (1 ms) of the plastic input's one spike, from the presentation's start
     * @param postSteps the steps of the neuron's spikes in the presentation, in time order (empty if it stayed silent)
     * @param weightBefore the plastic synapse's weight before the presentation (in [0, 1])
     * @param weightAfter its weight after the presentation's STDP (in [0, 1], the projection's bounds)
     */
    public record Pairing(int preStep, int[] postSteps, float weightBefore, float weightAfter) {
        /** The weight change. */
        public double change() {
            return (double) weightAfter - weightBefore;
        }
    }

    private StdpPairing() {
    }

    /**
     * Presents a pre-before-post pairing (the plastic input fires {@code leadMs} before the teacher), then a
     * post-before-pre one (it fires {@code leadMs} after the teacher), on one network; prints both.
     */
    public static List<Pairing> run(int leadMs) {
        SpikeSource inputs = new SpikeSource("inputs", 2);                     // 0: teacher, 1: plastic
        CurrentLifPopulation neuron = new CurrentLifPopulation("neuron", 1, CurrentLifParameters.PAPER);
        SynapseList teacherSynapse = new SynapseList(1);
        teacherSynapse.add(0, 0);
        SynapseList plasticSynapse = new SynapseList(1);
        plasticSynapse.add(1, 0);
        Projection teacher = Projection.named("teacher").from(inputs).to(neuron).receptor(Receptor.EXCITATORY)
                .synapses(teacherSynapse).weights(new float[] {60f}).build();  // PSP peak ≈ 60/e ≈ 22 mV
        Projection plastic = Projection.named("plastic").from(inputs).to(neuron).receptor(Receptor.EXCITATORY)
                .synapses(plasticSynapse).weights(new float[] {0.2f}).bounds(0f, 1f).build().withPlasticity(rule());
        Network net = new Network(DT_MS, inputs, List.of(inputs, neuron), List.of(teacher, plastic), Map.of());
        SplittableRandom rng = new SplittableRandom(1);                          // no noise: nothing is drawn
        Pairing causal = present(net, plastic, neuron, TEACHER_STEP - leadMs, rng);
        int afterPost = causal.postSteps().length == 0 ? TEACHER_STEP : causal.postSteps()[causal.postSteps().length - 1];
        Pairing antiCausal = present(net, plastic, neuron, afterPost + leadMs, rng);
        System.out.println(plastic);
        for (Pairing p : List.of(causal, antiCausal)) {
            System.out.printf("pre at step %d, post at steps %s: w %.5f -> %.5f (%+.5f)%n", p.preStep(),
                    Arrays.toString(p.postSteps()), p.weightBefore(), p.weightAfter(), p.change());
        }
        return List.of(causal, antiCausal);
    }

    /** One presentation from rest: the teacher at TEACHER_STEP, the plastic input at {@code preStep}. */
    private static Pairing present(Network net, Projection plastic, CurrentLifPopulation neuron, int preStep,
                                   SplittableRandom rng) {
        SpikeTrain train = new SpikeTrain();
        train.reset(STEPS);
        for (int t = 0; t < STEPS; t++) {                                       // in time order
            if (t == preStep) {
                train.add(t, 1);
            }
            if (t == TEACHER_STEP) {
                train.add(t, 0);
            }
        }
        train.finish();
        SpikeRaster raster = net.raster(neuron);                                // steps from this presentation's start
        float before = plastic.weights()[0];
        net.present(train, /* plastic */ true, rng);
        net.detach(raster);
        return new Pairing(preStep, raster.spikeSteps(), before, plastic.weights()[0]);
    }

    /** {@code [lead_ms]}, 10 unless given. */
    public static void main(String[] args) {
        run(args.length > 0 ? Integer.parseInt(args[0]) : 10);
    }
}
