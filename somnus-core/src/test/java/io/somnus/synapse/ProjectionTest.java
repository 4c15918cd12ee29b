package io.somnus.synapse;

import static io.somnus.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.encoding.SpikeTrain;
import io.somnus.kernel.Kernels;
import io.somnus.neuron.SpikeSource;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProjectionTest {

    private static Projection projection(SpikeSource pre, SpikeSource post, Connector c, long seed) {
        SynapseList syn = c.connect(pre.size(), post.size(), false, new SplittableRandom(seed));
        float[] w = new float[syn.size()];
        for (int k = 0; k < w.length; k++) {
            w[k] = 0.01f * (k + 1);
        }
        return new Projection("p", pre, post, Receptor.EXCITATORY, syn, w, Float.NEGATIVE_INFINITY,
                Float.POSITIVE_INFINITY);
    }

    /** The builder names each of the constructor's parameters: what it builds holds each where the name says. */
    @Test
    void theBuilderSetsEachParameterByName() {
        SpikeSource three = new SpikeSource("three", 3);
        SpikeSource two = new SpikeSource("two", 2);
        SynapseList pairs = new SynapseList(2);
        pairs.add(0, 1);
        pairs.add(2, 0);
        Projection p = Projection.named("p").weights(new float[] {0.5f, 2f}).bounds(0f, 1f).synapses(pairs)
                .receptor(Receptor.INHIBITORY).to(two).from(three).build();
        assertEquals("p", p.name());
        assertTrue(p.pre() == three && p.post() == two, "pre " + p.pre().name() + ", post " + p.post().name());
        assertEquals(Receptor.INHIBITORY, p.receptor());
        assertEquals(0f, p.wMin());
        assertEquals(1f, p.wMax());
        assertArrayEquals(new float[] {0.5f, 1f}, p.weights(), "2 clamped into [0, 1]");
        assertArrayEquals(new int[] {0, 2}, p.preIndex(), "synapse 0 from pre 0, synapse 1 from pre 2");
        assertArrayEquals(new int[] {1, 0}, p.postIndex());
        Projection open = Projection.named("q").from(three).to(two).receptor(Receptor.EXCITATORY).synapses(pairs)
                .weights(new float[] {-3f, 4f}).build();
        assertEquals(Float.NEGATIVE_INFINITY, open.wMin(), "no bounds unless given");
        assertEquals(Float.POSITIVE_INFINITY, open.wMax());
        assertRefused(IllegalStateException.class, () -> Projection.named("r").from(three).to(two)
                .synapses(pairs).weights(new float[2]).build(), "projection r", "receptor(…) was not given");
        assertRefused(IllegalArgumentException.class, () -> Projection.named("s").from(three).to(two)
                .receptor(Receptor.EXCITATORY).synapses(pairs).weights(new float[2]).bounds(1f, 0f).build(),
                "projection s", "[1, 0]");
    }

    /**
     * outsideBounds is the compare of the definition, x < wMin or x > wMax, for every finite x but a zero at a zero
     * bound, and is 1 wherever clamp changes x, whatever x is: over bounds of either sign, at zero and infinite, and x
     * at the bounds, next to them, at random magnitudes, ±0, ±∞ and NaN.
     */
    @Test
    void outsideBoundsIsTheBoundsTestWithoutABranch() {
        float[][] bounds = {{0.01f, 25f}, {-25f, -0.01f}, {0f, 1f}, {-1f, 0f}, {0f, Float.POSITIVE_INFINITY},
            {Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY}, {0.3f, 0.3f}};
        SplittableRandom rng = new SplittableRandom(5);
        SpikeSource pre = new SpikeSource("pre", 1);
        SpikeSource post = new SpikeSource("post", 1);
        SynapseList one = Connector.allToAll().connect(1, 1, false, rng);
        for (float[] b : bounds) {
            Projection p = new Projection("p", pre, post, Receptor.EXCITATORY, one, new float[1], b[0], b[1]);
            float[] xs = new float[2_000];
            int n = 0;
            for (float edge : b) {
                for (float x : new float[] {edge, Math.nextUp(edge), Math.nextDown(edge), -edge}) {
                    xs[n++] = x;
                }
            }
            for (float x : new float[] {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE,
                    Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN}) {
                xs[n++] = x;
            }
            while (n < xs.length) {
                xs[n++] = (float) ((rng.nextBoolean() ? 1 : -1) * Math.pow(10, rng.nextDouble(-40, 3)));
            }
            for (float x : xs) {
                int outside = Projection.outsideBounds(x, p.wMin(), p.wMax());
                String what = "x = " + x + " in [" + b[0] + ", " + b[1] + "]";
                if (Float.floatToRawIntBits(p.clamp(x)) != Float.floatToRawIntBits(x)) {
                    assertEquals(1, outside, what);
                }
                if (Float.isFinite(x) && !(x == 0 && (b[0] == 0 || b[1] == 0))) {
                    assertEquals(x < b[0] || x > b[1] ? 1 : 0, outside, what);
                }
            }
        }
    }

    @Test
    void noInputMeansNoSynapticEvents() {
        SpikeSource pre = new SpikeSource("pre", 50);
        SpikeSource post = new SpikeSource("post", 40);
        Projection p = projection(pre, post, Connector.allToAll(), 1);
        SplittableRandom rng = new SplittableRandom(2);
        for (int step = 0; step < 5000; step++) {
            pre.integrate(step, 1.0, 0, rng);
            p.propagate();
        }
        assertEquals(0, p.synapticEvents());
        for (float x : post.excitatoryInput()) {
            assertEquals(0f, x);
        }
    }

    @Test
    void eventsEqualSumOfOutDegreesOfSpikingNeurons() {
        int nPre = 30;
        int nPost = 25;
        SpikeSource pre = new SpikeSource("pre", nPre);
        SpikeSource post = new SpikeSource("post", nPost);
        Projection p = projection(pre, post, Connector.fixedProbability(0.3), 7);
        // out-degree from the raw synapse list: independent of the CSR
        SynapseList raw = Connector.fixedProbability(0.3).connect(nPre, nPost, false, new SplittableRandom(7));
        int[] outDegree = new int[nPre];
        for (int k = 0; k < raw.size(); k++) {
            outDegree[raw.pre(k)]++;
        }
        int steps = 200;
        SplittableRandom gen = new SplittableRandom(11);
        SpikeTrain train = new SpikeTrain();
        train.reset(steps);
        long expected = 0;
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < nPre; i++) {
                if (gen.nextDouble() < 0.05) {
                    train.add(t, i);
                    expected += outDegree[i];
                }
            }
        }
        train.finish();
        pre.play(train);
        SplittableRandom rng = new SplittableRandom(2);
        for (int step = 0; step < steps; step++) {
            pre.integrate(step, 1.0, 0, rng);
            p.propagate();
        }
        assertTrue(expected > 0);
        assertEquals(expected, p.synapticEvents());
    }

    @Test
    void propagateAddsWeightsOfSpikingRows() {
        SpikeSource pre = new SpikeSource("pre", 3);
        SpikeSource post = new SpikeSource("post", 2);
        SynapseList syn = new SynapseList(4);
        syn.add(2, 0);
        syn.add(0, 1);
        syn.add(2, 1);
        syn.add(1, 0);
        Projection p = new Projection("p", pre, post, Receptor.INHIBITORY, syn, new float[] {-0.5f, -0.1f, -0.2f, -0.3f},
                -1f, 0f);
        SpikeTrain t = new SpikeTrain();
        t.reset(1);
        t.add(0, 2);
        t.add(0, 0);
        t.finish();
        pre.play(t);
        pre.integrate(0, 1.0, 0, new SplittableRandom(1));
        p.propagate();
        assertEquals(-0.5f, post.inhibitoryInput()[0], 1e-7);
        assertEquals(-0.3f, post.inhibitoryInput()[1], 1e-7);
        assertEquals(0f, post.excitatoryInput()[0]);
        assertEquals(3, p.synapticEvents());
        // dense view
        assertArrayEquals(new float[] {0f, -0.1f, -0.3f, 0f, -0.5f, -0.2f}, p.toDense());
    }

    /**
     * All-but-self rows are delivered as two contiguous runs: the inputs equal the sum, spike by spike in order, of
     * w(i, j) over the spiking neurons i ≠ j, computed here from the synapse list.
     */
    @Test
    void allButSelfDeliversEveryWeightButTheNeuronsOwn() {
        int n = 37;
        SpikeSource pre = new SpikeSource("pre", n);
        SpikeSource post = new SpikeSource("post", n);
        SynapseList syn = Connector.allButSelf().connect(n, n, false, new SplittableRandom(1));
        float[] w = new float[syn.size()];
        float[][] byPair = new float[n][n];
        for (int k = 0; k < w.length; k++) {
            w[k] = 0.37f * (k % 23) + 0.011f * k;
            byPair[syn.pre(k)][syn.post(k)] = w[k];
        }
        Projection p = new Projection("p", pre, post, Receptor.EXCITATORY, syn, w, 0f, Float.POSITIVE_INFINITY);
        assertTrue(!p.isDense());
        SpikeTrain t = new SpikeTrain();
        t.reset(4);
        int[][] spikes = {{0, 36, 5}, {}, {18}, {36, 1, 0, 2, 35}};
        for (int step = 0; step < spikes.length; step++) {
            for (int i : spikes[step]) {
                t.add(step, i);
            }
        }
        t.finish();
        pre.play(t);
        float[] expected = new float[n];
        SplittableRandom rng = new SplittableRandom(2);
        long events = 0;
        for (int step = 0; step < spikes.length; step++) {
            pre.integrate(step, 1.0, 0, rng);
            p.propagate();
            for (int i : spikes[step]) {
                for (int j = 0; j < n; j++) {
                    if (j != i) {
                        expected[j] += byPair[i][j];
                    }
                }
                events += n - 1;
            }
            assertArrayEquals(expected, Arrays.copyOf(post.excitatoryInput(), n), "step " + step);
        }
        assertEquals(events, p.synapticEvents());
    }

    /**
     * The check finds the first NaN or infinity wherever it lies (first weight, the middle, the last weight, with a
     * later bad weight behind it) and passes the extremes of the finite floats.
     */
    @Test
    void firstNonFiniteWeightFindsTheFirstBadWeightAnywhere() {
        SpikeSource pre = new SpikeSource("pre", 100);
        SpikeSource post = new SpikeSource("post", 101);
        Projection p = projection(pre, post, Connector.allToAll(), 1);
        float[] w = p.weights();
        float[] finite = {Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -Float.MIN_NORMAL, -0f, 0f, 1e38f};
        for (int k = 0; k < finite.length; k++) {
            w[k * 1013 % w.length] = finite[k];
        }
        assertEquals(-1, p.firstNonFiniteWeight());
        float[] bad = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.intBitsToFloat(0xffc00001)};
        for (int at : new int[] {0, 4095, 4096, 4097, 8191, w.length - 1}) {
            for (float b : bad) {
                float keep = w[at];
                w[at] = b;
                assertEquals(at, p.firstNonFiniteWeight(), "weight " + at + " = " + b);
                if (at + 5 < w.length) {
                    w[at + 5] = Float.NaN; // a later bad weight does not hide the first
                    assertEquals(at, p.firstNonFiniteWeight());
                    w[at + 5] = 0.5f;
                }
                w[at] = keep;
            }
        }
        assertEquals(-1, p.firstNonFiniteWeight());
    }

    /**
     * The traces' Σ|w| and mean: within the summation error bound of the exact sums (BigDecimal), and bit for bit the
     * eight strided partial sums added pairwise, whatever the projection's size (the tails of 0–7 synapses), so the same
     * bits on every CPU. The weights span twelve decades, so the association shows in the last bits: one running sum,
     * the order {@link Projection#totalAbsWeight} keeps, gives other bits for more than 20 of the 59 sizes here.
     */
    @Test
    void weightTotalsAreEightStridedSumsWithinTheErrorBound() {
        SplittableRandom r = new SplittableRandom(5);
        int otherThanOneRunningSum = 0;
        for (int size = 2; size <= 60; size++) {
            SpikeSource pre = new SpikeSource("pre", size);
            SpikeSource post = new SpikeSource("post", 41);
            Projection p = projection(pre, post, Connector.fixedProbability(0.4), size);
            float[] w = p.weights();
            for (int k = 0; k < w.length; k++) {
                w[k] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(-6, 6)));
            }
            double[] abs = new double[8];
            double[] sum = new double[8];
            BigDecimal exactAbs = BigDecimal.ZERO;
            BigDecimal exactSum = BigDecimal.ZERO;
            for (int k = 0; k < w.length; k++) {
                abs[k % 8] += Math.abs(w[k]);
                sum[k % 8] += w[k];
                exactAbs = exactAbs.add(new BigDecimal(Math.abs(w[k])));
                exactSum = exactSum.add(new BigDecimal(w[k]));
            }
            double totalAbs = ((abs[0] + abs[1]) + (abs[2] + abs[3])) + ((abs[4] + abs[5]) + (abs[6] + abs[7]));
            double total = ((sum[0] + sum[1]) + (sum[2] + sum[3])) + ((sum[4] + sum[5]) + (sum[6] + sum[7]));
            Projection.WeightTotals t = p.weightTotals();
            assertEquals(Double.doubleToRawLongBits(totalAbs), Double.doubleToRawLongBits(t.totalAbs()), "size " + size);
            assertEquals(Double.doubleToRawLongBits(total / w.length), Double.doubleToRawLongBits(t.mean()), "size " + size);
            // any association of n additions errs by at most (n − 1)·2⁻⁵³·Σ|x| (plus the mean's one rounding)
            double bound = w.length * 0x1p-53 * exactAbs.doubleValue();
            assertTrue(Math.abs(exactAbs.subtract(new BigDecimal(t.totalAbs())).doubleValue()) <= bound, "size " + size);
            assertTrue(Math.abs(exactSum.subtract(new BigDecimal(t.mean() * w.length)).doubleValue()) <= 2 * bound,
                    "size " + size);
            if (Double.doubleToRawLongBits(p.totalAbsWeight()) != Double.doubleToRawLongBits(t.totalAbs())) {
                otherThanOneRunningSum++;
            }
        }
        assertTrue(otherThanOneRunningSum > 20, "the weights do not tell the associations apart: " + otherThanOneRunningSum);
        SpikeSource none = new SpikeSource("none", 3);
        Projection empty = projection(none, new SpikeSource("post", 3), Connector.fixedProbability(0.0), 1);
        assertEquals(0.0, empty.weightTotals().totalAbs());
        assertEquals(0.0, empty.weightTotals().mean());
    }

    @Test
    void initialWeightsAreClamped() {
        SpikeSource a = new SpikeSource("a", 2);
        SynapseList syn = Connector.oneToOne().connect(2, 2, false, new SplittableRandom(1));
        Projection p = new Projection("p", a, a, Receptor.EXCITATORY, syn, new float[] {-3f, 3f}, 0f, 1f);
        assertEquals(0f, p.weights()[0]);
        assertEquals(1f, p.weights()[1]);
        assertEquals(1.0, p.totalAbsWeight(), 0);
    }

    @Test
    void oneToOneConnectsIToI() {
        SynapseList s = Connector.oneToOne().connect(7, 7, false, new SplittableRandom(1));
        assertEquals(7, s.size());
        for (int k = 0; k < s.size(); k++) {
            assertEquals(s.pre(k), s.post(k));
        }
        assertThrows(IllegalArgumentException.class, () -> Connector.oneToOne().connect(3, 4, false, new SplittableRandom(1)));
    }

    @Test
    void allButSelfCount() {
        int n = 9;
        SynapseList s = Connector.allButSelf().connect(n, n, false, new SplittableRandom(1));
        assertEquals(n * (n - 1), s.size());
        boolean[][] seen = new boolean[n][n];
        for (int k = 0; k < s.size(); k++) {
            assertTrue(s.pre(k) != s.post(k));
            assertTrue(!seen[s.pre(k)][s.post(k)], "duplicate");
            seen[s.pre(k)][s.post(k)] = true;
        }
    }

    @Test
    void allToAllExcludesSelfOnlyWithinOnePopulation() {
        assertEquals(5 * 4, Connector.allToAll().connect(5, 4, false, new SplittableRandom(1)).size());
        assertEquals(5 * 4, Connector.allToAll().connect(5, 5, true, new SplittableRandom(1)).size());
    }

    @Test
    void fixedProbabilityCountWithinFiveSigma() {
        int nPre = 200;
        int nPost = 150;
        for (double prob : new double[] {0.02, 0.1, 0.5}) {
            for (long seed = 1; seed <= 3; seed++) {
                int count = Connector.fixedProbability(prob).connect(nPre, nPost, false, new SplittableRandom(seed)).size();
                double n = (double) nPre * nPost;
                double mean = n * prob;
                double sigma = Math.sqrt(n * prob * (1 - prob));
                assertTrue(Math.abs(count - mean) <= 5 * sigma, "p=" + prob + " count " + count + " mean " + mean);
            }
        }
        int same = Connector.fixedProbability(1.0).connect(6, 6, true, new SplittableRandom(1)).size();
        assertEquals(30, same);
        assertEquals(0, Connector.fixedProbability(0.0).connect(6, 6, false, new SplittableRandom(1)).size());
        assertThrows(IllegalArgumentException.class, () -> Connector.fixedProbability(1.5));
    }

    @Test
    void cscIndexListsEachPostsIncomingSynapses() {
        SpikeSource pre = new SpikeSource("pre", 20);
        SpikeSource post = new SpikeSource("post", 15);
        Projection p = projection(pre, post, Connector.fixedProbability(0.4), 5);
        int[] inDegree = new int[15];
        for (int s = 0; s < p.synapseCount(); s++) {
            inDegree[p.postIndex()[s]]++;
        }
        for (int j = 0; j < 15; j++) {
            assertEquals(inDegree[j], p.colStart()[j + 1] - p.colStart()[j]);
            int[] ids = Arrays.copyOfRange(p.colSynapse(), p.colStart()[j], p.colStart()[j + 1]);
            for (int s : ids) {
                assertEquals(j, p.postIndex()[s]);
            }
        }
    }

    /** The pairs written out by the loops the connectors once ran: pre by pre in post order, self left out if asked. */
    private static SynapseList listedPairs(int nPre, int nPost, boolean withoutSelf) {
        SynapseList s = new SynapseList(4);
        for (int i = 0; i < nPre; i++) {
            for (int j = 0; j < nPost; j++) {
                if (!(withoutSelf && i == j)) {
                    s.add(i, j);
                }
            }
        }
        return s;
    }

    @Test
    void regularListsComputeTheListedPairs() {
        int[][] sizes = {{1, 1}, {3, 5}, {7, 7}, {0, 4}};
        for (int[] size : sizes) {
            SynapseList listed = listedPairs(size[0], size[1], false);
            SynapseList regular = SynapseList.allToAll(size[0], size[1]);
            assertEquals(SynapseList.Shape.ALL_TO_ALL, regular.shape());
            assertSamePairs(listed, regular, "all to all " + size[0] + "×" + size[1]);
            assertSamePairs(listed, Connector.allToAll().connect(size[0], size[1], false, null), "connector");
        }
        for (int n : new int[] {1, 2, 3, 8}) {
            SynapseList listed = listedPairs(n, n, true);
            assertSamePairs(listed, SynapseList.allButSelf(n), "all but self " + n);
            assertSamePairs(listed, Connector.allButSelf().connect(n, n, false, null), "all-but-self connector " + n);
            assertSamePairs(listed, Connector.allToAll().connect(n, n, true, null), "all to all within one population");
        }
        // adding to a regular list stores its pairs first, then appends
        SynapseList grown = SynapseList.allButSelf(3);
        grown.add(1, 1);
        SynapseList expected = listedPairs(3, 3, true);
        expected.add(1, 1);
        assertEquals(SynapseList.Shape.LISTED, grown.shape());
        assertSamePairs(expected, grown, "grown");
        assertThrows(IllegalArgumentException.class, () -> SynapseList.allToAll(70_000, 70_000));
    }

    private static void assertSamePairs(SynapseList expected, SynapseList got, String what) {
        assertEquals(expected.size(), got.size(), what + ": size");
        for (int k = 0; k < expected.size(); k++) {
            assertEquals(expected.pre(k), got.pre(k), what + ": pre of " + k);
            assertEquals(expected.post(k), got.post(k), what + ": post of " + k);
        }
    }

    /**
     * A projection of a regular shape holds no index lists until asked for them, and then has the ones a projection of
     * the same pairs listed one by one has; it propagates the same inputs, and its pre and post neurons of a synapse,
     * dense matrix and row and column starts are the listed projection's.
     */
    @Test
    void regularShapesBuildTheListedProjectionsIndexOnDemand() {
        int[][] shapes = {{6, 9, 0}, {8, 8, 1}};
        for (int[] shape : shapes) {
            boolean withoutSelf = shape[2] == 1;
            SpikeSource pre = new SpikeSource("pre", shape[0]);
            SpikeSource post = withoutSelf ? pre : new SpikeSource("post", shape[1]);
            SynapseList regular = withoutSelf ? SynapseList.allButSelf(shape[0]) : SynapseList.allToAll(shape[0], shape[1]);
            SynapseList listed = listedPairs(shape[0], shape[1], withoutSelf);
            float[] w = new float[listed.size()];
            for (int k = 0; k < w.length; k++) {
                w[k] = 0.01f * (k + 1);
            }
            Projection a = new Projection("regular", pre, post, Receptor.EXCITATORY, regular, w, 0f, 1f);
            Projection b = new Projection("listed", pre, post, Receptor.EXCITATORY, listed, w, 0f, 1f);
            String what = withoutSelf ? "all but self" : "all to all";
            assertEquals(withoutSelf, a.isAllButSelf(), what);
            assertEquals(!withoutSelf, a.isDense(), what);
            assertEquals(b.isDense(), a.isDense(), what);
            assertEquals(b.isAllButSelf(), a.isAllButSelf(), what);
            long listBytes = 4L * Integer.BYTES * w.length;
            assertEquals(b.bytes() - listBytes, a.bytes(), what + ": no lists held before they are asked for");
            assertArrayEquals(b.rowStart(), a.rowStart(), what);
            assertArrayEquals(b.colStart(), a.colStart(), what);
            assertArrayEquals(b.toDense(), a.toDense(), what);
            for (int s = 0; s < w.length; s++) {
                assertEquals(listed.pre(s), a.preOf(s), what + ": pre of " + s);
                assertEquals(listed.post(s), a.postOf(s), what + ": post of " + s);
            }
            assertEquals(b.bytes() - listBytes, a.bytes(), what + ": still none");
            assertArrayEquals(b.postIndex(), a.postIndex(), what);
            assertArrayEquals(b.preIndex(), a.preIndex(), what);
            assertArrayEquals(b.colSynapse(), a.colSynapse(), what);
            assertArrayEquals(b.colPre(), a.colPre(), what);
            assertEquals(b.bytes(), a.bytes(), what + ": the lists once built");
            assertTrue(a.frozenCopy(pre, post).colPre() == a.colPre(), what + ": shared, not built again");
            SpikeTrain train = new SpikeTrain();
            train.reset(1);
            for (int i = 0; i < shape[0]; i += 2) {
                train.add(0, i);
            }
            train.finish();
            pre.play(train);
            pre.integrate(0, 1.0, 0, new SplittableRandom(1));
            a.propagate();
            float[] fromRegular = post.excitatoryInput().clone();
            Arrays.fill(post.excitatoryInput(), 0f);
            b.propagate();
            assertArrayEquals(post.excitatoryInput(), fromRegular, what + ": propagation");
        }
    }

    /** A plastic projection that is not dense counts the lists its rule will build; a dense one does not. */
    @Test
    void bytesCountTheListsAPlasticRuleWillBuild() {
        SpikeSource e = new SpikeSource("e", 10);
        SpikeSource in = new SpikeSource("in", 4);
        float[] w = new float[90];
        Projection recurrent = new Projection("e_e", e, e, Receptor.EXCITATORY, SynapseList.allButSelf(10), w, 0f, 1f);
        long before = recurrent.bytes();
        Plasticity rule = new Plasticity() {
            @Override
            public void apply(Projection projection, int step) {
            }

            @Override
            public String name() {
                return "none";
            }

            @Override
            public double dtMs() {
                return 1.0;
            }
        };
        recurrent.withPlasticity(rule);
        assertEquals(before + 4L * Integer.BYTES * 90, recurrent.bytes());
        Projection input = new Projection("in_e", in, e, Receptor.EXCITATORY, SynapseList.allToAll(4, 10), new float[40],
                0f, 1f);
        long dense = input.bytes();
        input.withPlasticity(rule);
        assertEquals(dense, input.bytes());
    }

    /**
     * A frozen copy of a sparse projection whose rows pay as whole rows delivers through a dense matrix (its bytes
     * say so) and gives every post the same bits as the sparse rows, step after step, on both kernels: weights of both
     * signs over eight decades, ±0 among them, rows listed out of post order, several spikes a step. A projection on
     * the scalar kernels, one too wide for its rows, or one with two synapses on a pair keeps its rows.
     */
    @Test
    void frozenCopyDeliversTheSameBitsAsTheSparseRows() {
        SplittableRandom rng = new SplittableRandom(11);
        SynapseList rows = randomRows(60, 70, 18, rng); // 26 %: whole rows at 128, 256 and 512 bits
        SynapseList wide = randomRows(20, 1000, 10, rng); // 1 %: 1 000 posts are 63 vectors for 10 synapses
        SynapseList twice = new SynapseList(1024);
        for (int k = 0; k < rows.size(); k++) {
            twice.add(rows.pre(k), rows.post(k));
        }
        twice.add(0, rows.post(0)); // a second synapse on row 0's first pair
        for (Kernels kernels : new Kernels[] {Kernels.named("scalar"), Kernels.named("vector")}) {
            boolean simd = kernels.floatLanes() > 1;
            assertFrozenCopy(rows, 60, 70, simd, kernels, rng);
            assertFrozenCopy(wide, 20, 1000, false, kernels, rng);
            assertFrozenCopy(twice, 60, 70, false, kernels, rng);
        }
    }

    /** The rule's cases from the benchmark it was read from, and the scalar kernels. */
    @Test
    void wholeRowsPayForNarrowRowsOnSimdKernels() {
        assertTrue(Projection.wholeRowsPay(200, 16, 20), "the paper preset's input: 200 posts, p = 0.1");
        assertTrue(Projection.wholeRowsPay(50, 16, 4), "a row of four vectors with four synapses");
        assertFalse(Projection.wholeRowsPay(100, 16, 1), "one-to-one: a synapse for seven vectors");
        assertFalse(Projection.wholeRowsPay(1600, 16, 160), "1 600 posts, p = 0.1");
        assertFalse(Projection.wholeRowsPay(200, 1, 200), "scalar kernels, even all-to-all");
    }

    /** {@code perRow} distinct random posts for each pre neuron, listed in random order. */
    private static SynapseList randomRows(int nPre, int nPost, int perRow, SplittableRandom rng) {
        SynapseList syn = new SynapseList(nPre * perRow);
        for (int i = 0; i < nPre; i++) {
            for (int j : rng.ints(0, nPost).distinct().limit(perRow).toArray()) {
                syn.add(i, j);
            }
        }
        return syn;
    }

    private static void assertFrozenCopy(SynapseList syn, int nPre, int nPost, boolean matrix, Kernels kernels,
                                         SplittableRandom rng) {
        float[] w = new float[syn.size()];
        for (int k = 0; k < w.length; k++) {
            w[k] = (float) ((rng.nextBoolean() ? 1 : -1) * Math.pow(10, rng.nextDouble(-5, 3)));
        }
        w[1] = 0f;
        w[2] = -0f;
        SpikeSource pre = new SpikeSource("pre", nPre);
        SpikeSource post = new SpikeSource("post", nPost);
        SpikeSource pre2 = new SpikeSource("pre", nPre);
        SpikeSource post2 = new SpikeSource("post", nPost);
        Projection p = new Projection("p", pre, post, Receptor.EXCITATORY, syn, w, Float.NEGATIVE_INFINITY,
                Float.POSITIVE_INFINITY, kernels);
        Projection copy = p.frozenCopy(pre2, post2);
        String what = syn.size() + " synapses, " + kernels.name();
        assertEquals(p.bytes() + (matrix ? (long) Float.BYTES * nPre * nPost : 0), copy.bytes(), what + ": matrix");
        int steps = 40;
        SpikeTrain train = new SpikeTrain();
        train.reset(steps);
        for (int t = 0; t < steps; t++) {
            for (int i : rng.ints(0, nPre).distinct().limit(1 + t % 9).sorted().toArray()) {
                train.add(t, i);
            }
        }
        train.finish();
        pre.play(train);
        pre2.play(train);
        for (int t = 0; t < steps; t++) {
            pre.integrate(t, 1.0, 0, rng);
            pre2.integrate(t, 1.0, 0, rng);
            p.propagate();
            copy.propagate();
            for (int j = 0; j < nPost; j++) {
                assertEquals(Float.floatToRawIntBits(post.excitatoryInput()[j]),
                        Float.floatToRawIntBits(post2.excitatoryInput()[j]), what + ": post " + j + " at step " + t);
            }
        }
        assertEquals(p.synapticEvents(), copy.synapticEvents(), what);
    }

    /**
     * A synapse list made for other population sizes stopped with a bare ArrayIndexOutOfBoundsException naming no
     * projection; a negative index was accepted by the list.
     */
    @Test
    void synapsesMadeForOtherSizesAreRefusedNamingTheProjection() {
        SpikeSource in4 = new SpikeSource("in4", 4);
        SpikeSource e3 = new SpikeSource("e3", 3);
        SynapseList random = Connector.fixedProbability(0.5).connect(4, 30, false, new SplittableRandom(1));
        assertRefused(IllegalArgumentException.class, () -> new Projection("p", in4, e3, Receptor.EXCITATORY, random,
                new float[random.size()], 0, 1), "projection p: synapse ", "in4 (4 neurons) → e3 (3 neurons)");
        SynapseList threeByFour = SynapseList.allToAll(3, 4);
        assertRefused(IllegalArgumentException.class, () -> new Projection("q", in4, e3, Receptor.EXCITATORY,
                threeByFour, new float[12], 0, 1), "projection q: synapse 3 connects pre 0 to post 3");
        SynapseList listed = new SynapseList(2);
        assertRefused(IllegalArgumentException.class, () -> listed.add(-1, 0), "pre -1", ">= 0");
        assertRefused(IllegalArgumentException.class, () -> listed.add(0, -2), "post -2", ">= 0");
    }

    /**
     * A NaN or infinite initial weight turned the membrane NaN after a few steps and the run went on; a null receptor
     * was taken as inhibitory. (A finite weight outside the bounds is clamped, as documented.)
     */
    @Test
    void nonFiniteInitialWeightsAndMissingArgumentsAreRefused() {
        SpikeSource a = new SpikeSource("a", 2);
        SpikeSource b = new SpikeSource("b", 2);
        SynapseList syn = SynapseList.allToAll(2, 2);
        assertRefused(IllegalArgumentException.class, () -> new Projection("p", a, b, Receptor.EXCITATORY, syn,
                new float[] {0.1f, 0.2f, Float.NaN, 0.3f}, 0, 1), "projection p: synapse 2 has initial weight NaN");
        assertRefused(IllegalArgumentException.class, () -> new Projection("p", a, b, Receptor.EXCITATORY, syn,
                new float[] {Float.POSITIVE_INFINITY, 0, 0, 0}, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY),
                "synapse 0 has initial weight Infinity");
        assertRefused(NullPointerException.class, () -> new Projection("p", a, b, null, syn, new float[4], 0, 1),
                "projection p: receptor");
        assertRefused(NullPointerException.class, () -> new Projection(null, a, b, Receptor.EXCITATORY, syn,
                new float[4], 0, 1), "name");
        assertRefused(NullPointerException.class, () -> new Projection("p", null, b, Receptor.EXCITATORY, syn,
                new float[4], 0, 1), "projection p: pre population");
        assertRefused(NullPointerException.class, () -> new Projection("p", a, null, Receptor.EXCITATORY, syn,
                new float[4], 0, 1), "projection p: post population");
        Projection clamped = new Projection("p", a, b, Receptor.EXCITATORY, syn, new float[] {2, -1, 0.5f, 0}, 0, 1);
        assertArrayEquals(new float[] {1, 0, 0.5f, 0}, Arrays.copyOf(clamped.weights(), 4));
    }
}
