#!/usr/bin/python3
"""Compare a Somnus run with the Brian2 reference on the same inputs (both files in brian2_out.npz format).

Pass criteria (tolerances, see README.md "Tolerances"):
  relative difference of mean E spikes per image  |m_somnus - m_brian2| / m_brian2  <= 0.05
  Pearson correlation of w_final (all 784 * N_e weights)                               >= 0.99
Individual spike counts are NOT required to match: a float32 run leaves the float64 one after a few
images (a different neuron wins a presentation), so only aggregate statistics are compared.
Exit status: 0 pass, 1 fail, 2 unusable files.

Usage:
  /usr/bin/python3 compare.py --somnus somnus_out.npz --brian2 brian2_out.npz [--max-rel-diff 0.05] [--min-corr 0.99]
"""

import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dc_io import FormatError, load_outputs  # noqa: E402


def relative_difference(a, b):
    """|a - b| / |b|; 0 when both are 0, inf when only b is 0."""
    if b == 0:
        return 0.0 if a == 0 else float("inf")
    return abs(a - b) / abs(b)


def pearson(x, y):
    x = np.asarray(x, np.float64).ravel()
    y = np.asarray(y, np.float64).ravel()
    x = x - x.mean()
    y = y - y.mean()
    den = np.sqrt((x * x).sum() * (y * y).sum())
    if den == 0:
        return 1.0 if np.array_equal(x, y) else 0.0
    return float((x * y).sum() / den)


def compare(s, b, max_rel_diff=0.05, min_corr=0.99):
    """Returns (passed, report lines)."""
    k = b["e_spike_counts"].shape[0]
    m_s = s["e_spike_counts"].sum() / k
    m_b = b["e_spike_counts"].sum() / k
    mi_s = s["i_spike_counts"].sum() / k
    mi_b = b["i_spike_counts"].sum() / k
    rel = relative_difference(m_s, m_b)
    corr = pearson(s["w_final"], b["w_final"])
    img_corr = pearson(s["e_spike_counts"].sum(1), b["e_spike_counts"].sum(1))
    same_counts = float(np.mean(s["e_spike_counts"] == b["e_spike_counts"]))
    ok_spikes = rel <= max_rel_diff
    ok_corr = corr >= min_corr
    lines = [
        f"images {k}, N_e {b['e_spike_counts'].shape[1]}",
        f"mean E spikes/image   somnus {m_s:10.3f}   brian2 {m_b:10.3f}   relative difference {rel:.4f}"
        f"  (limit {max_rel_diff})  {'OK' if ok_spikes else 'FAIL'}",
        f"w_final Pearson r     {corr:.6f}  (limit {min_corr})  {'OK' if ok_corr else 'FAIL'}",
        f"mean I spikes/image   somnus {mi_s:10.3f}   brian2 {mi_b:10.3f}   (information)",
        f"per-image E total r   {img_corr:.4f};  identical per-neuron counts {100 * same_counts:.1f} %  (information)",
        f"theta_final mean      somnus {s['theta_final_mv'].mean():.4f} mV   brian2 {b['theta_final_mv'].mean():.4f} mV"
        f"   max |diff| {np.abs(s['theta_final_mv'] - b['theta_final_mv']).max():.4f} mV  (information)",
        f"max |w diff| {np.abs(s['w_final'] - b['w_final']).max():.3e};  wall seconds somnus "
        f"{float(s['wall_seconds']):.3f}  brian2 {float(b['wall_seconds']):.3f}",
    ]
    return ok_spikes and ok_corr, lines


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--somnus", required=True, help="somnus_out.npz")
    ap.add_argument("--brian2", required=True, help="brian2_out.npz")
    ap.add_argument("--max-rel-diff", type=float, default=0.05)
    ap.add_argument("--min-corr", type=float, default=0.99)
    args = ap.parse_args(argv)
    try:
        s = load_outputs(args.somnus)
        b = load_outputs(args.brian2)
    except (FormatError, OSError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if s["e_spike_counts"].shape != b["e_spike_counts"].shape:
        print(f"error: {args.somnus} has e_spike_counts shape {s['e_spike_counts'].shape} but "
              f"{args.brian2} has {b['e_spike_counts'].shape} (same images and N_e required)", file=sys.stderr)
        return 2
    passed, lines = compare(s, b, args.max_rel_diff, args.min_corr)
    print("\n".join(lines))
    print("PASS" if passed else "FAIL")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
