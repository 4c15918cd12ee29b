#!/usr/bin/env python3
"""A finished SG-SNN run's weights.npz in PyTorch: the forward pass of docs/run-directory.md on test images.

Reads RUN/config.yaml (the sg section: depth, recurrence, T, beta, threshold, encoding, loss) and RUN/weights.npz
(dense [pre][post] float32: in_h, h_h (recurrent), h_out and biases b_h, b_out; with sg.depth > 1 in_h1, h1_h1,
h1_h2, ..., hD_out, b_h1, ...), runs snnTorch's Leaky as Somnus does (io.somnus.sg.SgNetwork):

    I_l[t] = s_{l-1}[t] W_l + b_l + s_l[t-1] V_l        (V_l: a recurrent hidden layer's h_l_h_l)
    U_l[t] = beta U_l[t-1] + I_l[t] - theta s_l[t-1]     (U, s = 0 before the first step)
    s_l[t] = 1 if U_l[t] > theta else 0

and predicts the class with the most output spikes (ties: the lower class), or with sg.loss: membrane the largest
mean membrane of the non-spiking output layer. Direct input is the pixel every step; bernoulli and poisson input
are drawn here with torch's generator, so their predictions agree with Somnus's in distribution only.

  /usr/bin/python3 sg_forward.py RUN --images test.npz [--out predictions.npy]
  /usr/bin/python3 sg_forward.py RUN --idx /usr/share/datasets/fashion-mnist

test.npz holds `images` [N][inputs] (pixels in [0, 1], as the run prepared them) and `labels` [N]; --idx reads the
first train.test_images images of the t10k IDX files, divides by 255 and resizes them as the run's dataset section
says (dataset.sampling: first and no normalise_sum only). Prints the accuracy beside summary.json's test_accuracy.
"""
import argparse
import gzip
import json
import os
import sys

import numpy as np
import torch
import yaml


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, np.uint8, offset=4 + 4 * dims).reshape(shape)


def bilinear(images, size):
    """io.somnus.data.BilinearResize: PyTorch's bilinear, align_corners=False, no anti-alias, in double precision."""
    n, h, w = images.shape

    def axis(inp, out):
        x = np.maximum(0.0, (np.arange(out) + 0.5) * (inp / out) - 0.5)
        x0 = x.astype(np.int64)
        return x0, np.minimum(x0 + 1, inp - 1), x - x0
    y0, y1, ly = axis(h, size)
    x0, x1, lx = axis(w, size)
    p = images.astype(np.float64)
    top = (1 - lx) * p[:, y0][:, :, x0] + lx * p[:, y0][:, :, x1]
    bottom = (1 - lx) * p[:, y1][:, :, x0] + lx * p[:, y1][:, :, x1]
    return ((1 - ly[:, None]) * top + ly[:, None] * bottom).astype(np.float32)


def idx_test_set(directory, n, dataset=None):
    """The first n test images as a run with this config.yaml dataset section prepared them: pixels / 255 (float32),
    resized to dataset.resize (bilinear as above; antialiased: Pillow's BILINEAR, which AntialiasedResize
    reproduces), flattened. dataset.sampling other than first and normalise_sum other than 0 are refused."""
    dataset = dataset or {}
    if str(dataset.get("sampling", "first")).lower() != "first" or float(dataset.get("normalise_sum") or 0) != 0:
        sys.exit("sg_forward.py: the run's dataset.sampling (%s) or normalise_sum (%s) is not reproduced here: "
                 "pass its test images with --images" % (dataset.get("sampling"), dataset.get("normalise_sum")))

    def find(stem):
        for name in (stem, stem + ".gz"):
            if os.path.exists(os.path.join(directory, name)):
                return os.path.join(directory, name)
        sys.exit("sg_forward.py: no " + stem + "[.gz] in " + directory)
    images = read_idx(find("t10k-images-idx3-ubyte"))[:n]
    labels = read_idx(find("t10k-labels-idx1-ubyte"))[:n]
    size = int(dataset.get("resize") or 0)
    if size and str(dataset.get("resize_filter", "bilinear")).lower() == "antialiased":
        from PIL import Image
        images = np.stack([np.asarray(Image.fromarray(im).resize((size, size), Image.BILINEAR)) for im in images])
        pixels = images.astype(np.float32) / 255.0
    else:
        pixels = images.astype(np.float32) / np.float32(255.0)
        if size:
            pixels = bilinear(pixels, size)
    return pixels.reshape(len(pixels), -1), labels.astype(np.int64)


def layers(weights, depth):
    """[(W [pre][post], b [post], V [post][post] or None)] from the input to the output layer."""
    hidden = ["h"] if depth == 1 else ["h%d" % (i + 1) for i in range(depth)]
    out, pre = [], "in"
    for post in hidden + ["out"]:
        recurrent = post + "_" + post
        out.append((torch.from_numpy(weights[pre + "_" + post]), torch.from_numpy(weights["b_" + post]),
                    torch.from_numpy(weights[recurrent]) if recurrent in weights else None))
        pre = post
    return out


def outputs(net, images, sg, generator):
    """The output layer over the forward pass above, sg['steps'] steps: (readout [N][classes], the spike counts or
    with sg.loss: membrane the mean membrane; peak [N][classes], each output's highest membrane over the steps)."""
    steps, beta, theta = sg["steps"], float(sg["beta"]), float(sg["threshold"])
    encoding, membrane = sg["encoding"].lower(), sg["loss"].lower() == "membrane"
    scale = float(sg["poisson_rate_hz"]) * float(sg["dt_ms"]) / 1000.0 if encoding == "poisson" else 1.0
    x = torch.from_numpy(images)
    u = [torch.zeros(len(images), w.shape[1]) for w, _, _ in net]
    s = [torch.zeros(len(images), w.shape[1]) for w, _, _ in net]
    readout = torch.zeros(len(images), net[-1][0].shape[1])
    peak = torch.full((len(images), net[-1][0].shape[1]), -float("inf"))
    with torch.no_grad():
        for _ in range(steps):
            inp = x if encoding == "direct" else \
                (torch.rand(x.shape, generator=generator) < (x * scale).clamp(max=1.0)).float()
            for l, (w, b, v) in enumerate(net):
                current = inp @ w + b
                if v is not None:
                    current = current + s[l] @ v
                if membrane and l == len(net) - 1:
                    u[l] = beta * u[l] + current          # the non-spiking integrator of sg.loss: membrane
                    readout += u[l] / steps
                    break
                u[l] = beta * u[l] + current - theta * s[l]
                s[l] = (u[l] > theta).float()
                inp = s[l]
            peak = torch.maximum(peak, u[-1])
            if not membrane:
                readout += s[-1]
    return readout.numpy(), peak.numpy()


def predict(net, images, sg, generator):
    """The class of each image: the largest readout of outputs(), the first maximum, as Somnus breaks ties."""
    return np.argmax(outputs(net, images, sg, generator)[0], axis=1)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("run", help="a finished SG-SNN run directory (config.yaml, weights.npz, summary.json)")
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--images", help="an .npz with images [N][inputs] and labels [N]")
    src.add_argument("--idx", help="a folder with t10k-images-idx3-ubyte[.gz] and t10k-labels-idx1-ubyte[.gz]")
    ap.add_argument("--out", help="write the predicted classes here (.npy)")
    ap.add_argument("--seed", type=int, default=0, help="torch's seed for bernoulli or poisson input")
    a = ap.parse_args()
    with open(os.path.join(a.run, "config.yaml")) as f:
        cfg = yaml.safe_load(f)
    if cfg.get("model") != "sg":
        sys.exit("sg_forward.py: " + a.run + " is not an SG-SNN run (model: " + str(cfg.get("model")) + ")")
    sg = cfg["sg"]
    if a.images:
        data = np.load(a.images)
        images, labels = data["images"].astype(np.float32), data["labels"].astype(np.int64)
    else:
        images, labels = idx_test_set(a.idx, cfg["train"]["test_images"], cfg.get("dataset"))
    net = layers(np.load(os.path.join(a.run, "weights.npz")), int(sg["depth"]))
    if images.shape[1] != net[0][0].shape[0]:
        sys.exit("sg_forward.py: the images have %d pixels, the run's input layer %d inputs"
                 % (images.shape[1], net[0][0].shape[0]))
    predicted = predict(net, images, sg, torch.Generator().manual_seed(a.seed))
    accuracy = float(np.mean(predicted == labels))
    with open(os.path.join(a.run, "summary.json")) as f:
        reported = json.load(f)["test_accuracy"]
    print("PyTorch accuracy %.6f on %d images; the run's test_accuracy %.6f" % (accuracy, len(labels), reported))
    if a.out:
        np.save(a.out, predicted)


if __name__ == "__main__":
    main()
