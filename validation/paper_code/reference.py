#!/usr/bin/python3
"""An independent NumPy reference of the `paper-code` STDP-SNN, wake and sleep, step by step.

Reads what `somnus train --export-spikes DIR` wrote (DIR/inputs.npz, DIR/params.json), replays the exported input
spike trains through its own implementation of the equations and writes the same arrays as DIR/somnus_out.npz:
`<pop>_counts` [K][N], `<pop>_raster_step`, `<pop>_raster_neuron`, `<projection>__w_after` [K][synapses].

The equations (README.md gives them with their sources):
  neurons  current LIF, float32, in Somnus's order (CurrentLifPopulation), with k_x = e^(−dt/τ_x) (integration
           exponential) or 1 − dt/τ_x (euler, the authors' forward Euler, src/train.py:199-206 @40b7d33):
           I' = I + gain·(input of the previous step); V∞ = V_rest + R·I'; V ← V∞ + (V − V∞)·k_m + σ·g;
           I ← I'·k_syn; a ← a·k_a; V clipped to [V_min, V_max];
           spike (if not refractory) when V ≥ θ + a (spike_test at_or_above) or V > clip(θ + a_prev, −90, 0)
           (above_previous_clipped, train.py:231-252): V ← V_reset, a += Δa.
           g: the Gaussians Somnus drew (inputs.npz noise_gaussians), one per non-refractory neuron per step in
           population and index order; σ = simulation.wake_noise_std_mv awake, sleep.noise_std_mv asleep
  STDP     the authors' spike_timing (src/weight_funcs.py:294-338 @40b7d33), at step t, before this step's
           spikes are delivered: a synapse is visited when its pre or its post spiked at t − 1;
           Δ = since(post) − since(pre), since = steps since the last spike counting step t's spikes (never spiked:
           t + 1); Δ ≥ 0: w += s·η·e^(−Δ·dt/τ_LTP), else w −= s·η·e^(Δ·dt/τ_LTD), s = +1 for an excitatory
           and −1 for an inhibitory projection; the synapses updated at the previous step are clipped to their
           bounds first (their clip_weights precedes spike_timing)
  delivery the spikes of step t reach their targets' input at step t + 1, with the weights they were sent with
           (here: kept as the spike vector carried to the next step, as the authors' spikes_prev)
  stream   no reset within `reset_every_images` images (1 = every image, 0 = never); at a later stream start,
           stream_start rest: every state to rest and the clock to 0; carried_v_zero (the authors' batch start,
           src/big_comb.py:1962, 1997-2015): every membrane to 0 mV, all else (and the clock) carried; with
           stream_start_last_step dropped the carried spike vector is zeroed (a batch starts from row 0 of its own
           arrays, train.py:393-394): the last step's spikes reach no target and visit no synapse at the next step;
           with stream_start_threshold base the first step tests V > θ (their fresh threshold array,
           big_comb.py:1549-1553, 2010); with stream_first_step input_only every stream's first step (the first
           stream's too) only plays the input's first row and sends it: no neuron integrates, draws noise or spikes
           and no synapse learns, so the second step integrates row 0 (their batch's first update integrates
           spikes[0], train.py:393-394, 654-666); with input_only_step untimed that step takes no step of the
           stream clock and row 0's spikes get no spike time (they are sent, and visited at the next step with
           since(pre) as it stands): their t = 1 follows the previous batch's last update by one spike_times
           increment, and row 0 never enters spike_times (train.py:253, 412, 670-695)
  sleep    (sleep.episode ratio_of_wake, keep_state true: the authors' hard pause, train.py:425-652) after every
           W = wake_steps wake steps, an episode of min(max(1, round(W·r)), max_episode_steps) steps that continues
           the stream: input silent, membrane noise, STDP as awake; before each step the episode ends if the
           excitatory-receptor projections' Σ|w| and the inhibitory ones' are each within early_end_tolerance of
           their initial sums (early_end receptor_groups); after each step every plastic weight is pulled,
           |w| ← t·(|w|/t)^λ with its sign (t = target_magnitude), and clipped to its bounds; with wake_clock
           per_stream the wake count restarts at every stream start (their within-batch clock, train.py:415-423);
           with last_wake_input dropped the input part of the carried spike vector is zeroed before the first
           sleep step (spikes_prev[:st] = 0, train.py:508), not when the episode ends before it; with delivery
           after_decay a sleep step's spikes leave with the weights after that step's pull (their next update
           delivers them after sleep_func, train.py:611-632, 654-666), before_decay with those before it

Usage: /usr/bin/python3 reference.py --export DIR --out reference_out.npz [--images K]
"""

import argparse
import json
import os
import sys
import time

import numpy as np

F = np.float32


class FormatError(Exception):
    """A file that is not what the reference expects; the message names the file and the field."""


def load(export_dir):
    inputs_path = os.path.join(export_dir, "inputs.npz")
    params_path = os.path.join(export_dir, "params.json")
    for p in (inputs_path, params_path):
        if not os.path.isfile(p):
            raise FormatError(f"{p}: missing (write it with somnus train --export-spikes {export_dir})")
    with open(params_path, encoding="utf-8") as f:
        params = json.load(f)
    with np.load(inputs_path) as z:
        inputs = {k: z[k] for k in z.files}
    for key in ("spike_steps", "spike_sources", "offsets", "steps_per_image"):
        if key not in inputs:
            raise FormatError(f"{inputs_path}: no array '{key}'")
    return params, inputs


class Noise:
    """The Gaussians Somnus drew for membrane noise, handed out in the order they were drawn."""

    def __init__(self, gaussians):
        self.g = gaussians
        self.used = 0

    def take(self, n):
        if self.used + n > self.g.size:
            raise FormatError(f"inputs.npz: noise_gaussians holds {self.g.size} draws; the run needs more "
                              "(an export older than the membrane-noise record?)")
        out = self.g[self.used:self.used + n]
        self.used += n
        return out


THRESHOLD_CLIP_MV = (F(-90), F(0))  # src/train.py:250 @40b7d33


class Population:
    def __init__(self, name, size, neuron, dt, euler, authors_test, noise):
        self.name = name
        self.size = size
        n = neuron

        def keep(tau):
            return F(1 - dt / tau) if euler else F(np.exp(-dt / tau))

        self.decay_v = keep(n["tau_membrane_ms"])
        self.decay_i = keep(n["tau_synapse_ms"])
        self.decay_a = keep(n["tau_adaptation_ms"])
        self.authors_test = authors_test
        self.noise = noise
        self.sigma = 0.0
        self.gain = F(n["synaptic_gain"])
        self.rest = F(n["v_rest_mv"])
        self.r = F(n["resistance"])
        self.theta = F(n["v_threshold_mv"])
        self.v_reset = F(n["v_reset_mv"])
        self.v_min = F(n["v_min_mv"])
        self.v_max = F(n["v_max_mv"])
        self.delta_a = F(n["adaptation_mv"])
        self.refractory_steps = max(1, int(round(n["refractory_ms"] / dt)))
        self.reset()

    def reset(self):
        self.v = np.full(self.size, self.rest, F)
        self.i = np.zeros(self.size, F)
        self.a = np.zeros(self.size, F)
        self.refractory_until = np.zeros(self.size, np.int64)
        self.exc = np.zeros(self.size, F)
        self.inh = np.zeros(self.size, F)
        self.last = np.full(self.size, NEVER, np.int64)
        self.prev = np.full(self.size, NEVER, np.int64)
        self.spiked = np.zeros(0, np.int64)
        self.zeroed = NEVER  # the step whose spikes were zeroed in the carried vector
        self.untimed = (NEVER, np.zeros(0, np.int64))  # spikes sent at a step without a spike time
        self.fresh_theta = False

    def integrate(self, t):
        ii = self.i + (self.exc + self.inh) * self.gain
        self.exc[:] = 0
        self.inh[:] = 0
        active = t >= self.refractory_until
        v_inf = self.rest + self.r * ii
        v_new = v_inf + (self.v - v_inf) * self.decay_v
        if self.sigma > 0:
            idx = np.nonzero(active)[0]
            xi = np.zeros(self.size, F)
            xi[idx] = (self.sigma * self.noise.take(idx.size)).astype(F)
            v_new = v_new + xi
        v = np.where(active, v_new, self.v)
        ii = ii * self.decay_i
        if self.authors_test:
            theta = np.minimum(np.maximum(self.theta + self.a, THRESHOLD_CLIP_MV[0]), THRESHOLD_CLIP_MV[1])
            if self.fresh_theta:  # the threshold array as first filled: θ everywhere
                theta = np.full(self.size, self.theta, F)
        self.fresh_theta = False
        a = self.a * self.decay_a
        v = np.minimum(np.maximum(v, self.v_min), self.v_max)
        fire = active & ((v > theta) if self.authors_test else (v >= self.theta + a))
        v = np.where(fire, self.v_reset, v)
        a = np.where(fire, a + self.delta_a, a)
        self.refractory_until = np.where(fire, t + self.refractory_steps, self.refractory_until)
        self.v, self.i, self.a = v.astype(F), ii.astype(F), a.astype(F)
        self.emit(np.nonzero(fire)[0], t)

    def emit(self, idx, t):
        self.spiked = idx
        self.prev[idx] = self.last[idx]
        self.last[idx] = t


class Input(Population):
    def __init__(self, size):
        self.name = "input"
        self.size = size
        self.silent = False
        self.reset()

    def reset(self):
        self.last = np.full(self.size, NEVER, np.int64)
        self.prev = np.full(self.size, NEVER, np.int64)
        self.spiked = np.zeros(0, np.int64)
        self.zeroed = NEVER
        self.untimed = (NEVER, np.zeros(0, np.int64))

    def play(self, steps, sources, first):
        self.steps, self.sources, self.first = steps, sources, first

    def integrate(self, t):
        if self.silent:  # asleep
            self.emit(np.zeros(0, np.int64), t)
            return
        self.emit(self.row(t), t)

    def row(self, t):
        at = t - self.first
        lo, hi = np.searchsorted(self.steps, [at, at + 1], side="left")
        return self.sources[lo:hi].astype(np.int64)

    def play_untimed(self, t):
        """Row t as this step's spikes, sent and visited at t + 1, without a spike time (last and prev stand)."""
        self.spiked = self.row(t)
        self.untimed = (t, self.spiked)


NEVER = np.iinfo(np.int32).min // 2


class Projection:
    def __init__(self, spec, pre, post, inputs, dt):
        self.name = spec["name"]
        self.pre, self.post = pre, post
        self.pre_idx = inputs[self.name + "__pre"].astype(np.int64)
        self.post_idx = inputs[self.name + "__post"].astype(np.int64)
        self.w = inputs[self.name + "__w0"].astype(F).copy()
        self.excitatory = spec["receptor"] == "excitatory"
        self.w_min, self.w_max = F(spec["w_min"]), F(spec["w_max"])
        # CSR rows: synapses are stored by pre neuron
        self.row_start = np.searchsorted(self.pre_idx, np.arange(pre.size + 1), side="left")
        self.touched = np.zeros(0, np.int64)
        self.carried = []  # (targets, weights) per pre neuron that spiked at the last step, in spike order
        rule = spec["plasticity"]
        self.plastic = spec["rule"] is not None
        if self.plastic:
            if rule["rule"] != "since_last_spike":
                raise FormatError(f"params.json: projection {self.name} has rule {rule['rule']}; the reference knows "
                                  "only since_last_spike")
            sign = rule["sign"] or "auto"
            self.sign = {"auto": -1 if not self.excitatory else 1, "+1": 1, "1": 1, "-1": -1}[sign]
            self.eta, self.tau_ltp, self.tau_ltd = rule["eta"], rule["tau_ltp_ms"], rule["tau_ltd_ms"]
            self.dt = dt

    def magnitude(self, delta):
        """(float32) (η·exp(−|Δ|·dt/τ)), τ_LTP for Δ ≥ 0 and τ_LTD for Δ < 0, rounded once from float64."""
        k = np.abs(delta).astype(np.float64)
        tau = np.where(delta >= 0, self.tau_ltp, self.tau_ltd)
        return (self.eta * np.exp(-k * self.dt / tau)).astype(F)

    def learn(self, t):
        w = self.w
        if self.touched.size:
            w[self.touched] = np.minimum(np.maximum(w[self.touched], self.w_min), self.w_max)
        pre, post = self.pre, self.post
        pre_prev = ((pre.last == t - 1) | (pre.prev == t - 1)) & (pre.zeroed != t - 1)
        if pre.untimed[0] == t - 1:  # sent without a spike time: visited, with since(pre) as it stands
            pre_prev[pre.untimed[1]] = True
        post_prev = ((post.last == t - 1) | (post.prev == t - 1)) & (post.zeroed != t - 1)
        visit = pre_prev[self.pre_idx] | post_prev[self.post_idx]
        s = np.nonzero(visit)[0]
        self.touched = s
        if s.size == 0:
            return

        def since(last):
            return np.where(last == NEVER, t + 1, t - last)

        delta = since(post.last[self.post_idx[s]]) - since(pre.last[self.pre_idx[s]])
        m = self.magnitude(delta)
        change = np.where(delta >= 0, F(self.sign) * m, F(-self.sign) * m).astype(F)
        w[s] = (w[s] + change).astype(F)

    def total_abs(self):
        """Σ|w| summed in synapse order in float64, as Somnus's Projection.totalAbsWeight."""
        return float(np.cumsum(np.abs(self.w).astype(np.float64))[-1]) if self.w.size else 0.0

    def pull(self, target, lam):
        """The sleep decay of one step: |w| ← t·(|w|/t)^λ, sign kept (0 stays 0), then clipped to the bounds."""
        w = self.w.astype(np.float64)
        a = np.abs(w)
        t = float(F(target))
        out = w.copy()
        nz = a != 0
        out[nz] = np.copysign(t * np.exp(lam * np.log(a[nz] / t)), w[nz])
        self.w = np.minimum(np.maximum(out.astype(F), self.w_min), self.w_max)

    def send(self):
        """This step's spikes with the weights they leave with; they arrive at the next step."""
        self.carried = [(self.post_idx[self.row_start[i]:self.row_start[i + 1]],
                         self.w[self.row_start[i]:self.row_start[i + 1]].copy()) for i in self.pre.spiked]

    def arrive(self):
        target = self.post.exc if self.excitatory else self.post.inh
        for idx, w in self.carried:  # in the order the pre neurons spiked, as Somnus adds them
            target[idx] += w
        self.carried = []


def sleep_plan(params, steps):
    """Episode length (steps) after every W wake steps, from params.json's sleep section; 0 = no sleep."""
    sleep = params["sleep"]
    if sleep["fraction"] == 0:
        return 0
    unsupported = []
    if sleep.get("episode") != "ratio_of_wake":
        unsupported.append(f"episode {sleep.get('episode')} (only ratio_of_wake)")
    if not sleep.get("keep_state"):
        unsupported.append("keep_state false (only the authors' continued stream)")
    if sleep.get("law") != "log" or sleep.get("target") != "constant":
        unsupported.append(f"law {sleep.get('law')}, target {sleep.get('target')} (only log, constant)")
    if sleep.get("weight_noise", 0) != 0 or sleep.get("input_rate_hz", 0) != 0:
        unsupported.append("weight_noise or input_rate_hz not 0")
    if sleep.get("decay_every_steps") != 1:
        unsupported.append(f"decay_every_steps {sleep.get('decay_every_steps')} (only 1)")
    if sleep.get("early_end_tolerance", 0) > 0 and sleep.get("early_end") != "receptor_groups":
        unsupported.append("early_end per_projection with a tolerance (only receptor_groups)")
    if unsupported:
        raise FormatError("params.json: the reference's sleep is the authors' (paper-code's); this run has "
                          + "; ".join(unsupported) + " (use sleep.fraction 0, or fewer images than one wake period)")
    w = int(sleep["wake_steps"])
    length = max(1, int(np.floor(w * sleep["fraction"] + 0.5)))  # Java's Math.round
    cap = int(sleep.get("max_episode_steps") or 0)
    return min(length, cap) if cap > 0 else length


def simulate(params, inputs, images=None):
    dt = float(params["dt_ms"])
    steps = int(params["steps_per_image"])
    reset_every = int(params["reset_every_images"])
    offsets = inputs["offsets"]
    k_total = len(offsets) - 1
    k = k_total if images is None else min(images, k_total)
    sleep = params["sleep"]
    episode_steps = sleep_plan(params, steps)
    noise = Noise(inputs.get("noise_gaussians", np.zeros(0)))
    euler = params.get("integration", "exponential") == "euler"
    authors_test = params.get("spike_test", "at_or_above") == "above_previous_clipped"
    wake_sigma = float(params.get("wake_noise_std_mv", 0.0))
    carried = params.get("stream_start", "rest") == "carried_v_zero"
    zero_at_stream_start = params.get("stream_start_last_step", "delivered") == "dropped"
    fresh_theta = params.get("stream_start_threshold", "carried") == "base"
    input_only_first = params.get("stream_first_step", "integrates") == "input_only"
    untimed_first_row = input_only_first and params.get("input_only_step", "timed") == "untimed"
    zero_input_before_sleep = sleep.get("last_wake_input", "delivered") == "dropped"
    send_after_pull = sleep.get("delivery", "before_decay") == "after_decay"
    clock_per_stream = sleep.get("wake_clock", "continuous") == "per_stream"
    pops = {}
    for name, spec in params["populations"].items():
        if spec["model"] == "input":
            pops[name] = Input(spec["size"])
        elif spec["model"] == "current_lif":
            pops[name] = Population(name, spec["size"], spec["neuron"], dt, euler, authors_test, noise)
        else:
            raise FormatError(f"params.json: population {name} is {spec['model']}; the reference knows current_lif")
    projections = [Projection(p, pops[p["pre"]], pops[p["post"]], inputs, dt) for p in params["projections"]]
    order = list(pops.values())  # integration order: input first, then as configured
    neurons = [p for p in order if not isinstance(p, Input)]
    counts = {p.name: np.zeros((k, p.size), np.int32) for p in neurons}
    raster = {p.name: ([], []) for p in neurons}
    w_after = {pr.name: [] for pr in projections if pr.plastic}
    named = sleep.get("projections") or []
    decaying = [pr for pr in projections if (pr.name in named if named else pr.plastic)]
    set_points = {pr.name: pr.total_abs() for pr in projections}
    clock = {"stream": 0, "global": 0}
    episodes = []

    def send_input_only():
        """The neurons' spike vectors of this step are empty; the input's projections send what it played."""
        for p in neurons:
            p.spiked = np.zeros(0, np.int64)
        for pr in projections:
            if pr.pre is pops["input"]:
                pr.send()

    def step_input_only():
        """The input plays and sends; everything else stands (the neurons' spike vector of this step is empty)."""
        pops["input"].integrate(clock["stream"])
        send_input_only()
        clock["stream"] += 1
        clock["global"] += 1

    def step_untimed_row():
        """As step_input_only, off the stream clock: row 0 plays at the clock's last step without spike times (their
        t = 1 follows the previous batch's last update by one spike_times increment; row 0 never enters spike_times,
        src/train.py:253, 393-394, 670-695); the raster's clock still counts it."""
        pops["input"].play_untimed(clock["stream"] - 1)
        send_input_only()
        clock["global"] += 1

    def step(plastic, sigma, img):
        t = clock["stream"]
        for p in neurons:
            p.sigma = sigma
        for pr in projections:
            pr.arrive()
        for p in order:
            p.integrate(t)
        for pr in projections:
            if plastic and pr.plastic:
                pr.learn(t)
            pr.send()
        for p in neurons:
            if p.spiked.size:
                if img is not None:
                    counts[p.name][img, p.spiked] += 1
                raster[p.name][0].append(np.full(p.spiked.size, clock["global"], np.int32))
                raster[p.name][1].append(p.spiked.astype(np.int32))
        clock["stream"] += 1
        clock["global"] += 1

    def zero_carried(zeroed):
        """Zeroes these populations' entries of the spike vector carried to the next step."""
        for p in zeroed:
            p.zeroed = clock["stream"] - 1
        for pr in projections:
            if pr.pre in zeroed:
                pr.carried = []

    def groups_at_set_point():
        tol = sleep["early_end_tolerance"]
        for excitatory in (True, False):
            group = [pr for pr in decaying if pr.excitatory == excitatory]
            total, point = 0.0, 0.0
            for pr in group:
                total += pr.total_abs()
                point += set_points[pr.name]
            if abs(total - point) > tol * point:
                return False
        return True

    def episode(max_steps):
        groups = sleep.get("early_end") == "receptor_groups" and sleep["early_end_tolerance"] > 0
        pops["input"].silent = True
        n = 0
        while n < max_steps:
            if groups and groups_at_set_point():
                break
            if n == 0 and zero_input_before_sleep:
                zero_carried([pops["input"]])
            step(sleep["plasticity"], float(sleep["noise_std_mv"]), None)
            n += 1
            for pr in decaying:
                pr.pull(sleep["target_magnitude"], float(sleep["lambda"]))
            if send_after_pull:  # the step's spikes leave with the pulled weights
                for pr in projections:
                    pr.send()
        pops["input"].silent = False
        episodes.append(n)

    started = time.perf_counter()
    since_sleep = 0
    for img in range(k):
        starts = reset_every == 1 or (reset_every > 0 and img % reset_every == 0) or img == 0
        if starts:
            if clock_per_stream:
                since_sleep = 0
            if carried and img > 0:
                if zero_at_stream_start:
                    zero_carried(order)
                for p in neurons:
                    p.v[:] = 0
                    p.fresh_theta = fresh_theta
            else:
                for p in order:
                    p.reset()
                for pr in projections:
                    pr.carried = []
                clock["stream"] = 0
        a, b = offsets[img], offsets[img + 1]
        untimed = starts and untimed_first_row
        pops["input"].play(inputs["spike_steps"][a:b], inputs["spike_sources"][a:b],
                           clock["stream"] - 1 if untimed else clock["stream"])
        for n in range(steps):
            if n == 0 and untimed:
                step_untimed_row()
            elif n == 0 and starts and input_only_first:
                step_input_only()
            else:
                step(True, wake_sigma, img)
        for name in w_after:
            w_after[name].append(next(pr for pr in projections if pr.name == name).w.copy())
        if episode_steps > 0:
            since_sleep += steps
            if since_sleep >= sleep["wake_steps"]:
                since_sleep = 0
                episode(episode_steps)
    out = {}
    for p in neurons:
        out[p.name + "_counts"] = counts[p.name]
        st, nr = raster[p.name]
        out[p.name + "_raster_step"] = np.concatenate(st) if st else np.zeros(0, np.int32)
        out[p.name + "_raster_neuron"] = np.concatenate(nr) if nr else np.zeros(0, np.int32)
    for name, ws in w_after.items():
        out[name + "__w_after"] = np.stack(ws).astype(F)
    out["sleep_episode_steps"] = np.array(episodes, np.int64)
    out["noise_draws_used"] = np.array(noise.used)
    out["noise_draws_exported"] = np.array(noise.g.size if k == k_total else noise.used)
    out["wall_seconds"] = np.array(time.perf_counter() - started)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--export", required=True, help="the directory somnus train --export-spikes wrote")
    ap.add_argument("--out", required=True, help="the reference's output .npz")
    ap.add_argument("--images", type=int, default=None, help="simulate only the first K presentations")
    args = ap.parse_args(argv)
    try:
        params, inputs = load(args.export)
        out = simulate(params, inputs, args.images)
    except FormatError as e:
        print(f"reference.py: {e}", file=sys.stderr)
        return 2
    np.savez_compressed(args.out, **out)
    k = next(v for n, v in out.items() if n.endswith("_counts")).shape[0]
    print(f"simulated {k} images and {out['sleep_episode_steps'].size} sleep episodes "
          f"({int(out['sleep_episode_steps'].sum())} steps) in {float(out['wall_seconds']):.1f} s; "
          f"{int(out['noise_draws_used'])} noise draws")
    return 0


if __name__ == "__main__":
    sys.exit(main())
