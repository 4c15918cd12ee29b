package io.somnus.readout;

/**
 * The cluster separation φ as the authors' code measures it ({@code calculate_phi}, {@code src/analysis.py:292-551
 * @40b7d33}), which differs from {@link ClusterSeparation} in where its space and its centroids come from:
 * <ol>
 *   <li>features whose (population) variance on the training rows is below 10⁻¹⁰ are dropped ({@code :370-384});</li>
 *   <li>the rest are standardised and projected on the principal components keeping {@code varianceToKeep} of the
 *       variance, <b>not whitened</b>, both fitted on the training rows ({@code :386-401});</li>
 *   <li>the class centroids μ_c come from the <b>training</b> rows (a class absent there keeps the origin,
 *       {@code :403-409});</li>
 *   <li>on the evaluated rows: WCSS = Σ_i ‖z_i − μ_{y_i}‖² against those training centroids, BCSS = Σ_c n_c ‖m_c − m‖²
 *       with the evaluated set's own class means m_c and mean m ({@code :510-531});</li>
 *   <li>φ = (BCSS / max(10⁻⁵, k − 1)) / (WCSS / max(10⁻⁵, n − k)), k the classes present in the evaluated set
 *       ({@code :533-543}).</li>
 * </ol>
 * Where their code gives up it returns 0, and so does this: fewer than 3 training rows, fewer than 2 features with
 * variance, fewer than 5 evaluated rows, WCSS ≤ 10⁻⁵, or a result that is not finite ({@code :363-382, 489-494,
 * 540-546}). Their rows are per-{@code num_steps} spike rates (mean spikes per step of each image's chunk); the
 * variance threshold is on that scale, so give rates, not counts. One difference that only shows at an exact tie:
 * {@link Pca} keeps components until the kept fraction is at least {@code varianceToKeep}, scikit-learn's
 * {@code PCA(n_components=0.95)} until it is strictly greater.
 */
public final class AuthorsClusterSeparation {
    /** Features with a smaller training variance are dropped ({@code analysis.py:377}). */
    static final double MIN_VARIANCE = 1e-10;
    /** Their {@code small_num}: floor of the degrees of freedom, and WCSS at or below it gives 0 ({@code :334}). */
    static final double SMALL = 1e-5;

    private AuthorsClusterSeparation() {
    }

    /**
     * φ of the evaluated rows in the space fitted on the training rows (neither array is modified).
     *
     * @param trainRates     training rows, one per image, features as spike rates
     * @param trainLabels    their classes in [0, numClasses)
     * @param evalRates      evaluated rows (validation or test), same features
     * @param evalLabels     their classes
     * @param numClasses     number of classes
     * @param varianceToKeep fraction of the variance the PCA keeps, in (0, 1]
     */
    public static double phi(double[][] trainRates, int[] trainLabels, double[][] evalRates, int[] evalLabels,
                             int numClasses, double varianceToKeep) {
        int d = Features.columns(trainRates, "training rates");
        Features.checkLabels(trainLabels, trainRates.length, numClasses);
        Features.checkColumns(evalRates, d, "evaluated rates");
        Features.checkLabels(evalLabels, evalRates.length, numClasses);
        int n = trainRates.length;
        if (n < 3) {
            return 0.0;
        }
        boolean[] kept = new boolean[d];
        int live = 0;
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (double[] r : trainRates) {
                mean += r[j];
            }
            mean /= n;
            double var = 0;
            for (double[] r : trainRates) {
                var += (r[j] - mean) * (r[j] - mean);
            }
            kept[j] = var / n >= MIN_VARIANCE;
            live += kept[j] ? 1 : 0;
        }
        if (live < 2 || evalRates.length < 5) {
            return 0.0;
        }
        double[][] train = keep(trainRates, kept, live);
        Standardizer scaler = Standardizer.fit(train);
        Pca pca = Pca.fit(scaler.transform(train), varianceToKeep, false);
        double[][] trainScores = pca.transform(scaler.transform(train));
        double[][] evalScores = pca.transform(scaler.transform(keep(evalRates, kept, live)));
        int k = pca.numComponents();
        double[][] centroids = classMeans(trainScores, trainLabels, numClasses, k);
        double[][] evalMeans = classMeans(evalScores, evalLabels, numClasses, k);
        int[] counts = new int[numClasses];
        double[] overall = new double[k];
        double wcss = 0;
        for (int i = 0; i < evalScores.length; i++) {
            counts[evalLabels[i]]++;
            for (int c = 0; c < k; c++) {
                double v = evalScores[i][c] - centroids[evalLabels[i]][c];
                wcss += v * v;
                overall[c] += evalScores[i][c];
            }
        }
        for (int c = 0; c < k; c++) {
            overall[c] /= evalScores.length;
        }
        double bcss = 0;
        int present = 0;
        for (int cl = 0; cl < numClasses; cl++) {
            if (counts[cl] > 0) {
                present++;
                for (int c = 0; c < k; c++) {
                    double v = evalMeans[cl][c] - overall[c];
                    bcss += counts[cl] * v * v;
                }
            }
        }
        if (wcss <= SMALL) {
            return 0.0;
        }
        int classes = Math.max(1, present);
        double phi = (bcss / Math.max(SMALL, classes - 1)) / (wcss / Math.max(SMALL, evalScores.length - classes));
        return Double.isFinite(phi) ? phi : 0.0;
    }

    private static double[][] keep(double[][] x, boolean[] kept, int live) {
        double[][] out = new double[x.length][live];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0, o = 0; j < kept.length; j++) {
                if (kept[j]) {
                    out[i][o++] = x[i][j];
                }
            }
        }
        return out;
    }

    /** Per-class means of the rows (zeros for a class without rows). */
    private static double[][] classMeans(double[][] z, int[] labels, int numClasses, int k) {
        double[][] sum = new double[numClasses][k];
        int[] counts = new int[numClasses];
        for (int i = 0; i < z.length; i++) {
            counts[labels[i]]++;
            for (int c = 0; c < k; c++) {
                sum[labels[i]][c] += z[i][c];
            }
        }
        for (int cl = 0; cl < numClasses; cl++) {
            for (int c = 0; c < k && counts[cl] > 0; c++) {
                sum[cl][c] /= counts[cl];
            }
        }
        return sum;
    }
}
