#!/usr/bin/python3
"""Write a test inputs.npz in the format Somnus exports (see dc_io.py), for end-to-end runs without Somnus.

Input spikes: Diehl & Cook's Poisson coding, discretised as Brian2's PoissonGroup does it: in every
0.5 ms step, input i spikes with probability rate_i * dt, rate_i = 63.75 Hz * pixel_i / 255
(Diehl & Cook: pixel / 8 * intensity 2). At most one spike per input per step.

Images: --images fashion  -> Fashion-MNIST training images (Debian package dataset-fashion-mnist,
                              /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz), chosen at random;
        --images random   -> each pixel 0 with probability 0.8, else uniform in 1..255 (digit-like sparsity).
Initial weights: uniform in [0, 0.3) (Diehl & Cook), then each column scaled to sum 78 so that
"normalise before the first image" and "use w_init as given" agree. theta_init: 20 mV (Diehl & Cook's
training start value) for every E neuron.

Usage:
  /usr/bin/python3 make_test_inputs.py --n-images 10 --n-e 100 --out inputs.npz [--images fashion|random] [--seed 1]
"""

import argparse
import gzip
import os
import sys

import numpy as np

N_INPUT = 784
DT_MS = 0.5
STEPS_PER_IMAGE = 700       # 350 ms at 0.5 ms
MAX_RATE_HZ = 63.75         # Diehl & Cook: 255 / 8 * 2
W_INIT_MAX = 0.3            # Diehl & Cook: random initial input->E weights scaled by 0.3
W_TOTAL = 78.0              # column-sum target of the normalisation
THETA_INIT_MV = 20.0        # Diehl & Cook: theta starts at 20 mV in training
FASHION = "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"


def read_idx_images(path):
    """Read an IDX3 ubyte file (optionally gzipped) into uint8 [n][784]."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        raw = f.read()
    magic, n, rows, cols = np.frombuffer(raw[:16], dtype=">u4")
    if magic != 2051:
        raise ValueError(f"{path}: not an IDX3 image file (magic {magic}, expected 2051)")
    if rows * cols != N_INPUT:
        raise ValueError(f"{path}: images are {rows}x{cols}, expected 28x28")
    return np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(n, N_INPUT)


def poisson_spikes(pixels, rng):
    """Bernoulli-per-step spikes for one image; returns (steps, sources) sorted by step then source."""
    p = MAX_RATE_HZ * (pixels.astype(np.float64) / 255.0) * (DT_MS * 1e-3)
    fired = rng.random((STEPS_PER_IMAGE, N_INPUT)) < p[None, :]
    steps, sources = np.nonzero(fired)
    return steps.astype(np.int32), sources.astype(np.int32)


def make(n_images, n_e, images, seed, fashion_path=FASHION):
    rng = np.random.default_rng(seed)
    if images == "fashion":
        if not os.path.exists(fashion_path):
            raise FileNotFoundError(f"{fashion_path} not found: install the Debian package "
                                    f"dataset-fashion-mnist or use --images random")
        all_imgs = read_idx_images(fashion_path)
        pix = all_imgs[rng.choice(all_imgs.shape[0], size=n_images, replace=False)]
    else:
        mask = rng.random((n_images, N_INPUT)) < 0.2
        pix = np.where(mask, rng.integers(1, 256, size=(n_images, N_INPUT)), 0).astype(np.uint8)
    steps, sources, offsets = [], [], [0]
    for k in range(n_images):
        s, src = poisson_spikes(pix[k], rng)
        steps.append(s)
        sources.append(src)
        offsets.append(offsets[-1] + s.shape[0])
    w = rng.random((N_INPUT, n_e)) * W_INIT_MAX
    w *= W_TOTAL / w.sum(axis=0, keepdims=True)
    return dict(spike_steps=np.concatenate(steps).astype(np.int32),
                spike_sources=np.concatenate(sources).astype(np.int32),
                offsets=np.asarray(offsets, dtype=np.int32),
                w_init=w.astype(np.float32),
                theta_init_mv=np.full(n_e, THETA_INIT_MV, dtype=np.float32),
                dt_ms=np.float64(DT_MS), steps_per_image=np.int32(STEPS_PER_IMAGE), n_e=np.int32(n_e))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n-images", type=int, required=True)
    ap.add_argument("--n-e", type=int, default=100)
    ap.add_argument("--images", choices=("fashion", "random"), default="fashion")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    if args.n_images < 1:
        sys.exit(f"error: --n-images must be >= 1, got {args.n_images}")
    if args.n_e < 1:
        sys.exit(f"error: --n-e must be >= 1, got {args.n_e}")
    try:
        d = make(args.n_images, args.n_e, args.images, args.seed)
    except (OSError, ValueError) as e:
        sys.exit(f"error: {e}")
    np.savez(args.out, **d)
    print(f"wrote {args.out}: {args.n_images} images ({args.images}), n_e={args.n_e}, "
          f"{d['offsets'][-1] / args.n_images:.1f} input spikes/image")


if __name__ == "__main__":
    main()
