#!/usr/bin/python3
"""The `paper-code` reference of reference.py compiled with Numba: the same equations, loops instead of arrays.

A stand-in for the authors' Numba code on the same work (issue 17: Somnus's paper-code speed against theirs): it
replays the input spikes `somnus train --export-spikes DIR` wrote, with the constants of DIR/params.json, step by
step as reference.py does (current LIF in float32; since-last-spike STDP visiting, at every step, each synapse whose
pre or post neuron spiked at the previous step, found by scanning all synapses as reference.py's masks do; delivery
in the order the pre neurons spiked), and writes the same arrays, so compare.py checks it against Somnus too.
Timing: one image is simulated first to compile (not timed); `wall_seconds` and `cpu_seconds` (this process's CPU
time, which other work on a shared machine disturbs less) are those of the K images.

Usage: /usr/bin/python3 reference_numba.py --export DIR --out numba_out.npz [--images K]
(needs Debian's python3-numba)
"""

import argparse
import sys
import time

import numpy as np
from numba import njit

import reference as ref

F = np.float32
NEVER = ref.NEVER


@njit(cache=False)
def _run(steps, reset_every, first_image, images, offsets, spike_steps, spike_sources,
         pop_off, pop_size, pop_f, pop_ref_steps,
         pr_pre, pr_post, pr_exc, pr_plastic, pr_sign, pr_f, pr_syn_off, pr_row_off,
         pre_idx, post_idx, w, row_start,
         v, cur, adapt, ref_until, exc, inh, last, prev, spiked, spiked_n, touched, touched_n,
         counts, raster_pop, raster_step, raster_neuron, raster_n, w_after, plastic_ids, global_step, stream):
    """Simulates images [first_image, first_image + images); the state arrays carry over between calls."""
    n_pop = pop_size.shape[0]
    n_pr = pr_pre.shape[0]
    for img in range(first_image, first_image + images):
        if reset_every == 1 or (reset_every > 0 and img % reset_every == 0):
            for q in range(n_pop):
                for x in range(pop_off[q], pop_off[q] + pop_size[q]):
                    v[x] = pop_f[q, 4]
                    cur[x] = F(0.0)
                    adapt[x] = F(0.0)
                    ref_until[x] = 0
                    exc[x] = F(0.0)
                    inh[x] = F(0.0)
                    last[x] = NEVER
                    prev[x] = NEVER
                spiked_n[q] = 0
            stream = 0
        cursor = offsets[img]
        end = offsets[img + 1]
        first = stream
        for _ in range(steps):
            t = stream
            # the input population (first): this step's exported spikes, sorted by step
            local = t - first
            m = 0
            while cursor < end and spike_steps[cursor] == local:
                i = spike_sources[cursor]
                spiked[pop_off[0] + m] = i
                m += 1
                prev[pop_off[0] + i] = last[pop_off[0] + i]
                last[pop_off[0] + i] = t
                cursor += 1
            spiked_n[0] = m
            # current-LIF populations, in order (reference.Population.integrate)
            for q in range(1, n_pop):
                o = pop_off[q]
                dv = pop_f[q, 0]
                di = pop_f[q, 1]
                da = pop_f[q, 2]
                gain = pop_f[q, 3]
                rest = pop_f[q, 4]
                r = pop_f[q, 5]
                theta = pop_f[q, 6]
                vres = pop_f[q, 7]
                vmin = pop_f[q, 8]
                vmax = pop_f[q, 9]
                dlt = pop_f[q, 10]
                m = 0
                for j in range(pop_size[q]):
                    x = o + j
                    ii = cur[x] + (exc[x] + inh[x]) * gain
                    exc[x] = F(0.0)
                    inh[x] = F(0.0)
                    active = t >= ref_until[x]
                    vi = v[x]
                    if active:
                        v_inf = rest + r * ii
                        vi = v_inf + (vi - v_inf) * dv
                    ii = ii * di
                    ai = adapt[x] * da
                    vi = min(max(vi, vmin), vmax)
                    if active and vi >= theta + ai:
                        vi = vres
                        ai = ai + dlt
                        ref_until[x] = t + pop_ref_steps[q]
                        spiked[o + m] = j
                        m += 1
                        prev[x] = last[x]
                        last[x] = t
                    v[x] = vi
                    cur[x] = ii
                    adapt[x] = ai
                spiked_n[q] = m
            # projections in order: STDP before delivery (reference.Projection.learn, .deliver)
            for p in range(n_pr):
                po = pop_off[pr_pre[p]]
                oo = pop_off[pr_post[p]]
                s0 = pr_syn_off[p]
                s1 = pr_syn_off[p + 1]
                if pr_plastic[p]:
                    wmin = pr_f[p, 0]
                    wmax = pr_f[p, 1]
                    for u in range(touched_n[p]):
                        s = touched[s0 + u]
                        w[s] = min(max(w[s], wmin), wmax)
                    eta = pr_f[p, 2]
                    tau_ltp = pr_f[p, 3]
                    tau_ltd = pr_f[p, 4]
                    dt = pr_f[p, 5]
                    sign = F(pr_sign[p])
                    nt = 0
                    for s in range(s0, s1):
                        xp = po + pre_idx[s]
                        xo = oo + post_idx[s]
                        if last[xp] == t - 1 or prev[xp] == t - 1 or last[xo] == t - 1 or prev[xo] == t - 1:
                            touched[s0 + nt] = s
                            nt += 1
                            since_post = t + 1 if last[xo] == NEVER else t - last[xo]
                            since_pre = t + 1 if last[xp] == NEVER else t - last[xp]
                            delta = since_post - since_pre
                            tau = tau_ltp if delta >= 0 else tau_ltd
                            mag = F(eta * np.exp(-float(abs(delta)) * dt / tau))
                            change = sign * mag if delta >= 0 else -sign * mag
                            w[s] = w[s] + change
                    touched_n[p] = nt
                r0 = pr_row_off[p]
                for u in range(spiked_n[pr_pre[p]]):
                    i = spiked[po + u]
                    a = row_start[r0 + i]
                    b = row_start[r0 + i + 1]
                    if pr_exc[p]:
                        for s in range(a, b):
                            exc[oo + post_idx[s]] += w[s]
                    else:
                        for s in range(a, b):
                            inh[oo + post_idx[s]] += w[s]
            for q in range(1, n_pop):
                o = pop_off[q]
                for u in range(spiked_n[q]):
                    j = spiked[o + u]
                    counts[img, o - pop_off[1] + j] += 1
                    k = raster_n[0]
                    raster_pop[k] = q
                    raster_step[k] = global_step
                    raster_neuron[k] = j
                    raster_n[0] = k + 1
            stream += 1
            global_step += 1
        for z in range(plastic_ids.shape[0]):
            p = plastic_ids[z]
            s0 = pr_syn_off[p]
            for s in range(s0, pr_syn_off[p + 1]):
                w_after[z, img, s - s0] = w[s]
    return global_step, stream


def simulate(params, inputs, images=None):
    """As reference.simulate, compiled; returns the same arrays."""
    dt = float(params["dt_ms"])
    steps = int(params["steps_per_image"])
    reset_every = int(params["reset_every_images"])
    offsets = inputs["offsets"].astype(np.int64)
    k_total = len(offsets) - 1
    k = k_total if images is None else min(images, k_total)
    sleep = params["sleep"]
    if sleep["fraction"] > 0 and k * steps >= sleep["wake_steps"]:
        raise ref.FormatError(f"params.json: {k} images of {steps} steps reach the first sleep episode at "
                              f"{sleep['wake_steps']} wake steps; the reference has no sleep")
    for key, somnus in (("integration", "exponential"), ("spike_test", "at_or_above"), ("wake_noise_std_mv", 0.0),
                        ("stream_start", "rest"), ("input_only_step", "timed")):
        if params.get(key, somnus) != somnus:
            raise ref.FormatError(f"params.json: {key} is {params[key]!r}; the Numba version has Somnus's neuron only "
                                  f"(train with --set simulation.{key}={somnus}; reference.py has the authors')")
    names = list(params["populations"].keys())
    if params["populations"][names[0]]["model"] != "input":
        raise ref.FormatError("params.json: the first population must be the input")
    pops = {}
    for name, spec in params["populations"].items():
        if spec["model"] == "input":
            pops[name] = ref.Input(spec["size"])
        elif spec["model"] == "current_lif":
            pops[name] = ref.Population(name, spec["size"], spec["neuron"], dt, euler=False, authors_test=False,
                                           noise=None)
        else:
            raise ref.FormatError(f"params.json: population {name} is {spec['model']}; the reference knows current_lif")
    plist = list(pops.values())
    pop_size = np.array([p.size for p in plist], np.int64)
    pop_off = np.concatenate([[0], np.cumsum(pop_size)[:-1]]).astype(np.int64)
    pop_f = np.zeros((len(plist), 11), F)
    pop_ref = np.zeros(len(plist), np.int64)
    for q, p in enumerate(plist):
        if not isinstance(p, ref.Input):
            pop_f[q] = [p.decay_v, p.decay_i, p.decay_a, p.gain, p.rest, p.r, p.theta, p.v_reset, p.v_min, p.v_max,
                        p.delta_a]
            pop_ref[q] = p.refractory_steps
    index = {name: q for q, name in enumerate(pops)}
    projections = [ref.Projection(s, pops[s["pre"]], pops[s["post"]], inputs, dt) for s in params["projections"]]
    n_pr = len(projections)
    pr_pre = np.array([index[s["pre"]] for s in params["projections"]], np.int64)
    pr_post = np.array([index[s["post"]] for s in params["projections"]], np.int64)
    pr_exc = np.array([pr.excitatory for pr in projections], np.bool_)
    pr_plastic = np.array([pr.plastic for pr in projections], np.bool_)
    pr_sign = np.array([pr.sign if pr.plastic else 0 for pr in projections], np.int64)
    pr_f = np.zeros((n_pr, 6), np.float64)
    for p, pr in enumerate(projections):
        pr_f[p, 0:2] = [pr.w_min, pr.w_max]
        if pr.plastic:
            pr_f[p, 2:6] = [pr.eta, pr.tau_ltp, pr.tau_ltd, pr.dt]
    pr_syn_off = np.concatenate([[0], np.cumsum([pr.w.size for pr in projections])]).astype(np.int64)
    pr_row_off = np.concatenate([[0], np.cumsum([pr.row_start.size for pr in projections])[:-1]]).astype(np.int64)
    pre_idx = np.concatenate([pr.pre_idx for pr in projections]).astype(np.int64)
    post_idx = np.concatenate([pr.post_idx for pr in projections]).astype(np.int64)
    w = np.concatenate([pr.w for pr in projections]).astype(F)
    row_start = np.concatenate([pr.row_start + pr_syn_off[p] for p, pr in enumerate(projections)]).astype(np.int64)
    total = int(pop_size.sum())
    state = dict(v=np.zeros(total, F), cur=np.zeros(total, F), adapt=np.zeros(total, F),
                 ref_until=np.zeros(total, np.int64), exc=np.zeros(total, F), inh=np.zeros(total, F),
                 last=np.full(total, NEVER, np.int64), prev=np.full(total, NEVER, np.int64),
                 spiked=np.zeros(total, np.int64), spiked_n=np.zeros(len(plist), np.int64),
                 touched=np.zeros(w.size, np.int64), touched_n=np.zeros(n_pr, np.int64))
    neurons = total - int(pop_size[0])
    counts = np.zeros((k, neurons), np.int32)
    cap = k * steps * neurons if k * steps * neurons < 50_000_000 else 50_000_000
    raster_pop = np.zeros(cap, np.int32)
    raster_step = np.zeros(cap, np.int32)
    raster_neuron = np.zeros(cap, np.int32)
    raster_n = np.zeros(1, np.int64)
    plastic_ids = np.array([p for p in range(n_pr) if pr_plastic[p]], np.int64)
    w_after = np.zeros((plastic_ids.size, k, int(max([projections[p].w.size for p in plastic_ids] + [0]))), F)

    def run(first, count, global_step, stream):
        return _run(steps, reset_every, first, count, offsets, inputs["spike_steps"].astype(np.int64),
                    inputs["spike_sources"].astype(np.int64), pop_off, pop_size, pop_f, pop_ref,
                    pr_pre, pr_post, pr_exc, pr_plastic, pr_sign, pr_f, pr_syn_off, pr_row_off,
                    pre_idx, post_idx, w, row_start, state["v"], state["cur"], state["adapt"], state["ref_until"],
                    state["exc"], state["inh"], state["last"], state["prev"], state["spiked"], state["spiked_n"],
                    state["touched"], state["touched_n"], counts, raster_pop, raster_step, raster_neuron, raster_n,
                    w_after, plastic_ids, global_step, stream)

    # compile on a copy of the state (not timed), then simulate from the initial state
    saved = {n: a.copy() for n, a in state.items()}
    w0 = w.copy()
    run(0, 1, 0, 0)
    for n, a in saved.items():
        state[n][:] = a
    w[:] = w0
    counts[:] = 0
    w_after[:] = 0
    raster_n[0] = 0
    started = time.perf_counter()
    cpu0 = time.process_time()
    run(0, k, 0, 0)
    wall = time.perf_counter() - started
    cpu = time.process_time() - cpu0
    out = {}
    n_r = int(raster_n[0])
    for q in range(1, len(plist)):
        name = plist[q].name
        lo = int(pop_off[q] - pop_off[1])
        out[name + "_counts"] = counts[:, lo:lo + int(pop_size[q])]
        sel = raster_pop[:n_r] == q
        out[name + "_raster_step"] = raster_step[:n_r][sel]
        out[name + "_raster_neuron"] = raster_neuron[:n_r][sel]
    for z, p in enumerate(plastic_ids):
        out[projections[p].name + "__w_after"] = w_after[z, :, :projections[p].w.size]
    out["wall_seconds"] = np.array(wall)
    out["cpu_seconds"] = np.array(cpu)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--export", required=True, help="the directory somnus train --export-spikes wrote")
    ap.add_argument("--out", required=True, help="the output .npz (reference.py's arrays)")
    ap.add_argument("--images", type=int, default=None, help="simulate only the first K presentations")
    args = ap.parse_args(argv)
    try:
        params, inputs = ref.load(args.export)
        out = simulate(params, inputs, args.images)
    except ref.FormatError as e:
        print(f"reference_numba.py: {e}", file=sys.stderr)
        return 2
    np.savez_compressed(args.out, **out)
    counts = [v for n, v in out.items() if n.endswith("_counts")]
    k = counts[0].shape[0]
    e_spikes = float(out["e_counts"].sum()) / k if "e_counts" in out else float("nan")
    wall = float(out["wall_seconds"])
    cpu = float(out["cpu_seconds"])
    print(f"simulated {k} images in {wall:.2f} s wall, {cpu:.2f} s CPU (compilation excluded): "
          f"{k / wall:.2f} images/s wall, {k / cpu:.2f} images/s CPU, {e_spikes:.1f} E spikes per image")
    return 0


if __name__ == "__main__":
    sys.exit(main())
