/**
 * The simulator's inner loops, scalar and SIMD (Vector API), which give the same bits; the choice between them
 * per CPU, calibrated and cached.
 */
package io.somnus.kernel;
