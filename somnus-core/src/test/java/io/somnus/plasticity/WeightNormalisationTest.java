package io.somnus.plasticity;

import static io.somnus.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.kernel.Kernels;
import io.somnus.neuron.SpikeSource;
import io.somnus.synapse.Connector;
import io.somnus.synapse.Projection;
import io.somnus.synapse.Receptor;
import io.somnus.synapse.SettledColumns;
import io.somnus.synapse.SynapseList;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Normalisation of a dense projection skips the columns that settled, sums the few open ones down their columns
 * and all of them row by row when many are open: every way must give the weights of the plain loops (each
 * column's sum in double, pre neurons in order, its scale total/sum as a float, 1 for a sum of 0).
 */
class WeightNormalisationTest {
    private static final int PRE = 30;
    private static final int POST = 12;
    private static final double TOTAL = 7.5;

    /** The plain loops, on a row-major [pre][post] copy (also {@link EventDrivenStdpTest}'s reference). */
    static void normalise(float[] w, int pre, int post, double total) {
        for (int j = 0; j < post; j++) {
            double sum = 0;
            for (int i = 0; i < pre; i++) {
                sum += w[i * post + j];
            }
            float scale = sum != 0 ? (float) (total / sum) : 1f;
            for (int i = 0; i < pre; i++) {
                w[i * post + j] *= scale;
            }
        }
    }

    /**
     * 400 rounds of writes and a normalisation: a few columns rewritten with their writes reported (the column
     * walks), a column set to 0, or synapses anywhere written through {@link Projection#weights()} (everything
     * open: the row-wise sums).
     */
    @Test
    void normalisingWhatIsOpenGivesThePlainLoopsWeights() {
        for (Kernels kernels : new Kernels[] {Kernels.scalar(), Kernels.vector()}) {
            SplittableRandom r = new SplittableRandom(5);
            float[] init = new float[PRE * POST];
            for (int s = 0; s < init.length; s++) {
                init[s] = (float) r.nextDouble();
            }
            SynapseList syn = Connector.allToAll().connect(PRE, POST, false, new SplittableRandom(1));
            Projection p = new Projection("p", new SpikeSource("a", PRE), new SpikeSource("b", POST),
                    Receptor.EXCITATORY, syn, init, 0f, Float.POSITIVE_INFINITY, kernels);
            float[] expected = init.clone();
            WeightNormalisation n = new WeightNormalisation(TOTAL);
            int fewOpen = 0;
            int manyOpen = 0;
            for (int round = 0; round < 400; round++) {
                double action = r.nextDouble();
                if (action < 0.6) {
                    for (int c = 1 + r.nextInt(3); c > 0; c--) {
                        int j = r.nextInt(POST);
                        p.settledColumns().disturb(j);
                        for (int i = r.nextInt(PRE); i < PRE; i += 1 + r.nextInt(4)) {
                            float x = (float) r.nextDouble();
                            p.weightsForColumnWrites()[i * POST + j] = x;
                            expected[i * POST + j] = x;
                        }
                    }
                } else if (action < 0.7) {
                    int j = r.nextInt(POST);
                    p.settledColumns().disturb(j);
                    for (int i = 0; i < PRE; i++) {
                        p.weightsForColumnWrites()[i * POST + j] = 0f;
                        expected[i * POST + j] = 0f;
                    }
                } else if (action < 0.8) {
                    int s = r.nextInt(PRE * POST);
                    float x = (float) r.nextDouble();
                    p.weights()[s] = x;
                    expected[s] = x;
                }
                int open = open(p.settledColumns());
                fewOpen += open > 0 && open * 4 <= POST ? 1 : 0;
                manyOpen += open * 4 > POST ? 1 : 0;
                n.apply(p);
                normalise(expected, PRE, POST, TOTAL);
                assertArrayEquals(expected, p.toDense(), kernels.name() + ", round " + round);
            }
            assertTrue(fewOpen > 50 && manyOpen > 50, "both ways taken: " + fewOpen + " and " + manyOpen + " rounds");
        }
    }

    /**
     * With few columns open the non-finite check reads only them, yet finds the first bad weight in synapse order, as
     * a plain scan does: bad values (NaN, ±∞) in one to three rewritten columns, or anywhere through
     * {@link Projection#weights()}, after normalisations that settled the rest.
     */
    @Test
    void theNonFiniteCheckFindsTheFirstBadWeightAmongTheOpenColumns() {
        SplittableRandom r = new SplittableRandom(9);
        float[] init = new float[PRE * POST];
        for (int s = 0; s < init.length; s++) {
            init[s] = (float) r.nextDouble();
        }
        SynapseList syn = Connector.allToAll().connect(PRE, POST, false, new SplittableRandom(1));
        Projection p = new Projection("p", new SpikeSource("a", PRE), new SpikeSource("b", POST), Receptor.EXCITATORY,
                syn, init, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, Kernels.vector());
        WeightNormalisation n = new WeightNormalisation(TOTAL);
        float[] bad = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        int fewOpen = 0;
        for (int round = 0; round < 200; round++) {
            n.apply(p);
            n.apply(p);
            boolean anywhere = r.nextDouble() < 0.2;
            float[] w = anywhere ? p.weights() : p.weightsForColumnWrites();
            int[] at = new int[1 + r.nextInt(3)];
            float[] kept = new float[at.length];
            for (int k = 0; k < at.length; k++) {
                at[k] = anywhere ? r.nextInt(w.length) : r.nextInt(PRE) * POST + r.nextInt(POST);
                p.settledColumns().disturb(at[k] % POST);
                kept[k] = w[at[k]];
            }
            for (int k = 0; k < at.length; k++) {
                w[at[k]] = bad[r.nextInt(bad.length)];
            }
            int open = open(p.settledColumns());
            fewOpen += p.settledColumns().fewOpen(open) ? 1 : 0;
            int first = -1;
            for (int s = 0; s < w.length && first < 0; s++) {
                first = Float.isFinite(w[s]) ? -1 : s;
            }
            assertEquals(first, p.firstNonFiniteWeight(), "round " + round);
            for (int k = at.length - 1; k >= 0; k--) {
                w[at[k]] = kept[k];
            }
            assertEquals(-1, p.firstNonFiniteWeight(), "round " + round + ", restored");
        }
        assertTrue(fewOpen > 100, fewOpen + " rounds with few columns open");
    }

    private static int open(SettledColumns s) {
        return s.open(new int[POST]);
    }

    /** An infinite total was accepted and scaled every weight of a column with a non-zero sum to ±∞. */
    @Test
    void theTotalMustBeFinite() {
        assertRefused(IllegalArgumentException.class, () -> new WeightNormalisation(Double.POSITIVE_INFINITY),
                "normalisation total", "Infinity");
    }
}
