package io.somnus.readout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.somnus.DebianPython;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

class AuthorsClusterSeparationTest {
    private static double[][] line(double... x1) {
        double[][] out = new double[x1.length][];
        for (int i = 0; i < x1.length; i++) {
            out[i] = new double[]{x1[i], 2 * x1[i], 0.5}; // x2 = 2·x1 (one component), x3 constant (dropped)
        }
        return out;
    }

    /**
     * Worked by hand. Training x1 = 0, 1, 3, 4 (classes 0, 0, 1, 1), x2 = 2·x1, x3 constant: x3 is dropped, x1 and x2
     * standardise to the same z = (x1 − 2)/√2.5, so one component keeps all the variance and the score is
     * √2·z = (x1 − 2)·a with a = √0.8; the training centroids are ∓1.5a. Evaluated x1 = 1, 2, 2 (class 0) and
     * 5, 4, 3 (class 1) score −a, 0, 0 and 3a, 2a, a. WCSS against the training centroids = (0.25 + 2.25 + 2.25 +
     * 2.25 + 0.25 + 0.25)·a² = 7.5a² = 6; BCSS with the evaluated means −a/3, 2a around 5a/6 = 2·3·(7/6)²·a² =
     * 49/6·0.8; φ = (BCSS/1)/(WCSS/4) = 196/45. Somnus's φ (the evaluated set's own means) is 12.25 here.
     */
    @Test
    void tinyTwoClassCaseWorkedByHand() {
        double[][] train = line(0, 1, 3, 4);
        double[][] eval = line(1, 2, 2, 5, 4, 3);
        int[] yEval = {0, 0, 0, 1, 1, 1};
        double phi = AuthorsClusterSeparation.phi(train, new int[]{0, 0, 1, 1}, eval, yEval, 2, 0.95);
        assertEquals(196.0 / 45.0, phi, 1e-12);
        double[][] z = new double[eval.length][];
        for (int i = 0; i < eval.length; i++) {
            z[i] = new double[]{eval[i][0]};
        }
        assertEquals(12.25, ClusterSeparation.phi(z, yEval, 2), 1e-12);
    }

    /** Where their code returns 0: too few rows, no variance, perfect clusters (WCSS = 0). */
    @Test
    void givesZeroWhereTheirCodeGivesUp() {
        int[] y4 = {0, 0, 1, 1};
        int[] y6 = {0, 0, 0, 1, 1, 1};
        assertEquals(0.0, AuthorsClusterSeparation.phi(line(0, 1), new int[]{0, 1}, line(1, 2, 2, 5, 4, 3), y6, 2, 0.95));
        assertEquals(0.0, AuthorsClusterSeparation.phi(line(0, 1, 3, 4), y4, line(1, 2, 5, 4), y4, 2, 0.95));
        assertEquals(0.0, AuthorsClusterSeparation.phi(line(1, 1, 1, 1), y4, line(1, 2, 2, 5, 4, 3), y6, 2, 0.95));
        assertEquals(0.0, AuthorsClusterSeparation.phi(line(0, 1, 3, 4), y4, line(0.5, 0.5, 0.5, 3.5, 3.5, 3.5), y6,
                2, 0.95), 0.0);
    }

    /**
     * Against scikit-learn's StandardScaler and PCA(n_components=0.95) following their recipe step by step (variance
     * filter, scaler and PCA fitted on the training rows, training centroids, evaluated-set BCSS), on 3 noisy
     * classes in 12 correlated features, one of them constant. Runs when Debian's python3-sklearn is installed;
     * skipped otherwise.
     */
    @Test
    void matchesScikitLearn() throws Exception {
        assumeTrue(DebianPython.has("sklearn", "numpy"), "Debian python3-sklearn is not installed");
        SplittableRandom rng = new SplittableRandom(3);
        double[][] train = blobs(rng, 60);
        double[][] eval = blobs(rng, 45);
        int[] yTrain = labels(60);
        int[] yEval = labels(45);
        String script = String.join("\n",
                "import sys, numpy as np",
                "from sklearn.preprocessing import StandardScaler",
                "from sklearn.decomposition import PCA",
                "rows = [l.split() for l in sys.stdin if l.strip()]",
                "tr = np.array([[float(v) for v in r[1:]] for r in rows if r[0] == 't'])",
                "yt = np.array([i % 3 for i in range(len(tr))])",
                "ev = np.array([[float(v) for v in r[1:]] for r in rows if r[0] == 'e'])",
                "ye = np.array([i % 3 for i in range(len(ev))])",
                "keep = np.var(tr, axis=0) >= 1e-10",
                "sc = StandardScaler().fit(tr[:, keep])",
                "pca = PCA(n_components=0.95).fit(sc.transform(tr[:, keep]))",
                "zt = pca.transform(sc.transform(tr[:, keep])); ze = pca.transform(sc.transform(ev[:, keep]))",
                "cen = {c: zt[yt == c].mean(axis=0) for c in range(3)}",
                "w = sum(((ze[i] - cen[ye[i]]) ** 2).sum() for i in range(len(ze)))",
                "m = ze.mean(axis=0)",
                "b = sum((ye == c).sum() * ((ze[ye == c].mean(axis=0) - m) ** 2).sum() for c in range(3))",
                "print(repr((b / 2) / (w / (len(ze) - 3))), pca.n_components_)");
        StringBuilder in = new StringBuilder();
        append(in, "t", train);
        append(in, "e", eval);
        DebianPython.Result r = DebianPython.run(script, in.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        String[] out = r.stdout().trim().split(" ");
        double expected = Double.parseDouble(out[0]);
        assertTrue(expected > 1 && Integer.parseInt(out[1]) > 1, "a separated case in more than one component: " + r.stdout());
        double phi = AuthorsClusterSeparation.phi(train, yTrain, eval, yEval, 3, 0.95);
        assertEquals(expected, phi, 1e-9 * expected);
    }

    private static double[][] blobs(SplittableRandom rng, int n) {
        double[][] x = new double[n][12];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            double shared = rng.nextDouble();
            for (int j = 0; j < 12; j++) {
                x[i][j] = j == 5 ? 0.25 : 0.05 * (c == j % 3 ? 1 : 0) + 0.03 * shared * (j % 4) + 0.02 * rng.nextDouble();
            }
        }
        return x;
    }

    private static int[] labels(int n) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
        }
        return y;
    }

    private static void append(StringBuilder in, String tag, double[][] x) {
        for (double[] r : x) {
            StringJoiner j = new StringJoiner(" ", tag + " ", "\n");
            for (double v : r) {
                j.add(Double.toString(v));
            }
            in.append(j);
        }
    }
}
