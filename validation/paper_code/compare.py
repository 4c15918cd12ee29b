#!/usr/bin/python3
"""Compare Somnus's export (somnus_out.npz) with the NumPy reference's output on the same input spikes.

Pass: every population's spike counts per image identical, the rasters identical, and the largest |Δw| over every
plastic projection and image at most --max-dw (default 1e-6; both sides compute in float32 in the same order, so
the expected difference is 0). Exit status: 0 pass, 1 fail, 2 unusable files.

Usage: /usr/bin/python3 compare.py --somnus DIR/somnus_out.npz --reference reference_out.npz [--max-dw 1e-6]
"""

import argparse
import sys

import numpy as np


def compare(s, r, max_dw):
    lines, ok = [], True
    pops = sorted(n[:-len("_counts")] for n in r if n.endswith("_counts"))
    k = r[pops[0] + "_counts"].shape[0]
    lines.append(f"images {k}")
    for p in pops:
        cs, cr = s[p + "_counts"][:k], r[p + "_counts"]
        same = np.array_equal(cs, cr)
        first = "" if same else f", first difference at image {int(np.nonzero((cs != cr).any(1))[0][0])}"
        lines.append(f"{p}: spikes per image somnus {cs.sum(1).mean():.1f} reference {cr.sum(1).mean():.1f}; counts "
                     f"identical: {same}{first}")
        steps = s[p + "_raster_step"]
        n = r[p + "_raster_step"].size
        raster_same = steps.size >= n and np.array_equal(steps[:n], r[p + "_raster_step"]) and np.array_equal(
            s[p + "_raster_neuron"][:n], r[p + "_raster_neuron"])
        lines.append(f"{p}: rasters identical ({n} spikes): {raster_same}")
        ok = ok and same and raster_same
    worst = 0.0
    for name in sorted(n for n in r if n.endswith("__w_after")):
        ws, wr = s[name][:k].astype(np.float64), r[name].astype(np.float64)
        d = float(np.max(np.abs(ws - wr))) if ws.size else 0.0
        worst = max(worst, d)
        lines.append(f"{name[:-len('__w_after')]}: max |Δw| over {ws.shape[0]} images × {ws.shape[1]} synapses = {d:.3g}")
    if "noise_draws_used" in r:
        used, exported = int(r["noise_draws_used"]), int(r["noise_draws_exported"])
        lines.append(f"membrane-noise draws: reference used {used} of the {exported} Somnus drew: "
                     f"{'all' if used == exported else 'MISMATCH'}")
        ok = ok and used == exported
    if "sleep_episode_steps" in r:
        ep = r["sleep_episode_steps"]
        lines.append(f"sleep episodes: {ep.size} ({int(ep.sum())} steps)")
    ok = ok and worst <= max_dw
    lines.append(f"max |Δw| {worst:.3g} (limit {max_dw}): {'PASS' if ok else 'FAIL'}")
    return ok, lines


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--somnus", required=True)
    ap.add_argument("--reference", required=True)
    ap.add_argument("--max-dw", type=float, default=1e-6)
    a = ap.parse_args(argv)
    try:
        with np.load(a.somnus) as zs, np.load(a.reference) as zr:
            s = {k: zs[k] for k in zs.files}
            r = {k: zr[k] for k in zr.files}
        ok, lines = compare(s, r, a.max_dw)
    except (OSError, KeyError, ValueError, IndexError) as e:
        print(f"compare.py: unusable files: {e}", file=sys.stderr)
        return 2
    print("\n".join(lines))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
