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
        // b with its rows padded by zeros to a whole number of vectors: the padding lanes are discarded
        int wp = paddedWidth(cols);
        double[] bp = new double[inner * wp];
        for (int k = 0; k < inner; k++) {
            System.arraycopy(b, k * cols, bp, k * wp, cols);
        }
        for (int t = 0; t < inner * cols; t++) {
            if (!Double.isFinite(b[t])) {
                DenseProducts.multiplyScalar(a, b, c, rows, inner, cols);
                return;
            }
        }
        double[] row = new double[wp];
        for (int i = 0; i < rows; i++) {
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
