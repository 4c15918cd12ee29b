package io.somnus.readout;

import static io.somnus.kernel.LoopCarried.exact;

import io.somnus.kernel.DoubleLanes;
import io.somnus.kernel.LoopCarried;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.Vector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DenseProducts#multiply} on the Vector API, with the same bits: each entry is still {@code 0.0}, then
 * {@code c += a·b} (a multiply, then an add: never a fused multiply-add) over the inner index in ascending order. The
 * vectors run across output columns, so no sum is reordered; what changes is that a row's outputs stay in registers
 * over the inner loop instead of going through memory at every term (about 5× faster at 300 × 200 × 10).
 * <p>
 * The plain loops skip the terms whose {@code a} is exactly 0; these add every term, without a branch. That gives the
 * same bits when {@code b} is finite: the term is then ±0, and {@code s + (±0) = s} for every partial sum {@code s}
 * except {@code −0}, which a sum that starts at {@code +0} never reaches (in round-to-nearest {@code x + (−x) = +0}
 * and {@code +0 + (−0) = +0}). A {@code b} with an infinity or NaN goes to the plain loops.
 * <p>
 * Also the preconditioner's triangular solves ({@link #choleskySolve}), with every class of a row in vectors, and the
 * trailing updates of its factorisation ({@link #choleskyUpdate}), lane by lane the plain loop's operations.
 * Loaded only when the JVM has {@code jdk.incubator.vector} ({@link DenseProducts} decides).
 */
final class VectorDenseProducts {
    /** 4 doubles where the CPU has 256-bit vectors, 2 otherwise: the JVM's one double species ({@link DoubleLanes}). */
    private static final VectorSpecies<Double> S = DoubleLanes.SPECIES;
    private static final int L = S.length();
    /** The species' concrete vector class, for {@link LoopCarried#exact}. */
    private static final Class<? extends Vector<Double>> VECTOR = S.vectorType();

    private VectorDenseProducts() {
    }

    /** As {@link DenseProducts#multiply}. */
    static void multiply(double[] a, double[] b, double[] c, int rows, int inner, int cols) {
        if (!DenseProducts.allFinite(b, inner * cols)) {
            DenseProducts.multiplyScalar(a, b, c, rows, inner, cols);
            return;
        }
        if ((long) inner * cols > WIDE_B && cols > 3 * L) {
            multiplyWide(a, b, c, rows, inner, cols);
            return;
        }
        // b with its rows padded by zeros to a whole number of vectors: the padding lanes are discarded
        int wp = paddedWidth(cols);
        double[] bp = new double[inner * wp];
        for (int k = 0; k < inner; k++) {
            System.arraycopy(b, k * cols, bp, k * wp, cols);
        }
        double[] row = new double[wp];
        int i = 0;
        if (wp == 3 * L) { // the regressions' ten classes: two rows at a time, six independent sums
            double[] two = new double[2 * wp];
            for (; i + 2 <= rows; i += 2) {
                twoRowsThreeVectors(a, i * inner, inner, bp, two);
                System.arraycopy(two, 0, c, i * cols, cols);
                System.arraycopy(two, wp, c, (i + 1) * cols, cols);
            }
        }
        for (; i < rows; i++) {
            int ai = i * inner;
            int j = 0;
            for (; j + 3 * L <= wp; j += 3 * L) {
                threeVectors(a, ai, inner, bp, wp, j, row);
            }
            for (; j < wp; j += L) {
                oneVector(a, ai, inner, bp, wp, j, row);
            }
            System.arraycopy(row, 0, c, i * cols, cols);
        }
    }

    /**
     * As {@link DenseProducts#transposeMultiply}: {@code out (d × k) = xᵀ r} without a transposed copy of x (n·d
     * doubles: 1 GiB for the linear readout at N_e = 6 400). The sums run in {@code acc} as k rows of d, one class's
     * row per vector pass over a row of x; each entry is still {@code 0.0}, then {@code += x·r} over the rows in
     * ascending order, every term added (the same bits for a finite r, as {@link #multiply}).
     */
    static void transposeMultiply(double[] x, double[] r, double[] out, int n, int d, int k) {
        if (!DenseProducts.allFinite(r, n * k)) {
            DenseProducts.transposeMultiplyScalar(x, r, out, n, d, k);
            return;
        }
        double[] acc = new double[k * d];
        int bound = S.loopBound(d);
        for (int i = 0; i < n; i++) {
            int xi = i * d;
            for (int c = 0; c < k; c++) {
                double ric = r[i * k + c];
                DoubleVector rv = DoubleVector.broadcast(S, ric);
                int o = c * d;
                int j = 0;
                for (; j < bound; j += L) {
                    DoubleVector sum = DoubleVector.fromArray(S, acc, o + j);
                    sum.add(DoubleVector.fromArray(S, x, xi + j).mul(rv)).intoArray(acc, o + j);
                }
                for (; j < d; j++) {
                    acc[o + j] += x[xi + j] * ric;
                }
            }
        }
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                out[j * k + c] = acc[c * d + j];
            }
        }
    }

    /**
     * {@link #multiply} for a b too large for the cache (a PCA's projection: 6 400 features × thousands of
     * components), as a blocked product: b packed in panels of {@link #PANEL} columns, each panel's rows contiguous
     * (read in order, where b's own rows put each panel's entries a whole row of b apart), and {@link #ROW_CHUNK} rows
     * of a passed over every panel, four at a time, before the next rows. b then streams from memory once per chunk
     * instead of once per row of a. The sums are the same: ascending over the inner index, every term added.
     */
    private static void multiplyWide(double[] a, double[] b, double[] c, int rows, int inner, int cols) {
        int panels = (cols + PANEL - 1) / PANEL;
        double[] packed = new double[panels * inner * PANEL]; // columns past cols stay 0, their lanes discarded
        for (int p = 0; p < panels; p++) {
            int j0 = p * PANEL;
            int w = Math.min(PANEL, cols - j0);
            for (int k = 0; k < inner; k++) {
                System.arraycopy(b, k * cols + j0, packed, (p * inner + k) * PANEL, w);
            }
        }
        double[] lanes = new double[PANEL];
        for (int i0 = 0; i0 < rows; i0 += ROW_CHUNK) {
            int i1 = Math.min(rows, i0 + ROW_CHUNK);
            for (int p = 0; p < panels; p++) {
                int j0 = p * PANEL;
                int w = Math.min(PANEL, cols - j0);
                int i = i0;
                for (; i + 4 <= i1; i += 4) {
                    fourRowsOnePanel(a, i * inner, inner, packed, p * inner * PANEL, c, i * cols + j0, cols, w, lanes);
                }
                for (; i < i1; i++) {
                    oneRowOnePanel(a, i * inner, inner, packed, p * inner * PANEL, c, i * cols + j0, w, lanes);
                }
            }
        }
    }

    /**
     * Four rows of a times one panel. The sums leave the method through arrays only: passed to a helper, the eight
     * vectors were boxed in the loop (an allocation per vector and step: 3 instead of 16 GMAC/s).
     */
    private static void fourRowsOnePanel(double[] a, int ai, int inner, double[] packed, int po, double[] c, int ci,
            int cols, int w, double[] lanes) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S);
        DoubleVector c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S);
        DoubleVector c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S);
        DoubleVector c31 = DoubleVector.zero(S);
        for (int k = 0, bk = po; k < inner; k++, bk += PANEL) {
            DoubleVector b0 = DoubleVector.fromArray(S, packed, bk);
            DoubleVector b1 = DoubleVector.fromArray(S, packed, bk + L);
            DoubleVector x0 = DoubleVector.broadcast(S, a[ai + k]);
            c00 = exact(VECTOR, c00).add(x0.mul(b0));
            c01 = exact(VECTOR, c01).add(x0.mul(b1));
            DoubleVector x1 = DoubleVector.broadcast(S, a[ai + inner + k]);
            c10 = exact(VECTOR, c10).add(x1.mul(b0));
            c11 = exact(VECTOR, c11).add(x1.mul(b1));
            DoubleVector x2 = DoubleVector.broadcast(S, a[ai + 2 * inner + k]);
            c20 = exact(VECTOR, c20).add(x2.mul(b0));
            c21 = exact(VECTOR, c21).add(x2.mul(b1));
            DoubleVector x3 = DoubleVector.broadcast(S, a[ai + 3 * inner + k]);
            c30 = exact(VECTOR, c30).add(x3.mul(b0));
            c31 = exact(VECTOR, c31).add(x3.mul(b1));
        }
        if (w == PANEL) {
            c00.intoArray(c, ci);
            c01.intoArray(c, ci + L);
            c10.intoArray(c, ci + cols);
            c11.intoArray(c, ci + cols + L);
            c20.intoArray(c, ci + 2 * cols);
            c21.intoArray(c, ci + 2 * cols + L);
            c30.intoArray(c, ci + 3 * cols);
            c31.intoArray(c, ci + 3 * cols + L);
        } else { // the last panel, past cols: through the scratch lanes
            c00.intoArray(lanes, 0);
            c01.intoArray(lanes, L);
            System.arraycopy(lanes, 0, c, ci, w);
            c10.intoArray(lanes, 0);
            c11.intoArray(lanes, L);
            System.arraycopy(lanes, 0, c, ci + cols, w);
            c20.intoArray(lanes, 0);
            c21.intoArray(lanes, L);
            System.arraycopy(lanes, 0, c, ci + 2 * cols, w);
            c30.intoArray(lanes, 0);
            c31.intoArray(lanes, L);
            System.arraycopy(lanes, 0, c, ci + 3 * cols, w);
        }
    }

    private static void oneRowOnePanel(double[] a, int ai, int inner, double[] packed, int po, double[] c, int ci,
            int w, double[] lanes) {
        DoubleVector c0 = DoubleVector.zero(S);
        DoubleVector c1 = DoubleVector.zero(S);
        for (int k = 0, bk = po; k < inner; k++, bk += PANEL) {
            DoubleVector x = DoubleVector.broadcast(S, a[ai + k]);
            c0 = exact(VECTOR, c0).add(x.mul(DoubleVector.fromArray(S, packed, bk)));
            c1 = exact(VECTOR, c1).add(x.mul(DoubleVector.fromArray(S, packed, bk + L)));
        }
        c0.intoArray(lanes, 0);
        c1.intoArray(lanes, L);
        System.arraycopy(lanes, 0, c, ci, w);
    }

    /**
     * Two rows of a times a b of exactly three vectors' width (padded), into {@code out} (two rows of 3L): each load of
     * b serves both rows, and six chains of additions run side by side where one row's three waited on each other.
     */
    private static void twoRowsThreeVectors(double[] a, int ai, int inner, double[] bp, double[] out) {
        DoubleVector c0 = DoubleVector.zero(S);
        DoubleVector c1 = DoubleVector.zero(S);
        DoubleVector c2 = DoubleVector.zero(S);
        DoubleVector d0 = DoubleVector.zero(S);
        DoubleVector d1 = DoubleVector.zero(S);
        DoubleVector d2 = DoubleVector.zero(S);
        for (int k = 0, bk = 0; k < inner; k++, bk += 3 * L) {
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bk);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bk + L);
            DoubleVector b2 = DoubleVector.fromArray(S, bp, bk + 2 * L);
            DoubleVector x = DoubleVector.broadcast(S, a[ai + k]);
            DoubleVector y = DoubleVector.broadcast(S, a[ai + inner + k]);
            c0 = exact(VECTOR, c0).add(x.mul(b0));
            c1 = exact(VECTOR, c1).add(x.mul(b1));
            c2 = exact(VECTOR, c2).add(x.mul(b2));
            d0 = exact(VECTOR, d0).add(y.mul(b0));
            d1 = exact(VECTOR, d1).add(y.mul(b1));
            d2 = exact(VECTOR, d2).add(y.mul(b2));
        }
        c0.intoArray(out, 0);
        c1.intoArray(out, L);
        c2.intoArray(out, 2 * L);
        d0.intoArray(out, 3 * L);
        d1.intoArray(out, 4 * L);
        d2.intoArray(out, 5 * L);
    }

    private static void threeVectors(double[] a, int ai, int inner, double[] bp, int wp, int j, double[] row) {
        DoubleVector c0 = DoubleVector.zero(S);
        DoubleVector c1 = DoubleVector.zero(S);
        DoubleVector c2 = DoubleVector.zero(S);
        for (int k = 0, bk = j; k < inner; k++, bk += wp) {
            DoubleVector x = DoubleVector.broadcast(S, a[ai + k]);
            c0 = exact(VECTOR, c0).add(x.mul(DoubleVector.fromArray(S, bp, bk)));
            c1 = exact(VECTOR, c1).add(x.mul(DoubleVector.fromArray(S, bp, bk + L)));
            c2 = exact(VECTOR, c2).add(x.mul(DoubleVector.fromArray(S, bp, bk + 2 * L)));
        }
        c0.intoArray(row, j);
        c1.intoArray(row, j + L);
        c2.intoArray(row, j + 2 * L);
    }

    private static void oneVector(double[] a, int ai, int inner, double[] bp, int wp, int j, double[] row) {
        DoubleVector c0 = DoubleVector.zero(S);
        for (int k = 0, bk = j; k < inner; k++, bk += wp) {
            c0 = exact(VECTOR, c0).add(DoubleVector.broadcast(S, a[ai + k]).mul(DoubleVector.fromArray(S, bp, bk)));
        }
        c0.intoArray(row, j);
    }

    /**
     * Entries of b above which {@link #multiply} runs blocked ({@link #multiplyWide}) when b is also wider than three
     * vectors: 64 Ki doubles (512 KiB), more than a core's L2 holds beside the rest (the PCA's projection of thousands
     * of features on hundreds of components or more). The regressions' products with ten classes, however many rows b
     * has, take two rows of a at a time instead ({@link #twoRowsThreeVectors}).
     */
    static final long WIDE_B = 1 << 16;
    /** Columns of b per packed panel of {@link #multiplyWide}: two vectors. */
    private static final int PANEL = 2 * L;
    /** Rows of a per pass over b's panels: 64 rows of 6 400 doubles (3.3 MB) stay in the L3 cache meanwhile. */
    private static final int ROW_CHUNK = 64;

    /** Rows of X whose entries of a tile's columns are summed before the next rows: 128 × 512 doubles stay in L2. */
    private static final int GRAM_SAMPLES = 128;

    /**
     * {@link DenseProducts#gramScalar} (finite X) with four vectors of each of two rows of XᵀX held in registers over
     * {@link #GRAM_SAMPLES} rows of X at a time (each vector of X loaded serves both rows): each entry still sums {@code x_ia · x_ib} (a multiply, then an add)
     * over the rows in ascending order, with the terms the plain loop skips added as ±0. A row's first vector may
     * start left of the diagonal: those entries of the lower triangle are the caller's to overwrite. The columns
     * beyond the last whole vector go through the plain loop.
     */
    static void gram(double[] x, int n, int d, double[] g, int tileRows, int tileCols) {
        int dv = d - d % L;
        int tc = Math.max(L, tileCols / L * L);
        for (int a0 = 0; a0 < dv; a0 += tileRows) {
            int a1 = Math.min(dv, a0 + tileRows);
            for (int b0 = a0 / tc * tc; b0 < dv; b0 += tc) {
                int b1 = Math.min(dv, b0 + tc);
                for (int i0 = 0; i0 < n; i0 += GRAM_SAMPLES) {
                    int i1 = Math.min(n, i0 + GRAM_SAMPLES);
                    int a = a0;
                    for (; a + 1 < a1; a += 2) {
                        // two rows of XᵀX share each vector of x loaded: the second's entries left of its own
                        // diagonal (at most one vector's worth) are lower-triangle entries, the caller's to overwrite
                        int b = Math.max(b0, a / L * L);
                        for (; b + 4 * L <= b1; b += 4 * L) {
                            gramTwoRowsFour(x, d, g, a, b, i0, i1);
                        }
                        for (; b < b1; b += L) {
                            gramOne(x, d, g, a, b, i0, i1);
                            gramOne(x, d, g, a + 1, b, i0, i1);
                        }
                    }
                    if (a < a1) { // an odd row left in the tile (only with odd tiles: whole vectors make the defaults even)
                        for (int b = Math.max(b0, a / L * L); b < b1; b += L) {
                            gramOne(x, d, g, a, b, i0, i1);
                        }
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            int xi = i * d;
            for (int a = 0; a < d; a++) {
                double xa = x[xi + a];
                for (int b = Math.max(a, dv); b < d; b++) {
                    g[a * d + b] += xa * x[xi + b];
                }
            }
        }
    }

    private static void gramTwoRowsFour(double[] x, int d, double[] g, int a, int b, int i0, int i1) {
        int o = a * d + b;
        int p = o + d;
        DoubleVector g0 = DoubleVector.fromArray(S, g, o);
        DoubleVector g1 = DoubleVector.fromArray(S, g, o + L);
        DoubleVector g2 = DoubleVector.fromArray(S, g, o + 2 * L);
        DoubleVector g3 = DoubleVector.fromArray(S, g, o + 3 * L);
        DoubleVector h0 = DoubleVector.fromArray(S, g, p);
        DoubleVector h1 = DoubleVector.fromArray(S, g, p + L);
        DoubleVector h2 = DoubleVector.fromArray(S, g, p + 2 * L);
        DoubleVector h3 = DoubleVector.fromArray(S, g, p + 3 * L);
        for (int i = i0, xi = i0 * d; i < i1; i++, xi += d) {
            DoubleVector xa = DoubleVector.broadcast(S, x[xi + a]);
            DoubleVector xc = DoubleVector.broadcast(S, x[xi + a + 1]);
            DoubleVector v0 = DoubleVector.fromArray(S, x, xi + b);
            DoubleVector v1 = DoubleVector.fromArray(S, x, xi + b + L);
            DoubleVector v2 = DoubleVector.fromArray(S, x, xi + b + 2 * L);
            DoubleVector v3 = DoubleVector.fromArray(S, x, xi + b + 3 * L);
            g0 = exact(VECTOR, g0).add(xa.mul(v0));
            g1 = exact(VECTOR, g1).add(xa.mul(v1));
            g2 = exact(VECTOR, g2).add(xa.mul(v2));
            g3 = exact(VECTOR, g3).add(xa.mul(v3));
            h0 = exact(VECTOR, h0).add(xc.mul(v0));
            h1 = exact(VECTOR, h1).add(xc.mul(v1));
            h2 = exact(VECTOR, h2).add(xc.mul(v2));
            h3 = exact(VECTOR, h3).add(xc.mul(v3));
        }
        g0.intoArray(g, o);
        g1.intoArray(g, o + L);
        g2.intoArray(g, o + 2 * L);
        g3.intoArray(g, o + 3 * L);
        h0.intoArray(g, p);
        h1.intoArray(g, p + L);
        h2.intoArray(g, p + 2 * L);
        h3.intoArray(g, p + 3 * L);
    }

    private static void gramOne(double[] x, int d, double[] g, int a, int b, int i0, int i1) {
        int o = a * d + b;
        DoubleVector g0 = DoubleVector.fromArray(S, g, o);
        for (int i = i0, xi = i0 * d; i < i1; i++, xi += d) {
            g0 = exact(VECTOR, g0).add(DoubleVector.broadcast(S, x[xi + a]).mul(DoubleVector.fromArray(S, x, xi + b)));
        }
        g0.intoArray(g, o);
    }

    /** {@code cols} rounded up to whole vectors. */
    static int paddedWidth(int cols) {
        return (cols + L - 1) / L * L;
    }

    /**
     * {@link CovariancePreconditioner#choleskySolve} with every row of {@code work} held in vectors: {@code stride} (a
     * multiple of the vector length, see {@link #paddedWidth}) columns, padding included; the same operations on each
     * lane in the same order ({@code w − l·v}, a multiply then a subtract; {@code w · (1 / l_ii)}). The entries of L
     * below the diagonal come as the nonzero ones of each row ({@link LowerRows}), so the loops have no branch: a
     * vector updated on one path of a branch (a phi) left C2 running the loop on the Vector API's slow Java fallback.
     */
    static void choleskySolve(double[] lower, int d, LowerRows rows, double[] work, int stride) {
        for (int i = 0; i < d; i++) {
            double inv = 1.0 / lower[i * d + i];
            int c = 0;
            for (; c + 3 * L <= stride; c += 3 * L) {
                forwardThree(rows, i, inv, work, stride, c);
            }
            for (; c < stride; c += L) {
                forwardOne(rows, i, inv, work, stride, c);
            }
        }
        for (int i = d - 1; i >= 0; i--) {
            int oi = i * stride;
            DoubleVector inv = DoubleVector.broadcast(S, 1.0 / lower[i * d + i]);
            for (int c = 0; c < stride; c += L) {
                DoubleVector.fromArray(S, work, oi + c).mul(inv).intoArray(work, oi + c);
            }
            // independent rows j: the loop runs at the loads' and stores' pace, not the subtraction's latency
            for (int t = rows.start[i], end = rows.start[i + 1]; t < end; t++) {
                DoubleVector l = DoubleVector.broadcast(S, rows.value[t]);
                int oj = rows.column[t] * stride;
                for (int c = 0; c < stride; c += L) {
                    DoubleVector.fromArray(S, work, oj + c).sub(l.mul(DoubleVector.fromArray(S, work, oi + c)))
                            .intoArray(work, oj + c);
                }
            }
        }
    }

    /** Row i of the forward solve, lanes {@code c .. c + 3L}: three independent chains of subtractions. */
    private static void forwardThree(LowerRows rows, int i, double inv, double[] work, int stride, int c) {
        int o = i * stride + c;
        DoubleVector w0 = DoubleVector.fromArray(S, work, o);
        DoubleVector w1 = DoubleVector.fromArray(S, work, o + L);
        DoubleVector w2 = DoubleVector.fromArray(S, work, o + 2 * L);
        for (int t = rows.start[i], end = rows.start[i + 1]; t < end; t++) {
            DoubleVector l = DoubleVector.broadcast(S, rows.value[t]);
            int oj = rows.column[t] * stride + c;
            w0 = exact(VECTOR, w0).sub(l.mul(DoubleVector.fromArray(S, work, oj)));
            w1 = exact(VECTOR, w1).sub(l.mul(DoubleVector.fromArray(S, work, oj + L)));
            w2 = exact(VECTOR, w2).sub(l.mul(DoubleVector.fromArray(S, work, oj + 2 * L)));
        }
        DoubleVector invs = DoubleVector.broadcast(S, inv);
        w0.mul(invs).intoArray(work, o);
        w1.mul(invs).intoArray(work, o + L);
        w2.mul(invs).intoArray(work, o + 2 * L);
    }

    /** Row i of the forward solve, lanes {@code c .. c + L}. */
    private static void forwardOne(LowerRows rows, int i, double inv, double[] work, int stride, int c) {
        int o = i * stride + c;
        DoubleVector w0 = DoubleVector.fromArray(S, work, o);
        for (int t = rows.start[i], end = rows.start[i + 1]; t < end; t++) {
            w0 = exact(VECTOR, w0).sub(DoubleVector.broadcast(S, rows.value[t])
                    .mul(DoubleVector.fromArray(S, work, rows.column[t] * stride + c)));
        }
        w0.mul(DoubleVector.broadcast(S, inv)).intoArray(work, o);
    }

    /** {@link CovariancePreconditioner#choleskyUpdate} with four, then one vector of columns at a time. */
    static void choleskyUpdate(double[] a, int d, int from, int to) {
        int tileWidth = CovariancePreconditioner.TILE;
        for (int tile = to; tile < d; tile += tileWidth) {
            int tileEnd = Math.min(tile + tileWidth, d);
            for (int q = to; q < tileEnd; q++) {
                int rq = q * d;
                int p = Math.max(tile, q);
                for (; p + 4 * L <= tileEnd; p += 4 * L) {
                    DoubleVector x0 = DoubleVector.fromArray(S, a, rq + p);
                    DoubleVector x1 = DoubleVector.fromArray(S, a, rq + p + L);
                    DoubleVector x2 = DoubleVector.fromArray(S, a, rq + p + 2 * L);
                    DoubleVector x3 = DoubleVector.fromArray(S, a, rq + p + 3 * L);
                    for (int i = from; i < to; i++) {
                        int ri = i * d;
                        double liq = a[ri + q];
                        x0 = exact(VECTOR, x0).sub(DoubleVector.fromArray(S, a, ri + p).mul(liq));
                        x1 = exact(VECTOR, x1).sub(DoubleVector.fromArray(S, a, ri + p + L).mul(liq));
                        x2 = exact(VECTOR, x2).sub(DoubleVector.fromArray(S, a, ri + p + 2 * L).mul(liq));
                        x3 = exact(VECTOR, x3).sub(DoubleVector.fromArray(S, a, ri + p + 3 * L).mul(liq));
                    }
                    x0.intoArray(a, rq + p);
                    x1.intoArray(a, rq + p + L);
                    x2.intoArray(a, rq + p + 2 * L);
                    x3.intoArray(a, rq + p + 3 * L);
                }
                for (; p + L <= tileEnd; p += L) {
                    DoubleVector x = DoubleVector.fromArray(S, a, rq + p);
                    for (int i = from; i < to; i++) {
                        x = exact(VECTOR, x).sub(DoubleVector.fromArray(S, a, i * d + p).mul(a[i * d + q]));
                    }
                    x.intoArray(a, rq + p);
                }
                for (; p < tileEnd; p++) {
                    CovariancePreconditioner.updateEntry(a, d, from, to, q, p);
                }
            }
        }
    }

    /** The nonzero entries below the diagonal of a row-major d × d lower-triangular L, row by row, columns ascending. */
    static final class LowerRows {
        final int[] start;
        final int[] column;
        final double[] value;

        LowerRows(double[] lower, int d) {
            start = new int[d + 1];
            int count = 0;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < i; j++) {
                    if (lower[i * d + j] != 0) {
                        count++;
                    }
                }
                start[i + 1] = count;
            }
            column = new int[count];
            value = new double[count];
            for (int i = 0, t = 0; i < d; i++) {
                for (int j = 0; j < i; j++) {
                    double l = lower[i * d + j];
                    if (l != 0) {
                        column[t] = j;
                        value[t++] = l;
                    }
                }
            }
        }
    }
}
