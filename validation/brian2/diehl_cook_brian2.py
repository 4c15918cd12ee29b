#!/usr/bin/python3
"""Brian2 reference simulation of the Diehl & Cook (2015) network for validating Somnus's preset `diehl-cook`.

Runs the network on the exact input spike trains that Somnus exported (inputs.npz) and writes
brian2_out.npz (see dc_io.py for both formats). Run with Debian's interpreter, /usr/bin/python3
(python3-brian 2.5, python3-numpy).

Model (constants from Diehl & Cook's published code; simplifications listed in README.md):
  E:  dv/dt  = ((v_rest_e - v) + ge (E_exc_e - v) + gi (E_inh_e - v)) / tau_e   (unless refractory)
      dge/dt = -ge / tau_ge,  dgi/dt = -gi / tau_gi,  dtheta/dt = -theta / tau_theta
      dpost1/dt = -post1 / tau_post1,  dpost2/dt = -post2 / tau_post2          (STDP traces of E)
      spike: v > v_thresh_e - offset + theta; reset v = v_reset_e, theta += theta_plus, post1 = post2 = 1
  I:  dv/dt  = ((v_rest_i - v) + ge (E_exc_i - v) + gi (E_inh_i - v)) / tau_i   (unless refractory)
      spike: v > v_thresh_i; reset v = v_reset_i
  input->E (all-to-all, plastic w):  dpre/dt = -pre / tau_pre (per synapse, equals a per-input trace)
      on_pre:  ge_post += w; pre = 1; w = clip(w - nu_pre post1, 0, w_max)
      on_post: w = clip(w + nu_post pre post2, 0, w_max)      (post2 not yet set to 1: E's reset runs later)
  E->I one-to-one: ge_post += 10.4;  I->E all-but-self: gi_post += 17.0
  After every presentation (350 ms): column sums of w scaled to 78; v, ge, gi, traces, refractoriness reset.
All ODEs: method='euler', dt = 0.5 ms.

Usage:
  /usr/bin/python3 diehl_cook_brian2.py --inputs inputs.npz --out brian2_out.npz [--device runtime|cpp_standalone]
"""

import argparse
import os
import sys
import tempfile
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dc_io import N_INPUT, FormatError, load_inputs  # noqa: E402

# Constants live in build_network (units explicit; source: Diehl & Cook 2015, Diehl_and_Cook_spiking_MNIST.py).


def build_network(inp, float32=False):
    """Construct the Brian2 Network for the given (validated) inputs; returns (net, handles)."""
    import brian2 as b2
    from brian2 import ms, mV, second

    if float32:
        b2.prefs.core.default_float_dtype = np.float32

    n_e = inp["n_e"]
    steps_per_image = inp["steps_per_image"]
    dt = inp["dt_ms"] * ms
    b2.defaultclock.dt = dt
    image_duration = steps_per_image * dt

    ns = dict(
        # E population
        tau_e=100 * ms, v_rest_e=-65 * mV, E_exc_e=0 * mV, E_inh_e=-100 * mV,
        v_thresh_e=-52 * mV, offset=20 * mV, v_reset_e=-65 * mV, theta_plus=0.05 * mV,
        tau_theta=1e7 * ms,
        # I population
        tau_i=10 * ms, v_rest_i=-60 * mV, E_exc_i=0 * mV, E_inh_i=-85 * mV,
        v_thresh_i=-40 * mV, v_reset_i=-45 * mV,
        # synaptic conductances (dimensionless, in units of the leak conductance)
        tau_ge=1 * ms, tau_gi=2 * ms,
        w_ei=10.4, w_ie=17.0,
        # STDP (triplet form of Diehl & Cook)
        tau_pre=20 * ms, tau_post1=20 * ms, tau_post2=40 * ms,
        nu_pre=0.0001, nu_post=0.01, w_max=1.0,
        # normalisation target: total input weight onto each E neuron
        w_total=78.0,
        # lastspike value Brian2 itself uses for "never spiked"
        never=-1e4 * second,
    )

    eqs_e = """
    dv/dt = ((v_rest_e - v) + ge*(E_exc_e - v) + gi*(E_inh_e - v)) / tau_e : volt (unless refractory)
    dge/dt = -ge / tau_ge : 1
    dgi/dt = -gi / tau_gi : 1
    dtheta/dt = -theta / tau_theta : volt
    dpost1/dt = -post1 / tau_post1 : 1
    dpost2/dt = -post2 / tau_post2 : 1
    wsum : 1    # column sum of input weights (summed variable, refreshed in the 'end' slot)
    wscale : 1  # normalisation factor applied at the start of the next presentation
    """
    E = b2.NeuronGroup(n_e, eqs_e, threshold="v > v_thresh_e - offset + theta",
                       reset="v = v_reset_e; theta += theta_plus; post1 = 1; post2 = 1",
                       refractory=5 * ms, method="euler", namespace=ns, name="E")
    eqs_i = """
    dv/dt = ((v_rest_i - v) + ge*(E_exc_i - v) + gi*(E_inh_i - v)) / tau_i : volt (unless refractory)
    dge/dt = -ge / tau_ge : 1
    dgi/dt = -gi / tau_gi : 1
    """
    I = b2.NeuronGroup(n_e, eqs_i, threshold="v > v_thresh_i", reset="v = v_reset_i",
                       refractory=2 * ms, method="euler", namespace=ns, name="I")
    E.v = ns["v_rest_e"]
    I.v = ns["v_rest_i"]
    E.theta = inp["theta_init_mv"].astype(np.float64) * mV

    # Input spike trains: presentation k occupies steps [k*steps_per_image, (k+1)*steps_per_image).
    off = inp["offsets"]
    k_of_spike = np.repeat(np.arange(off.shape[0] - 1, dtype=np.int64), np.diff(off))
    global_step = k_of_spike * steps_per_image + inp["spike_steps"].astype(np.int64)
    Inp = b2.SpikeGeneratorGroup(N_INPUT, inp["spike_sources"].astype(np.int64),
                                 global_step * dt, name="Inp")

    S_in = b2.Synapses(Inp, E, model="""
        w : 1
        dpre/dt = -pre / tau_pre : 1 (clock-driven)
        wsum_post = w : 1 (summed)
        """,
        on_pre="""
        ge_post += w
        pre = 1
        w = clip(w - nu_pre * post1_post, 0, w_max)
        """,
        on_post="""
        w = clip(w + nu_post * pre * post2_post, 0, w_max)
        """,
        method="euler", namespace=ns, name="S_in")
    # Explicit, row-major synapse order (synapse index = i * n_e + j) so the flat w is w_init.ravel().
    pre_idx = np.repeat(np.arange(N_INPUT), n_e)
    post_idx = np.tile(np.arange(n_e), N_INPUT)
    S_in.connect(i=pre_idx, j=post_idx)
    S_in.w = inp["w_init"].astype(np.float64).ravel()
    # Column sums at the end of every step, i.e. after that step's plasticity (default would be 'groups').
    S_in.summed_updaters["wsum_post"].when = "end"

    S_ei = b2.Synapses(E, I, on_pre="ge_post += w_ei", namespace=ns, name="S_ei")
    S_ei.connect(j="i")
    S_ie = b2.Synapses(I, E, on_pre="gi_post += w_ie", namespace=ns, name="S_ie")
    S_ie.connect(condition="i != j")

    # Presentation boundary, at the 'start' slot of steps 0, 700, 1400, ...: normalise the weights
    # learnt in the previous presentation (not at t = 0: w_init is used as given), then reset state.
    # v is '(unless refractory)', so a plain run_regularly would only reset v of non-refractory
    # neurons; override that (as Brian2's own Resetter does) so every neuron is reset.
    boundary = dict(dt=image_duration, when="start", override_conditional_write=["not_refractory"])
    e_boundary = b2.CodeRunner(E, "stateupdate", code="""
        wscale = int(t > 0*second) * w_total / clip(wsum, 1e-30, inf) + int(t <= 0*second)
        v = v_rest_e
        ge = 0
        gi = 0
        post1 = 0
        post2 = 0
        lastspike = never
        not_refractory = True
        """, order=0, name="E_boundary", **boundary)
    i_boundary = b2.CodeRunner(I, "stateupdate", code="""
        v = v_rest_i
        ge = 0
        gi = 0
        lastspike = never
        not_refractory = True
        """, order=0, name="I_boundary", **boundary)
    s_boundary = b2.CodeRunner(S_in, "stateupdate", code="""
        w = w * wscale_post
        pre = 0
        """, order=1, name="S_in_boundary", **boundary)

    mon_e = b2.SpikeMonitor(E, record=True, name="mon_E")
    mon_i = b2.SpikeMonitor(I, record=True, name="mon_I")
    net = b2.Network(E, I, Inp, S_in, S_ei, S_ie, e_boundary, i_boundary, s_boundary, mon_e, mon_i)
    return net, dict(E=E, I=I, S_in=S_in, mon_e=mon_e, mon_i=mon_i, ns=ns, dt=dt,
                     image_duration=image_duration)


def final_normalisation(h):
    """Normalisation after the last presentation (the in-run one happens at the next presentation's start).

    wsum was refreshed in the 'end' slot of the last step, so it holds the current column sums."""
    h["E"].wscale = "w_total / clip(wsum, 1e-30, inf)"
    h["S_in"].w = "w * wscale_post"


def counts_per_image(mon, n, k, dt, steps_per_image):
    step = np.round(np.asarray(mon.t[:] / dt)).astype(np.int64)
    img = step // steps_per_image
    counts = np.zeros((k, n), dtype=np.int32)
    np.add.at(counts, (img, np.asarray(mon.i[:], dtype=np.int64)), 1)
    return counts


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--inputs", required=True, help="inputs.npz exported by Somnus (or make_test_inputs.py)")
    ap.add_argument("--out", required=True, help="where to write brian2_out.npz")
    ap.add_argument("--device", choices=("runtime", "cpp_standalone"), default="runtime",
                    help="Brian2 device: runtime (numpy, default) or cpp_standalone (needs g++)")
    ap.add_argument("--build-dir", default=None,
                    help="cpp_standalone project directory (default: a fresh temporary directory)")
    ap.add_argument("--float32", action="store_true",
                    help="use float32 state variables (to estimate the float32-vs-float64 spread)")
    args = ap.parse_args(argv)

    try:
        inp = load_inputs(args.inputs)
    except (FormatError, OSError, ValueError) as e:
        sys.exit(f"error: {e}")

    import brian2 as b2
    b2.prefs.codegen.target = "numpy"  # runtime device: pure numpy, no Cython compilation step
    if args.device == "cpp_standalone":
        build_dir = args.build_dir or tempfile.mkdtemp(prefix="dc_brian2_")
        b2.set_device("cpp_standalone", directory=build_dir, build_on_run=False)

    k = inp["offsets"].shape[0] - 1
    n_e = inp["n_e"]
    net, h = build_network(inp, float32=args.float32)
    duration = k * h["image_duration"]

    t0 = time.perf_counter()
    net.run(duration, namespace={})
    final_normalisation(h)
    if args.device == "cpp_standalone":
        b2.device.build(directory=build_dir, compile=True, run=True, debug=False)
    total = time.perf_counter() - t0
    # Main-loop time only (runtime: after code generation; standalone: measured inside the binary).
    wall = float(b2.device._last_run_time)

    steps = inp["steps_per_image"]
    e_counts = counts_per_image(h["mon_e"], n_e, k, h["dt"], steps)
    i_counts = counts_per_image(h["mon_i"], n_e, k, h["dt"], steps)
    w_final = np.asarray(h["S_in"].w[:], dtype=np.float64).reshape(N_INPUT, n_e)
    theta_final_mv = np.asarray(h["E"].theta_[:], dtype=np.float64) * 1e3  # volt -> mV

    np.savez(args.out, e_spike_counts=e_counts, i_spike_counts=i_counts, w_final=w_final,
             theta_final_mv=theta_final_mv, wall_seconds=np.float64(wall))
    n_in = int(inp["offsets"][-1])
    print(f"device={args.device} float32={args.float32} images={k} n_e={n_e}")
    print(f"input spikes/image {n_in / k:.1f}  E spikes/image {e_counts.sum() / k:.2f}  "
          f"I spikes/image {i_counts.sum() / k:.2f}")
    print(f"simulation wall {wall:.3f} s ({wall / k * 1e3:.1f} ms/image); "
          f"total incl. code generation/compilation {total:.1f} s")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
