#!/usr/bin/env python3
"""A finished continual SG-SNN run's weights.npz, forward on each task's test images: per-task accuracy, ties, silence.

The check behind docs/sg.md ("Why paper-sg-code never learns tasks 4 and 5"). It runs the forward pass of
sg_forward.py (the same functions: one copy of io.somnus.sg.SgNetwork's forward pass) on the run's test images,
read as the run read them (the first train.test_images of the t10k IDX files, resized as config.yaml's dataset
section says), splits them by the tasks of summary.json's continual.task_ends, and prints for each task:

  accuracy      the network's prediction over all classes (the most output spikes, ties to the lower class) on
                the task's test images, beside the last row of the run's continual.task_accuracy
  higher ties   the accuracy were ties given to the higher class instead
  per class     on the class's images: the mean spike count of the class's own output neuron (of sg.steps), the
                share on which it ties for most but loses the tie to a lower class, the share on which it never
                spikes, the share on which no output spikes, the class predicted most, and the own neuron's peak
                membrane (mean over the images) against sg.threshold, with the surrogate's slope there as a share of
                its peak (slope_share)

and then, per class's images and output neuron, the mean spike counts, the mean peak membranes and the surrogate's
slope at that mean peak as a share of its peak (at the threshold).

  /usr/bin/python3 validation/pytorch/sg_continual_forward.py RUN --idx /usr/share/datasets/fashion-mnist
"""
import argparse
import json
import os
import sys

import numpy as np
import torch
import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sg_forward import idx_test_set, layers, outputs  # noqa: E402


def slope_share(x, surrogate, k):
    """The surrogate derivative at x = U - theta over its peak at x = 0 (io.somnus.sg.SgSurrogate's formulas, slope
    k = sg.surrogate_slope): fast_sigmoid 1/(1 + k|x|)^2, arctan 1/(1 + (pi k x / 2)^2), sigmoid 4 s (1 - s) with
    s = 1/(1 + e^(-k x)). How little gradient a membrane this far from the threshold passes back."""
    x = np.asarray(x, dtype=np.float64)
    name = str(surrogate).lower()
    if name == "fast_sigmoid":
        return 1.0 / (1.0 + k * np.abs(x)) ** 2
    if name == "arctan":
        return 1.0 / (1.0 + (np.pi / 2 * k * x) ** 2)
    if name == "sigmoid":
        s = 1.0 / (1.0 + np.exp(-k * x))
        return 4.0 * s * (1.0 - s)
    sys.exit("sg_continual_forward.py: sg.surrogate %s is none of fast_sigmoid, arctan, sigmoid" % surrogate)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("run", help="a finished SG-SNN run of --protocol continual (config.yaml, weights.npz, summary.json)")
    ap.add_argument("--idx", required=True,
                    help="a folder with t10k-images-idx3-ubyte[.gz] and t10k-labels-idx1-ubyte[.gz]")
    a = ap.parse_args()
    with open(os.path.join(a.run, "config.yaml")) as f:
        cfg = yaml.safe_load(f)
    with open(os.path.join(a.run, "summary.json")) as f:
        summary = json.load(f)
    if cfg.get("model") != "sg" or "continual" not in summary:
        sys.exit("sg_continual_forward.py: " + a.run + " is not a continual SG-SNN run (model: "
                 + str(cfg.get("model")) + ", protocol: " + str(cfg.get("protocol")) + ")")
    sg = cfg["sg"]
    if str(sg["encoding"]).lower() != "direct" or str(sg["loss"]).lower() == "membrane":
        sys.exit("sg_continual_forward.py: counts spikes of direct input only (sg.encoding: %s, sg.loss: %s)"
                 % (sg["encoding"], sg["loss"]))
    images, labels = idx_test_set(a.idx, cfg["train"]["test_images"], cfg.get("dataset"))
    counts, peak = outputs(layers(np.load(os.path.join(a.run, "weights.npz")), int(sg["depth"])), images, sg, None)
    steps, theta = int(sg["steps"]), float(sg["threshold"])
    surrogate, slope = sg["surrogate"], float(sg["surrogate_slope"])
    slope_share(0.0, surrogate, slope)                                      # an unknown surrogate is refused up front
    classes = counts.shape[1]
    lower = np.argmax(counts, axis=1)                                   # the first maximum: Somnus's tie rule
    higher = classes - 1 - np.argmax(counts[:, ::-1], axis=1)           # the last maximum
    top = counts.max(axis=1)
    run_row = summary["continual"]["task_accuracy"][-1]
    print("%s: %d test images, %d output neurons, %d steps, threshold %g" % (a.run, len(labels), classes, steps, theta))
    for k, task in enumerate(summary["continual"]["task_ends"]):
        m = np.isin(labels, task["classes"])
        print("task %d (classes %s): accuracy %.3f (the run's %.3f), with ties to the higher class %.3f, %d images"
              % (k + 1, ", ".join(map(str, task["classes"])), np.mean(lower[m] == labels[m]), float(run_row[k]),
                 np.mean(higher[m] == labels[m]), int(m.sum())))
        for c in task["classes"]:
            i = labels == c
            own = counts[i, c]
            print("  class %d: own neuron %.1f of %d steps, tied for most and lost to a lower class %.3f, never "
                  "spikes %.3f, no output spikes %.3f, predicted most %d, own peak membrane %.1f (surrogate slope "
                  "there %.3f %% of its peak)"
                  % (c, own.mean(), steps, np.mean((own == top[i]) & (lower[i] < c)), np.mean(own == 0),
                     np.mean(top[i] == 0), np.bincount(lower[i], minlength=classes).argmax(), peak[i, c].mean(),
                     100 * slope_share(peak[i, c].mean() - theta, surrogate, slope)))
    print("mean counts per output neuron on each class's images (rows: class; columns: neuron):")
    for c in range(classes):
        if np.any(labels == c):
            print("  %d: %s" % (c, " ".join("%5.1f" % v for v in counts[labels == c].mean(axis=0))))
    print("mean peak membrane per output neuron on each class's images (threshold %g):" % theta)
    for c in range(classes):
        if np.any(labels == c):
            print("  %d: %s" % (c, " ".join("%5.1f" % v for v in peak[labels == c].mean(axis=0))))
    print("surrogate (%s, slope %g) at that mean peak, %% of its peak at the threshold:" % (surrogate, slope))
    for c in range(classes):
        if np.any(labels == c):
            print("  %d: %s" % (c, " ".join("%6.3f" % v for v in
                                            100 * slope_share(peak[labels == c].mean(axis=0) - theta, surrogate, slope))))


if __name__ == "__main__":
    main()
