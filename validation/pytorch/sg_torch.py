#!/usr/bin/env python3
"""The SG-SNN of Somnus written independently in PyTorch, for the reference check of issue 12 (README.md here).

Reads a case that Somnus exported (case.npz: initial parameters, minibatches, sleep noise draws, settings) and
computes, in float32 with autograd:
  * for each minibatch k: the loss, the gradients of every parameter (BPTT through all T steps with the
    surrogate's derivative in place of the Heaviside's), then one torch.optim.Adam step;
  * one sleep iteration: zero input, B copies from rest, membrane noise (the draws Somnus made, step by step),
    trace STDP summed over the steps and averaged over the copies and added once, then one power-law pull
    |w| <- w_tgt (|w|/w_tgt)^lambda of every weight (not the biases).
Writes torch_out.npz with the same keys Somnus's own results carry in case.npz (see README.md).

  /usr/bin/python3 sg_torch.py --case case.npz --out torch_out.npz
  /usr/bin/python3 sg_torch.py --bench --hidden 1000 --steps 25 ... (training images/s; see --help)
"""
import argparse
import math
import sys
import time

import numpy as np
import torch

SURROGATES = {0: "fast_sigmoid", 1: "arctan", 2: "sigmoid"}
LOSSES = {0: "spike_count", 1: "per_step_spikes"}


def surrogate_derivative(name, x, k):
    """sigma'(x) at x = U - theta, snnTorch's formulas (the same as io.somnus.sg.SgSurrogate)."""
    if name == "fast_sigmoid":
        return 1.0 / (1.0 + k * x.abs()) ** 2
    if name == "arctan":
        return (k / 2) / (1.0 + (math.pi / 2 * k * x) ** 2)
    if name == "sigmoid":
        s = torch.sigmoid(k * x)
        return k * s * (1.0 - s)
    raise ValueError("unknown surrogate " + name)


class Spike(torch.autograd.Function):
    """Heaviside forward (U > theta), surrogate derivative backward."""

    @staticmethod
    def forward(ctx, x, name, k):
        ctx.save_for_backward(x)
        ctx.name, ctx.k = name, k
        return (x > 0).to(x.dtype)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad * surrogate_derivative(ctx.name, x, ctx.k), None, None


def forward(params, x, steps, beta, theta, surrogate, slope, detach_reset, time_invariant):
    """snnTorch Leaky semantics, reset by subtraction from the previous step's spike; returns output spikes [T,B,O]."""
    w1, b1, w2, b2 = params
    batch = x.shape[-2]
    u1 = torch.zeros(batch, w1.shape[0])
    u2 = torch.zeros(batch, w2.shape[0])
    s1 = torch.zeros_like(u1)
    s2 = torch.zeros_like(u2)
    out = []
    for t in range(steps):
        xt = x if time_invariant else x[t]
        r1 = s1.detach() if detach_reset else s1
        r2 = s2.detach() if detach_reset else s2
        u1 = beta * u1 + (xt @ w1.T + b1) - theta * r1
        s1 = Spike.apply(u1 - theta, surrogate, slope)
        u2 = beta * u2 + (s1 @ w2.T + b2) - theta * r2
        s2 = Spike.apply(u2 - theta, surrogate, slope)
        out.append(s2)
    return torch.stack(out)


def loss_of(spikes, labels, loss):
    ce = torch.nn.functional.cross_entropy
    if loss == "per_step_spikes":
        return sum(ce(spikes[t], labels) for t in range(spikes.shape[0]))
    return ce(spikes.sum(0), labels)


def pull(w, target, lam):
    return torch.sign(w) * target * (w.abs() / target) ** lam


def sleep_iteration(params, noise_h, noise_out, c):
    """One iteration of SG sleep on B copies (README.md); changes params in place."""
    w1, b1, w2, b2 = params
    steps, copies = noise_h.shape[0], noise_h.shape[1]
    beta, theta, sigma = c["beta"], c["threshold"], c["sleep_sigma"]
    decay = torch.tensor(math.exp(-c["dt_ms"] / c["sleep_tau_ms"]), dtype=torch.float32)
    u1 = torch.zeros(copies, w1.shape[0])
    u2 = torch.zeros(copies, w2.shape[0])
    s1, s2 = torch.zeros_like(u1), torch.zeros_like(u2)
    x1, x2 = torch.zeros_like(u1), torch.zeros_like(u2)
    dw2 = torch.zeros_like(w2)
    spikes = [0, 0]
    for t in range(steps):
        # the noise joins the membrane carried into the step (none at t = 0, the state is fresh); the reset is
        # decided on that noisy membrane
        if t > 0:
            u1 = u1 + sigma * noise_h[t]
        u1 = beta * u1 + b1 - theta * (u1 > theta).float()  # zero input: the bias only
        s1 = (u1 > theta).float()
        if t > 0:
            u2 = u2 + sigma * noise_out[t]
        u2 = beta * u2 + (s1 @ w2.T + b2) - theta * (u2 > theta).float()
        s2 = (u2 > theta).float()
        x1 = x1 * decay + s1
        x2 = x2 * decay + s2
        # the input's spikes and trace are 0: W1 gets no STDP
        dw2 += c["sleep_a_plus"] * s2.T @ x1 - c["sleep_a_minus"] * x2.T @ s1
        spikes[0] += int(s1.sum())
        spikes[1] += int(s2.sum())
    w2 += (c["sleep_learning_rate"] / copies) * dw2
    w1.copy_(pull(w1, c["sleep_target"], c["sleep_lambda"]))
    w2.copy_(pull(w2, c["sleep_target"], c["sleep_lambda"]))
    return spikes


def scalar(case, key):
    return float(case[key])


def run_case(case_path, out_path):
    case = np.load(case_path)
    c = {k: scalar(case, k) for k in ("beta", "threshold", "steps", "surrogate_slope", "surrogate", "loss",
                                      "detach_reset", "time_invariant", "adam_steps", "adam_lr", "adam_beta1",
                                      "adam_beta2", "adam_eps", "dt_ms", "sleep_sigma", "sleep_a_plus",
                                      "sleep_a_minus", "sleep_tau_ms", "sleep_learning_rate", "sleep_target",
                                      "sleep_lambda")}
    surrogate, loss = SURROGATES[int(c["surrogate"])], LOSSES[int(c["loss"])]
    steps, k_steps = int(c["steps"]), int(c["adam_steps"])
    # beta and theta as the float32 numbers Somnus computes with
    beta = torch.tensor(c["beta"], dtype=torch.float32)
    theta = torch.tensor(c["threshold"], dtype=torch.float32)
    names = ["w_in_h", "b_h", "w_h_out", "b_out"]
    params = [torch.tensor(case[n + "_init"], dtype=torch.float32, requires_grad=True) for n in names]
    opt = torch.optim.Adam(params, lr=c["adam_lr"], betas=(c["adam_beta1"], c["adam_beta2"]), eps=c["adam_eps"])
    out = {}
    start = time.perf_counter()
    for k in range(1, k_steps + 1):
        x = torch.tensor(case["input_step%d" % k], dtype=torch.float32)
        y = torch.tensor(case["labels_step%d" % k].astype(np.int64))
        opt.zero_grad()
        spk = forward(params, x, steps, beta, theta, surrogate, c["surrogate_slope"], c["detach_reset"] > 0,
                      c["time_invariant"] > 0)
        value = loss_of(spk, y, loss)
        value.backward()
        out["loss_step%d" % k] = np.float64(value.item())
        out["out_spikes_step%d" % k] = np.float64(spk.sum().item())
        for n, p in zip(names, params):
            out["grad_%s_step%d" % (n, k)] = p.grad.detach().numpy().copy()
        opt.step()
        for n, p in zip(names, params):
            out["%s_step%d" % (n, k)] = p.detach().numpy().copy()
    with torch.no_grad():
        sleep_params = [p.detach().clone() for p in params]
        spikes = sleep_iteration(sleep_params, torch.tensor(case["sleep_noise_h"]),
                                 torch.tensor(case["sleep_noise_out"]), dict(c, beta=beta, threshold=theta))
    for n, p in zip(names, sleep_params):
        out[n + "_sleep"] = p.numpy().copy()
    out["sleep_spikes_h"] = np.float64(spikes[0])
    out["sleep_spikes_out"] = np.float64(spikes[1])
    out["wall_seconds"] = np.float64(time.perf_counter() - start)
    out["torch_version"] = np.array([int(v) for v in torch.__version__.split("+")[0].split(".")[:2]])
    np.savez(out_path, **out)


def bench(a):
    """Training images/s of the network on random inputs in [0, 1] (the speed, not the numbers, is compared)."""
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    w1 = torch.nn.Linear(a.inputs, a.hidden)
    w2 = torch.nn.Linear(a.hidden, a.outputs)
    params = [w1.weight, w1.bias, w2.weight, w2.bias]
    opt = torch.optim.Adam(params, lr=a.lr)
    x = torch.rand(a.batch, a.inputs)
    y = torch.randint(0, a.outputs, (a.batch,))
    beta, theta = torch.tensor(0.95), torch.tensor(1.0)
    # Bernoulli/Poisson input: fresh spikes every step of every minibatch, p = min(1, scale * pixel), drawn in the loop
    spiking = a.encoding != "direct"
    p_spike = (x * a.spike_scale).clamp(max=1.0)

    def one():
        opt.zero_grad()
        xin = torch.bernoulli(p_spike.expand(a.steps, -1, -1)) if spiking else x
        spk = forward(params, xin, a.steps, beta, theta, a.surrogate, a.slope, True, not spiking)
        loss_of(spk, y, a.loss).backward()
        opt.step()

    for _ in range(a.warmup):
        one()
    times = []
    for _ in range(a.repeats):
        start = time.perf_counter()
        for _ in range(a.minibatches):
            one()
        times.append(time.perf_counter() - start)
    per_s = sorted(a.minibatches * a.batch / t for t in times)
    print("images_per_second %.3f" % per_s[len(per_s) // 2])
    print("threads %d torch %s" % (torch.get_num_threads(), torch.__version__))


def main(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--case", help="case.npz exported by Somnus")
    p.add_argument("--out", help="where to write torch_out.npz")
    p.add_argument("--bench", action="store_true", help="measure training images/s instead")
    p.add_argument("--inputs", type=int, default=225)
    p.add_argument("--hidden", type=int, default=1000)
    p.add_argument("--outputs", type=int, default=10)
    p.add_argument("--steps", type=int, default=25)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--surrogate", default="arctan", choices=sorted(SURROGATES.values()))
    p.add_argument("--slope", type=float, default=2.0)
    p.add_argument("--loss", default="per_step_spikes", choices=sorted(LOSSES.values()))
    p.add_argument("--lr", type=float, default=5e-4)
    p.add_argument("--encoding", default="direct", choices=["direct", "bernoulli", "poisson"],
                   help="input: the pixels as current every step, or spikes drawn every step")
    p.add_argument("--spike-scale", type=float, default=1.0,
                   help="spike probability per step = min(1, scale * pixel): 1 for bernoulli, rate (Hz) * dt (s) "
                        "for poisson (Somnus passes SgInputEncoding.spikeScale)")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--minibatches", type=int, default=10)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args(argv)
    if a.bench:
        bench(a)
        return 0
    if not a.case or not a.out:
        p.error("--case and --out are required (or --bench)")
    torch.set_num_threads(1)
    run_case(a.case, a.out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
