"""Reading and checking the files exchanged between Somnus and the Brian2 reference.

Formats (all NumPy ``.npz``):

inputs.npz (written by Somnus, or by make_test_inputs.py)
    spike_steps    int32 [S]      step index of each input spike within its presentation, 0..steps_per_image-1
    spike_sources  int32 [S]      input index of each spike, 0..783
    offsets        int32 [K+1]    presentation k's spikes are [offsets[k], offsets[k+1])
    w_init         float32 [784][N_e]  initial input->E weights (row = input, column = E neuron)
    theta_init_mv  float32 [N_e]  initial adaptive-threshold increments theta, in mV
    dt_ms          scalar         integration step, ms (must be 0.5)
    steps_per_image scalar        steps per presentation (700 = 350 ms)
    n_e            scalar         number of excitatory (= inhibitory) neurons

brian2_out.npz / somnus_out.npz (same format from both simulators)
    e_spike_counts int32 [K][N_e] E spikes per presentation
    i_spike_counts int32 [K][N_e] I spikes per presentation
    w_final        float64 [784][N_e] input->E weights after the last presentation (after its normalisation)
    theta_final_mv float64 [N_e]  theta after the last presentation, mV
    wall_seconds   scalar         simulation wall time, s (compilation / code generation excluded)
"""

import numpy as np

N_INPUT = 784

INPUT_KEYS = ("spike_steps", "spike_sources", "offsets", "w_init", "theta_init_mv",
              "dt_ms", "steps_per_image", "n_e")
OUTPUT_KEYS = ("e_spike_counts", "i_spike_counts", "w_final", "theta_final_mv", "wall_seconds")


class FormatError(ValueError):
    """A user-supplied file does not follow the exchange format; the message names file and field."""


def _require(ok, path, field, what):
    if not ok:
        raise FormatError(f"{path}: field '{field}' {what}")


def load_inputs(path):
    """Load and validate an inputs.npz; returns a dict of NumPy arrays / Python scalars."""
    with np.load(path) as f:
        missing = [k for k in INPUT_KEYS if k not in f.files]
        if missing:
            raise FormatError(f"{path}: missing field(s) {missing}; required: {list(INPUT_KEYS)}")
        d = {k: f[k] for k in INPUT_KEYS}
    n_e = int(d["n_e"])
    steps = int(d["steps_per_image"])
    dt_ms = float(d["dt_ms"])
    _require(n_e >= 1, path, "n_e", f"must be >= 1, got {n_e}")
    _require(steps >= 1, path, "steps_per_image", f"must be >= 1, got {steps}")
    _require(dt_ms == 0.5, path, "dt_ms", f"must be 0.5 (the step the comparison is defined for), got {dt_ms}")
    for k in ("spike_steps", "spike_sources", "offsets"):
        _require(d[k].ndim == 1 and np.issubdtype(d[k].dtype, np.integer), path, k,
                 f"must be a 1-D integer array, got dtype {d[k].dtype} shape {d[k].shape}")
    s, src, off = d["spike_steps"], d["spike_sources"], d["offsets"]
    _require(s.shape == src.shape, path, "spike_sources",
             f"must have the same length as spike_steps ({s.shape[0]}), got {src.shape[0]}")
    _require(off.shape[0] >= 2, path, "offsets", "must have length K+1 >= 2 (at least one presentation)")
    _require(off[0] == 0 and off[-1] == s.shape[0] and np.all(np.diff(off) >= 0), path, "offsets",
             f"must start at 0, be non-decreasing and end at the spike count {s.shape[0]}")
    if s.size:
        _require(s.min() >= 0 and s.max() < steps, path, "spike_steps",
                 f"values must lie in 0..{steps - 1}, got {s.min()}..{s.max()}")
        _require(src.min() >= 0 and src.max() < N_INPUT, path, "spike_sources",
                 f"values must lie in 0..{N_INPUT - 1}, got {src.min()}..{src.max()}")
    _require(d["w_init"].shape == (N_INPUT, n_e), path, "w_init",
             f"must have shape ({N_INPUT}, {n_e}), got {d['w_init'].shape}")
    _require(np.all(np.isfinite(d["w_init"])) and d["w_init"].min() >= 0, path, "w_init",
             "must be finite and >= 0")
    _require(d["theta_init_mv"].shape == (n_e,), path, "theta_init_mv",
             f"must have shape ({n_e},), got {d['theta_init_mv'].shape}")
    _require(np.all(np.isfinite(d["theta_init_mv"])), path, "theta_init_mv", "must be finite")
    # Brian2's SpikeGeneratorGroup rejects two spikes of one source in one step; say which presentation.
    k_of_spike = np.repeat(np.arange(off.shape[0] - 1), np.diff(off))
    key = (k_of_spike.astype(np.int64) * steps + s) * N_INPUT + src
    uniq, counts = np.unique(key, return_counts=True)
    if np.any(counts > 1):
        bad = int(uniq[np.argmax(counts > 1)])
        raise FormatError(f"{path}: field 'spike_sources' has a repeated spike: presentation "
                          f"{bad // (steps * N_INPUT)}, step {(bad // N_INPUT) % steps}, source {bad % N_INPUT} "
                          f"(at most one spike per source per step is allowed)")
    d["n_e"], d["steps_per_image"], d["dt_ms"] = n_e, steps, dt_ms
    return d


def load_outputs(path):
    """Load and validate a brian2_out.npz / somnus_out.npz."""
    with np.load(path) as f:
        missing = [k for k in OUTPUT_KEYS if k not in f.files]
        if missing:
            raise FormatError(f"{path}: missing field(s) {missing}; required: {list(OUTPUT_KEYS)}")
        d = {k: f[k] for k in OUTPUT_KEYS}
    e, i, w, th = d["e_spike_counts"], d["i_spike_counts"], d["w_final"], d["theta_final_mv"]
    _require(e.ndim == 2, path, "e_spike_counts", f"must be 2-D [K][N_e], got shape {e.shape}")
    _require(i.shape == e.shape, path, "i_spike_counts", f"must have shape {e.shape}, got {i.shape}")
    _require(w.shape == (N_INPUT, e.shape[1]), path, "w_final",
             f"must have shape ({N_INPUT}, {e.shape[1]}), got {w.shape}")
    _require(th.shape == (e.shape[1],), path, "theta_final_mv", f"must have shape ({e.shape[1]},), got {th.shape}")
    return d
