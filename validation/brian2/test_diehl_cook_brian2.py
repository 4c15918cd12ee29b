#!/usr/bin/python3
"""Tests of the Brian2 reference against hand-worked cases and the independent NumPy re-implementation.

Run: /usr/bin/python3 -m unittest discover -s validation/brian2 -v     (about 30 s)
"""

import os
import sys
import tempfile
import unittest
import warnings

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
warnings.filterwarnings("ignore", category=FutureWarning)

import brian2 as b2  # noqa: E402
from brian2 import mV, ms  # noqa: E402

import compare  # noqa: E402
import dc_io  # noqa: E402
import diehl_cook_brian2 as dcb  # noqa: E402
import make_test_inputs  # noqa: E402
import reference_numpy  # noqa: E402

b2.prefs.codegen.target = "numpy"
b2.BrianLogger.suppress_name("brian2")  # keep test output readable

DT = 0.5
EULER_PRE = 1 - DT / 20.0      # one Euler step of the pre / post1 trace
EULER_POST2 = 1 - DT / 40.0
EULER_THETA = 1 - DT / 1e7


def inputs(n_e, spikes_per_image, w_init, theta_mv, steps=700):
    """In-memory inputs dict as load_inputs returns it; spikes_per_image: list of [(step, source), ...]."""
    st, src, off = [], [], [0]
    for spikes in spikes_per_image:
        st += [s for s, _ in spikes]
        src += [i for _, i in spikes]
        off.append(len(st))
    return dict(spike_steps=np.asarray(st, np.int32), spike_sources=np.asarray(src, np.int32),
                offsets=np.asarray(off, np.int32), w_init=np.asarray(w_init, np.float32),
                theta_init_mv=np.full(n_e, theta_mv, np.float32), dt_ms=DT, steps_per_image=steps, n_e=n_e)


def run(inp, monitor=None):
    """Run the Brian2 network on inp; returns (handles, state monitor or None)."""
    net, h = dcb.build_network(inp)
    mon = None
    if monitor is not None:
        group, var = monitor
        mon = b2.StateMonitor(h[group], var, record=True, when="end", name="probe")
        net.add(mon)
    net.run((inp["offsets"].shape[0] - 1) * h["image_duration"], namespace={})
    dcb.final_normalisation(h)
    return h, mon


class HandWorked(unittest.TestCase):

    def test_input_spike_reaches_v_one_step_later_with_euler(self):
        # One input spike at step 3, w = 0.5. ge becomes 0.5 in step 3's synapses slot; v first sees it in
        # step 4's Euler update, which uses the old ge: v = -65 + dt/tau_e * (0.5 * (0 - (-65))) mV.
        w = np.zeros((784, 1)); w[7, 0] = 0.5
        h, mon = run(inputs(1, [[(3, 7)]], w, theta_mv=20.0, steps=10), monitor=("E", "v"))
        v = mon.v[0] / mV
        np.testing.assert_allclose(v[:4], -65.0, atol=1e-12)
        np.testing.assert_allclose(v[4], -65.0 + 0.5 / 100.0 * (0.5 * 65.0), atol=1e-12)
        # step 5: ge has halved (Euler with tau_ge = 1 ms: ge * (1 - 0.5)) and v moved on from v[4]
        v4, ge4 = v[4], 0.25
        np.testing.assert_allclose(v[5], v4 + 0.005 * ((-65.0 - v4) + ge4 * (0.0 - v4)), atol=1e-12)

    def test_refractory_period_and_theta(self):
        # theta = -10 mV puts the threshold (-82 mV) below rest: E fires whenever it is not refractory,
        # i.e. at steps 0, 10, 20, ... (5 ms = 10 steps); E->I makes I fire one step later.
        k, steps = 2, 700
        h, _ = run(inputs(1, [[]] * k, np.full((784, 1), 0.1), theta_mv=-10.0, steps=steps))
        e_counts = dcb.counts_per_image(h["mon_e"], 1, k, h["dt"], steps)
        i_counts = dcb.counts_per_image(h["mon_i"], 1, k, h["dt"], steps)
        np.testing.assert_array_equal(e_counts, [[70], [70]])
        np.testing.assert_array_equal(i_counts, [[70], [70]])
        np.testing.assert_array_equal(np.round(h["mon_e"].t[:] / ms / DT).astype(int)[:3], [0, 10, 20])
        np.testing.assert_array_equal(np.round(h["mon_i"].t[:] / ms / DT).astype(int)[:3], [1, 11, 21])
        theta = -10.0                        # closed recurrence: decay every step, +0.05 mV after spikes
        for n in range(k * steps):
            theta *= EULER_THETA
            if (n % steps) % 10 == 0:
                theta += 0.05
        self.assertAlmostEqual(h["E"].theta[0] / mV, theta, places=9)

    def test_stdp_pre_then_posts_and_normalisation(self):
        # E fires at steps 0, 10, ..., 690 (threshold below rest). Input 0 spikes once, at step 5.
        # pre spike:  w -= nu_pre * post1, post1 = EULER_PRE**5 (set to 1 at step 0, 5 decays)
        # post spike at step 10 + 10m: w += nu_post * pre * post2_before, pre = EULER_PRE**(5 + 10m),
        #             post2_before = EULER_POST2**10 (post2 was set to 1 ten steps earlier)
        # Then the column (input 0 plus 783 silent inputs of weight c) is scaled to sum 78.
        c, w0 = 0.05, 0.2
        w = np.full((784, 1), c); w[0, 0] = w0
        h, _ = run(inputs(1, [[(5, 0)]], w, theta_mv=-10.0, steps=700))
        w_exp = np.float64(np.float32(w0)) - 1e-4 * EULER_PRE ** 5   # w_init travels as float32
        for m in range(69):                  # posts at 10..690
            w_exp = min(max(w_exp + 0.01 * EULER_PRE ** (5 + 10 * m) * EULER_POST2 ** 10, 0.0), 1.0)
        w_exp_c = np.float64(np.float32(c))
        scale = 78.0 / (w_exp + 783 * w_exp_c)
        w_final = np.asarray(h["S_in"].w[:]).reshape(784, 1)
        self.assertAlmostEqual(w_final[0, 0], w_exp * scale, places=10)
        self.assertAlmostEqual(w_final[1, 0], w_exp_c * scale, places=10)
        self.assertAlmostEqual(w_final.sum(), 78.0, places=9)

    def test_boundary_resets_refractory_inhibitory_neuron(self):
        # 702-step presentations: E fires at 0..700, so I fires at step 701, the last step, and is
        # refractory (v = v_reset_i = -45 mV) when the boundary comes. The boundary must still put
        # v back to v_rest_i = -60 mV, so after step 0 of image 2 (no input) v_i is exactly -60 mV.
        steps = 702
        h, mon = run(inputs(1, [[], []], np.full((784, 1), 0.1), theta_mv=-10.0, steps=steps),
                     monitor=("I", "v"))
        v = mon.v[0] / mV
        self.assertAlmostEqual(v[steps - 1], -45.0, places=12)
        self.assertAlmostEqual(v[steps], -60.0, places=12)

    def test_no_normalisation_before_first_image(self):
        # w_init is used as given: with no spikes at all, w_final is w_init scaled once (after the image).
        rng = np.random.default_rng(3)
        w = rng.random((784, 2)) * 0.3
        w32 = w.astype(np.float32).astype(np.float64)
        h, _ = run(inputs(2, [[]], w, theta_mv=20.0, steps=20))
        w_final = np.asarray(h["S_in"].w[:]).reshape(784, 2)
        np.testing.assert_allclose(w_final, w32 * 78.0 / w32.sum(axis=0), rtol=1e-12)


class AgainstNumpyReference(unittest.TestCase):

    def test_brian2_equals_numpy_reimplementation(self):
        # The README's per-step algorithm, implemented in NumPy without Brian2, must give the same
        # spike counts and (to rounding) the same weights on random input with competition (N_e = 12).
        d = make_test_inputs.make(3, 12, "random", seed=5)
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "inputs.npz")
            np.savez(path, **d)
            inp = dc_io.load_inputs(path)
        h, _ = run(inp)
        k, steps = 3, inp["steps_per_image"]
        ref = reference_numpy.simulate(inp, np.float64)
        e_counts = dcb.counts_per_image(h["mon_e"], 12, k, h["dt"], steps)
        i_counts = dcb.counts_per_image(h["mon_i"], 12, k, h["dt"], steps)
        self.assertGreater(e_counts.sum(), 10)   # the case must exercise spiking and plasticity
        np.testing.assert_array_equal(e_counts, ref["e_spike_counts"])
        np.testing.assert_array_equal(i_counts, ref["i_spike_counts"])
        w = np.asarray(h["S_in"].w[:]).reshape(784, 12)
        np.testing.assert_allclose(w, ref["w_final"], rtol=0, atol=1e-12)
        np.testing.assert_allclose(h["E"].theta[:] / mV, ref["theta_final_mv"], rtol=0, atol=1e-9)


class CompareAndFormat(unittest.TestCase):

    def out(self, e, w, scale=1):
        e = np.asarray(e, np.int32) * scale
        return dict(e_spike_counts=e, i_spike_counts=e, w_final=w, theta_final_mv=np.zeros(e.shape[1]),
                    wall_seconds=np.float64(1.0))

    def test_compare_thresholds(self):
        rng = np.random.default_rng(0)
        w = rng.random((784, 3))
        e = rng.integers(0, 20, size=(4, 3))
        self.assertTrue(compare.compare(self.out(e, w), self.out(e, w))[0])
        # 10 % more spikes fails, 4 % passes
        e2 = e.copy(); e2[0, 0] += int(round(0.10 * e.sum()))
        self.assertFalse(compare.compare(self.out(e2, w), self.out(e, w))[0])
        e3 = e.copy(); e3[0, 0] += int(np.floor(0.04 * e.sum()))
        self.assertTrue(compare.compare(self.out(e3, w), self.out(e, w))[0])
        # weights with correlation about 0.95 fail
        noisy = w + 0.33 * w.std() * rng.standard_normal(w.shape)
        r = compare.pearson(noisy, w)
        self.assertLess(r, 0.99)
        self.assertFalse(compare.compare(self.out(e, noisy), self.out(e, w))[0])

    def test_pearson_against_numpy(self):
        rng = np.random.default_rng(1)
        x, y = rng.random(100), rng.random(100)
        self.assertAlmostEqual(compare.pearson(x, y), np.corrcoef(x, y)[0, 1], places=12)

    def test_input_errors_name_the_field(self):
        d = make_test_inputs.make(1, 2, "random", seed=1)
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "in.npz")
            bad = dict(d, dt_ms=np.float64(1.0))
            np.savez(path, **bad)
            with self.assertRaisesRegex(dc_io.FormatError, "dt_ms"):
                dc_io.load_inputs(path)
            dup = dict(d, spike_steps=np.concatenate([d["spike_steps"], d["spike_steps"][:1]]),
                       spike_sources=np.concatenate([d["spike_sources"], d["spike_sources"][:1]]),
                       offsets=np.asarray([0, d["offsets"][1] + 1], np.int32))
            np.savez(path, **dup)
            with self.assertRaisesRegex(dc_io.FormatError, "repeated spike"):
                dc_io.load_inputs(path)
            np.savez(path, **dict(d, w_init=d["w_init"][:, :1]))
            with self.assertRaisesRegex(dc_io.FormatError, "w_init"):
                dc_io.load_inputs(path)

    def test_poisson_rate(self):
        # all-white image: each input spikes with p = 63.75 Hz * 0.5 ms per step
        rng = np.random.default_rng(2)
        s, _ = make_test_inputs.poisson_spikes(np.full(784, 255, np.uint8), rng)
        expected = 784 * 700 * 63.75 * 0.5e-3
        self.assertLess(abs(s.size - expected), 5 * np.sqrt(expected))


if __name__ == "__main__":
    unittest.main()
