#!/usr/bin/python3
"""Plain-NumPy re-implementation of the per-step algorithm documented in README.md
("Scheduling and integration details"), written without Brian2.

Purpose: (1) an independent check that the README describes what Brian2 actually does (in float64 it
must reproduce diehl_cook_brian2.py's spike counts exactly and its weights to ~1e-12); (2) with
--dtype float32 and mV/ms units it is what a float32 Java port computes, so its distance to the Brian2
float64 run shows the spread a correct Somnus should show (used to set compare.py's tolerances).

Usage:
  /usr/bin/python3 reference_numpy.py --inputs inputs.npz --out ref_out.npz [--dtype float64|float32]
"""

import argparse
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dc_io import N_INPUT, FormatError, load_inputs  # noqa: E402

# Constants in mV, ms (Diehl & Cook 2015 code); conductances dimensionless.
TAU_E, V_REST_E, E_EXC_E, E_INH_E = 100.0, -65.0, 0.0, -100.0
V_THRESH_E, OFFSET, V_RESET_E, THETA_PLUS, TAU_THETA = -52.0, 20.0, -65.0, 0.05, 1e7
TAU_I, V_REST_I, E_EXC_I, E_INH_I, V_THRESH_I, V_RESET_I = 10.0, -60.0, 0.0, -85.0, -40.0, -45.0
TAU_GE, TAU_GI = 1.0, 2.0
W_EI, W_IE = 10.4, 17.0
TAU_PRE, TAU_POST1, TAU_POST2 = 20.0, 20.0, 40.0
NU_PRE, NU_POST, W_MAX, W_TOTAL = 0.0001, 0.01, 1.0, 78.0
REFRAC_E_MS, REFRAC_I_MS = 5.0, 2.0
NEVER = -10**9  # "never spiked" step index


def simulate(inp, dtype=np.float64):
    f = np.dtype(dtype).type
    n_e, steps, dt = inp["n_e"], inp["steps_per_image"], f(inp["dt_ms"])
    off, s_steps, s_src = inp["offsets"], inp["spike_steps"], inp["spike_sources"]
    k_images = off.shape[0] - 1
    ref_e = int(REFRAC_E_MS / float(dt) + 1e-3)  # Brian2: timestep(5 ms, dt) = 10
    ref_i = int(REFRAC_I_MS / float(dt) + 1e-3)  # 4
    # per-step Euler coefficients, as Brian2 hoists them: c = -dt/tau (decays), dt/tau (membranes)
    c_ge, c_gi = f(-dt / f(TAU_GE)), f(-dt / f(TAU_GI))
    c_theta, c_pre = f(-dt / f(TAU_THETA)), f(-dt / f(TAU_PRE))
    c_post1, c_post2 = f(-dt / f(TAU_POST1)), f(-dt / f(TAU_POST2))
    k_e, k_i = f(dt / f(TAU_E)), f(dt / f(TAU_I))
    thr_e = f(f(V_THRESH_E) - f(OFFSET))

    w = inp["w_init"].astype(dtype).copy()        # [784][n_e]
    theta = inp["theta_init_mv"].astype(dtype).copy()
    e_counts = np.zeros((k_images, n_e), np.int32)
    i_counts = np.zeros((k_images, n_e), np.int32)

    def col_sums(w):
        # Brian2's summed variable: np.bincount over synapses in index order i*n_e + j (sequential sums)
        return np.bincount(np.tile(np.arange(n_e), N_INPUT), weights=w.ravel(), minlength=n_e).astype(dtype)

    def normalise(w):
        scale = (f(W_TOTAL) / np.maximum(col_sums(w), f(1e-30))).astype(dtype)
        w *= scale[None, :]

    all_e = np.arange(n_e)
    t0 = time.perf_counter()
    for k in range(k_images):
        if k > 0:
            normalise(w)                                # 'start' slot of the first step of image k
        # reset of everything except w and theta
        v_e = np.full(n_e, V_REST_E, dtype); ge_e = np.zeros(n_e, dtype); gi_e = np.zeros(n_e, dtype)
        post1 = np.zeros(n_e, dtype); post2 = np.zeros(n_e, dtype)
        v_i = np.full(n_e, V_REST_I, dtype); ge_i = np.zeros(n_e, dtype); gi_i = np.zeros(n_e, dtype)
        pre = np.zeros(N_INPUT, dtype)
        last_e = np.full(n_e, NEVER, np.int64); last_i = np.full(n_e, NEVER, np.int64)
        # this image's input spikes grouped by step
        sl = slice(off[k], off[k + 1])
        st, src = s_steps[sl], s_src[sl]
        order = np.lexsort((src, st))
        st, src = st[order], src[order]
        bounds = np.searchsorted(st, np.arange(steps + 1))
        for n in range(steps):
            # --- 'groups': forward Euler from the end-of-previous-step state (all RHS use old values)
            nr_e = (n - last_e) >= ref_e
            nr_i = (n - last_i) >= ref_i
            v_e_new = k_e * ((f(V_REST_E) + (ge_e * (f(E_EXC_E) - v_e) + gi_e * (f(E_INH_E) - v_e))) - v_e) + v_e
            v_e = np.where(nr_e, v_e_new, v_e)
            v_i_new = k_i * ((f(V_REST_I) + (ge_i * (f(E_EXC_I) - v_i) + gi_i * (f(E_INH_I) - v_i))) - v_i) + v_i
            v_i = np.where(nr_i, v_i_new, v_i)
            ge_e = c_ge * ge_e + ge_e; gi_e = c_gi * gi_e + gi_e
            ge_i = c_ge * ge_i + ge_i; gi_i = c_gi * gi_i + gi_i
            theta = c_theta * theta + theta
            post1 = c_post1 * post1 + post1; post2 = c_post2 * post2 + post2
            pre = c_pre * pre + pre
            # --- 'thresholds'
            spk_in = src[bounds[n]:bounds[n + 1]]
            spk_e = np.nonzero((v_e > thr_e + theta) & nr_e)[0]
            spk_i = np.nonzero((v_i > f(V_THRESH_I)) & nr_i)[0]
            last_e[spk_e] = n; last_i[spk_i] = n
            e_counts[k, spk_e] += 1; i_counts[k, spk_i] += 1
            # --- 'synapses': all on_pre pathways (S_ei, S_ie, S_in), then on_post (S_in)
            ge_i[spk_e] += f(W_EI)
            for j_src in spk_i:                             # I->E all-but-self, one add per I spike
                gi_e[all_e != j_src] += f(W_IE)
            for i_src in spk_in:                            # inputs in ascending index order
                ge_e += w[i_src]                            # w before this spike's depression
                pre[i_src] = 1
                w[i_src] = np.clip(w[i_src] - f(NU_PRE) * post1, 0, W_MAX)
            for j in spk_e:
                w[:, j] = np.clip(w[:, j] + f(NU_POST) * (pre * post2[j]), 0, W_MAX)
            # --- 'resets'
            v_e[spk_e] = V_RESET_E; theta[spk_e] += f(THETA_PLUS)
            post1[spk_e] = 1; post2[spk_e] = 1
            v_i[spk_i] = V_RESET_I
    normalise(w)                                        # after the last image
    wall = time.perf_counter() - t0
    return dict(e_spike_counts=e_counts, i_spike_counts=i_counts, w_final=w.astype(np.float64),
                theta_final_mv=theta.astype(np.float64), wall_seconds=np.float64(wall))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--inputs", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--dtype", choices=("float64", "float32"), default="float64")
    args = ap.parse_args(argv)
    try:
        inp = load_inputs(args.inputs)
    except (FormatError, OSError, ValueError) as e:
        sys.exit(f"error: {e}")
    out = simulate(inp, np.float32 if args.dtype == "float32" else np.float64)
    np.savez(args.out, **out)
    k = inp["offsets"].shape[0] - 1
    print(f"numpy reference dtype={args.dtype} images={k}: E spikes/image {out['e_spike_counts'].sum() / k:.2f}, "
          f"wall {out['wall_seconds']:.2f} s; wrote {args.out}")


if __name__ == "__main__":
    main()
