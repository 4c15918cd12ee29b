package io.somnus.experiment.io;

import io.somnus.core.NumberText;
import io.somnus.network.Network;
import io.somnus.neuron.Population;
import io.somnus.synapse.Projection;
import io.somnus.synapse.SynapseDelays;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a network has learned, saved to a numpy {@code .npz} and restored into a network of the same structure: every
 * projection's weights by synapse, with each synapse's pre and post neuron so that a restore can tell the network is
 * the one they were learned on, and every population's {@linkplain Population#learnedState() learned state} (Diehl &amp;
 * Cook's θ). Keys: {@code projection.NAME.weights} (float32), {@code projection.NAME.pre} and {@code ….post} (int32),
 * {@code population.NAME.STATE} (float64, e.g. {@code population.e.theta_mv}), and for a projection with a delay per
 * synapse {@code projection.NAME.delay_steps} (int32; restored with the weights, in place of the delays the network
 * drew), and {@code simulation.dt_ms} (float64, the step those delays count); numpy reads them by those names. The
 * neurons' dynamic state (V, g, spike times) is not saved: a restored network starts from rest, as after
 * {@code resetState()}.
 *
 * <p>Rebuild the network from the configuration and seed it was trained with (the connectors draw the same synapses;
 * a run's network: {@link io.somnus.experiment.stdp.NetworkFactory#buildForRun}), then {@link #read}: a network with other synapses is refused, naming the first that differs. A delay per synapse is
 * restored as the weights are, so a network drawn under another seed takes the saved delays; it must have a delay per
 * synapse on the same projections.
 */
public final class NetworkState {
    private static final String PROJECTIONS = "projection.";
    /** The step the delays are counted in (ms), one float64: delays in steps mean other times at another step. */
    private static final String DT = "simulation.dt_ms";
    private static final String POPULATIONS = "population.";
    private static final String REBUILD = "build the network from the configuration and seed it was trained with"
            + " (a run's: NetworkFactory.buildForRun)";

    private NetworkState() {}

    /** Writes {@code net}'s weights and learned state to {@code file}, atomically. */
    public static void write(Network net, Path file) throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        for (Projection p : net.projections()) {
            int n = p.synapseCount();
            int[] pre = new int[n];
            int[] post = new int[n];
            for (int s = 0; s < n; s++) {
                pre[s] = p.preOf(s);
                post[s] = p.postOf(s);
            }
            arrays.put(PROJECTIONS + p.name() + ".weights", NpyArray.of(p.weightsForColumnWrites().clone(), n));
            arrays.put(PROJECTIONS + p.name() + ".pre", NpyArray.of(pre, n));
            arrays.put(PROJECTIONS + p.name() + ".post", NpyArray.of(post, n));
            if (p.synapseDelays() != null) {
                arrays.put(PROJECTIONS + p.name() + ".delay_steps", NpyArray.of(p.synapseDelays().stepsPerSynapse(), n));
            }
        }
        for (Population pop : net.populations()) {
            pop.learnedStateCopy().forEach((name, values) ->
                    arrays.put(POPULATIONS + pop.name() + "." + name, NpyArray.of(values, values.length)));
        }
        arrays.put(DT, NpyArray.of(new double[] {net.dtMs()}, 1));
        Npz.write(file, arrays);
    }

    /**
     * Restores the weights and learned state in {@code file} into {@code net}; checks everything before it writes
     * anything, so a refused file leaves the network as it was.
     *
     * @throws FileFormatException naming the file and what does not match: a projection or state missing on either
     *                             side, another number of synapses or neurons, a synapse between other neurons, a
     *                             weight outside the projection's bounds, a learned state that is NaN or infinite
     */
    public static void read(Path file, Network net) throws IOException {
        Map<String, NpyArray> arrays = Npz.read(file);
        if (arrays.keySet().stream().noneMatch(k -> k.startsWith(PROJECTIONS))) {
            throw new FileFormatException(file + ": holds no saved network (no " + PROJECTIONS + "* arrays; it holds "
                    + String.join(", ", new TreeSet<>(arrays.keySet())) + "): give a network.npz that --save-network "
                    + "or NetworkState.write wrote (a run's weights.npz is not one; in code, a run saves its network with "
                    + "SpikeExchange.NONE.withNetworkOut(file) given to StandardRunExecutor)");
        }
        Map<String, Runnable> writes = new LinkedHashMap<>();
        TreeSet<String> unused = new TreeSet<>(arrays.keySet());
        // files written before the step was saved have none: their delays are taken as this network's steps
        double savedDt = arrays.containsKey(DT) ? array(file, arrays, DT, NpyArray.DType.FLOAT64, 1,
                "the simulation step").doubles()[0] : net.dtMs();
        unused.remove(DT);
        for (Projection p : net.projections()) {
            String key = PROJECTIONS + p.name() + ".";
            float[] w = array(file, arrays, key + "weights", NpyArray.DType.FLOAT32, p.synapseCount(),
                    "projection " + p.name() + "'s synapses").floats();
            int[] pre = array(file, arrays, key + "pre", NpyArray.DType.INT32, p.synapseCount(),
                    "projection " + p.name() + "'s synapses").ints();
            int[] post = array(file, arrays, key + "post", NpyArray.DType.INT32, p.synapseCount(),
                    "projection " + p.name() + "'s synapses").ints();
            for (int s = 0; s < w.length; s++) {
                if (pre[s] != p.preOf(s) || post[s] != p.postOf(s)) {
                    throw new FileFormatException(file + ": projection " + p.name() + "'s synapse " + s + " connects "
                            + pre[s] + " → " + post[s] + " there and " + p.preOf(s) + " → " + p.postOf(s) + " in this "
                            + "network: " + REBUILD);
                }
                // a normalised projection's weights may lie past the upper bound (scaling clips nothing), not below 0
                if (!(w[s] >= p.wMin() && (w[s] <= p.wMax() || net.normalises(p) && w[s] < Float.POSITIVE_INFINITY))) {
                    throw new FileFormatException(file + ": projection " + p.name() + "'s synapse " + s + " has weight "
                            + w[s] + ", outside this network's bounds [" + p.wMin() + ", " + p.wMax() + "]: restore "
                            + "into a network with the bounds it was trained with");
                }
            }
            unused.removeAll(List.of(key + "weights", key + "pre", key + "post"));
            if ((p.synapseDelays() != null) != arrays.containsKey(key + "delay_steps")) {
                throw new FileFormatException(file + ": projection " + p.name() + " has a delay per synapse "
                        + (p.synapseDelays() != null ? "in this network and none in the file" : "in the file and none "
                        + "in this network") + ": set projections." + p.name() + ".delay_ms and delay_max_ms as the "
                        + "network was trained with");
            }
            if (p.synapseDelays() != null && savedDt != net.dtMs()) {
                throw new FileFormatException(file + ": projection " + p.name() + "'s delays were saved in steps of "
                        + NumberText.of(savedDt) + " ms, and this network steps " + NumberText.of(net.dtMs()) + " ms, so they would last other times: "
                        + "set simulation.dt_ms to " + NumberText.of(savedDt));
            }
            if (p.synapseDelays() != null) {
                int[] delays = array(file, arrays, key + "delay_steps", NpyArray.DType.INT32, p.synapseCount(),
                        "projection " + p.name() + "'s delay per synapse").ints();
                boolean same = true;
                for (int s = 0; s < delays.length; s++) {
                    if (delays[s] < 1 || delays[s] > SynapseDelays.MAX_STEPS) {
                        throw new FileFormatException(file + ": projection " + p.name() + "'s synapse " + s + " has a "
                                + "delay of " + delays[s] + " steps there; a delay is 1 to " + SynapseDelays.MAX_STEPS
                                + " steps: the file is not one NetworkState.write wrote");
                    }
                    same &= delays[s] == p.synapseDelays().steps(s);
                }
                unused.remove(key + "delay_steps");
                if (!same) { // learned with them: they replace the ones this network drew (another seed's)
                    writes.put(key + "delay_steps", () -> p.withSynapseDelays(delays));
                }
            }
            writes.put(key, () -> System.arraycopy(w, 0, p.weights(), 0, w.length));
        }
        for (Population pop : net.populations()) {
            for (Map.Entry<String, double[]> e : pop.learnedStateCopy().entrySet()) {
                String key = POPULATIONS + pop.name() + "." + e.getKey();
                double[] values = array(file, arrays, key, NpyArray.DType.FLOAT64, pop.size(),
                        "population " + pop.name() + "'s neurons").doubles();
                // a NaN or infinite θ would start the run and stop it as a divergence, blaming the configuration
                for (int i = 0; i < values.length; i++) {
                    if (!Double.isFinite(values[i])) {
                        throw new FileFormatException(file + ": " + key + " of population " + pop.name() + "'s neuron "
                                + i + " is " + values[i] + "; a learned state is a finite number: the file is damaged "
                                + "or not one NetworkState.write wrote");
                    }
                }
                unused.remove(key);
                writes.put(key, () -> System.arraycopy(values, 0, pop.learnedState().get(e.getKey()), 0, values.length));
            }
        }
        if (!unused.isEmpty()) {
            throw new FileFormatException(file + ": holds " + String.join(", ", unused) + ", which this network has no "
                    + "place for: it was saved from a network with other projections or populations");
        }
        writes.values().forEach(Runnable::run);
    }

    private static NpyArray array(Path file, Map<String, NpyArray> arrays, String key, NpyArray.DType type, int length,
            String what) {
        NpyArray a = arrays.get(key);
        if (a == null) {
            throw new FileFormatException(file + ": no array " + key + " (it holds " + String.join(", ",
                    new TreeSet<>(arrays.keySet())) + "): it was saved from a network with other projections or "
                    + "populations");
        }
        if (a.dtype() != type || a.rank() != 1 || a.size() != length) {
            throw new FileFormatException(file + ": " + key + " holds " + a.size() + " values of " + a.dtype().descr()
                    + " in shape " + Arrays.toString(a.shape()) + ", where " + length + " values of "
                    + type.descr() + " (" + what + ") were expected: " + REBUILD);
        }
        return a;
    }
}
