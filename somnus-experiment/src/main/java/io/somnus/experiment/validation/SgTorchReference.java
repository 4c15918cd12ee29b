package io.somnus.experiment.validation;

import io.somnus.data.LabeledImages;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.config.SgRunConfig;
import io.somnus.experiment.io.NpyArray;
import io.somnus.experiment.io.Npz;
import io.somnus.experiment.model.DataPreparation;
import io.somnus.experiment.run.StandardResolver;
import io.somnus.experiment.sg.SgRun;
import io.somnus.sg.SgConfig;
import io.somnus.sg.SgLoss;
import io.somnus.sg.SgReferenceCase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Somnus's SG-SNN against the PyTorch reference of {@code validation/pytorch} (issue 12): Somnus records a case
 * ({@link SgReferenceCase}: initial parameters, K minibatches, a sleep iteration with its noise draws) of a
 * preset at a small size, {@code sg_torch.py} recomputes it in float32 with autograd and {@code torch.optim.Adam},
 * and this class compares the two quantity by quantity. Needs Debian's {@code python3-torch} under
 * {@code /usr/bin/python3}.
 *
 * <h2>Tolerances (float32, unit roundoff u = 2⁻²⁴ ≈ 6·10⁻⁸)</h2>
 * Both sides compute the same float32 operations except the order of the sums inside matrix products and the
 * BPTT, so each quantity may differ by a few roundings per term it accumulates; spikes are compared exactly (a
 * membrane within rounding of θ would make the two runs different networks, and then no tolerance applies).
 * <ul>
 *   <li>loss: a sum of T·C log-sum-exps of 0/1 spikes: {@link #LOSS_RELATIVE} = 10⁻⁶ ≈ 16 u;</li>
 *   <li>gradients, relative to the tensor's largest |g|: each element sums T·B terms of the BPTT recursion (up to
 *       3200 here), so n·u ≈ 2·10⁻⁴ bounds it: {@link #GRADIENT_RELATIVE};</li>
 *   <li>parameters after K Adam steps: each step moves a parameter by at most lr·m̂/(√v̂+ε); where |g| ≫ ε the ratio
 *       is insensitive to a relative gradient error δ (it changes by ≈ δ·lr), so K·lr·GRADIENT_RELATIVE plus
 *       the rounding of the parameter itself bounds the difference: {@link #adamTolerance};</li>
 *   <li>after the sleep iteration: the parameters' difference before it plus the STDP sum (copies × steps
 *       products of traces below 1/(1−e^(−dt/τ)) ≈ 20.5) and the pull's rounding (a few u of |w|):
 *       {@link #sleepTolerance}.</li>
 * </ul>
 */
public final class SgTorchReference {
    /** The interpreter that has Debian's python3-torch (a pyenv {@code python3} first on PATH may not). */
    public static final Path PYTHON = Path.of("/usr/bin/python3");
    static final double U = 0x1p-24;
    static final double LOSS_RELATIVE = 1e-6;
    static final double GRADIENT_RELATIVE = 2e-4;
    private static final String[] PARAMS = {"w_in_h", "b_h", "w_h_out", "b_out"};

    /**
     * One compared quantity: the largest absolute difference, the largest |reference| and the limit.
     *
     * @param quantity         what is compared ({@code loss step 1}, a parameter's gradient, …)
     * @param maxAbsDifference the largest |Somnus − PyTorch| over its elements (NaN fails)
     * @param maxAbsReference  the largest magnitude of the quantity itself (the scale the limit is set from)
     * @param limit            the largest difference allowed (0: exact, as for spikes)
     */
    public record Row(String quantity, double maxAbsDifference, double maxAbsReference, double limit) {
        /** Whether the difference is within the limit (NaN differences fail). */
        public boolean passes() {
            return maxAbsDifference <= limit;
        }
    }

    /**
     * What one case of the comparison found.
     *
     * @param preset      the preset whose SG-SNN configuration was compared
     * @param rows        every compared quantity
     * @param torchSeconds the reference's wall time for the case
     */
    public record Result(String preset, List<Row> rows, double torchSeconds) {
        /** Whether every quantity passes (true when there are none). */
        public boolean agree() {
            return rows.stream().allMatch(Row::passes);
        }

        /** A table for a person: one line per quantity. */
        public String table() {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-28s %12s %12s %12s %s%n", "quantity",
                    "max |diff|", "max |ref|", "limit", "verdict"));
            for (Row r : rows) {
                b.append(String.format(Locale.ROOT, "%-28s %12.3e %12.3e %12.3e %s%n", r.quantity(),
                        r.maxAbsDifference(), r.maxAbsReference(), r.limit(), r.passes() ? "ok" : "FAIL"));
            }
            return b.toString();
        }
    }

    private SgTorchReference() { }

    /** Why the comparison cannot run here, or null when it can. */
    public static String unavailable(Path scripts) throws IOException, InterruptedException {
        if (!Files.isRegularFile(scripts.resolve("sg_torch.py"))) {
            return "no PyTorch reference in " + scripts + " (run from the Somnus checkout)";
        }
        if (!Files.isExecutable(PYTHON)
                || Brian2SideBySide.run(List.of(PYTHON.toString(), "-c", "import torch"), scripts, null) != 0) {
            return "PyTorch is not installed for " + PYTHON + ": apt-get install python3-torch (or ./scripts/install-deps)";
        }
        return null;
    }

    /** {@code preset} at a small size on geomfig images resized to 15×15 (procedural: always available). */
    private static SgRunConfig runConfig(String preset, int hidden, int batch, int sleepCopies) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("preset", preset);
        s.put("dataset.name", "geomfig");
        s.put("train.images", 4 * batch);
        s.put("train.validation_images", 1);
        s.put("train.test_images", 1);
        s.put("sg.hidden", hidden);
        s.put("sg.batch_size", batch);
        s.put("sg.sleep.batch_copies", sleepCopies);
        return Configs.bind(new StandardResolver().resolve(s), SgRunConfig.class);
    }

    /**
     * Records the case of {@code preset} (hidden units, minibatch, sleep copies as given; the sleep's steps per
     * iteration as the preset sets them), runs the reference on it and compares.
     *
     * @param work a directory for case.npz, torch_out.npz and the log
     */
    public static Result run(Path scripts, String preset, int hidden, int batch, int sleepCopies, int adamSteps,
                             long seed, Path work) throws IOException, InterruptedException {
        SgRunConfig run = runConfig(preset, hidden, batch, sleepCopies);
        LabeledImages images = DataPreparation.prepare(run).train();
        SgConfig cfg = SgRun.sgConfig(run, images.pixels(), images.numClasses());
        SgReferenceCase.Recorded somnus = SgReferenceCase.record(cfg, images, adamSteps, new SplittableRandom(seed));
        Files.createDirectories(work);
        Path casePath = work.resolve("case.npz");
        Path torchPath = work.resolve("torch_out.npz");
        Npz.write(casePath, toNpz(somnus));
        Path log = work.resolve("sg_torch.log");
        int exit = Brian2SideBySide.run(List.of(PYTHON.toString(), scripts.resolve("sg_torch.py").toString(), "--case",
                casePath.toString(), "--out", torchPath.toString()), scripts, log);
        if (exit != 0) {
            throw new IOException("the PyTorch reference failed (exit " + exit + "); see " + log + ":\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        Map<String, NpyArray> torch = Npz.read(torchPath);
        return new Result(preset, compare(somnus, torch, cfg, adamSteps), torch.get("wall_seconds").toDoubles()[0]);
    }

    /**
     * Training images/s of {@code sg}'s network in PyTorch ({@code sg_torch.py --bench}: the same layers, T,
     * surrogate, loss, minibatch and Adam, on {@code threads} threads), the median of {@code repeats} runs of
     * {@code minibatches} minibatches after one warm-up minibatch. Spiking input (Bernoulli, Poisson) is drawn at every
     * step of every minibatch inside the timed loop, as Somnus draws it.
     */
    public static double benchTraining(Path scripts, SgConfig sg, int minibatches, int threads, int repeats, Path work)
            throws IOException, InterruptedException {
        if (sg.depth() != 1 || sg.recurrent()
                || !(sg.loss() == SgLoss.SPIKE_COUNT || sg.loss() == SgLoss.PER_STEP_SPIKES)) {
            throw new IllegalArgumentException("the PyTorch benchmark runs one hidden layer, no recurrence "
                    + "and the spike_count or per_step_spikes loss");
        }
        Files.createDirectories(work);
        Path log = work.resolve("sg_torch_bench.log");
        int exit = Brian2SideBySide.run(List.of(PYTHON.toString(), scripts.resolve("sg_torch.py").toString(), "--bench",
                "--inputs", String.valueOf(sg.inputs()), "--hidden", String.valueOf(sg.hidden()),
                "--outputs", String.valueOf(sg.outputs()), "--steps", String.valueOf(sg.steps()),
                "--batch", String.valueOf(sg.batchSize()), "--surrogate", sg.surrogate().name().toLowerCase(Locale.ROOT),
                "--slope", String.valueOf(sg.surrogateSlope()), "--loss", sg.loss().name().toLowerCase(Locale.ROOT),
                "--lr", String.valueOf(sg.learningRate()), "--threads", String.valueOf(threads),
                "--encoding", sg.encoding().name().toLowerCase(Locale.ROOT),
                "--spike-scale", String.valueOf(sg.encoding().spikeScale(sg.poissonRateHz(), sg.dtMs())),
                "--minibatches", String.valueOf(minibatches), "--repeats", String.valueOf(repeats), "--warmup", "1"),
                scripts, log);
        String out = Files.readString(log, StandardCharsets.UTF_8);
        if (exit != 0) {
            throw new IOException("the PyTorch benchmark failed (exit " + exit + "); see " + log + ":\n" + out);
        }
        for (String line : out.split("\n")) {
            if (line.startsWith("images_per_second ")) {
                return Double.parseDouble(line.substring("images_per_second ".length()).trim());
            }
        }
        throw new IOException("the PyTorch benchmark printed no images_per_second; see " + log);
    }

    static List<Row> compare(SgReferenceCase.Recorded somnus, Map<String, NpyArray> torch, SgConfig cfg, int k) {
        List<Row> rows = new ArrayList<>();
        for (int step = 1; step <= k; step++) {
            double loss = somnus.scalars().get("loss_step" + step);
            rows.add(new Row("loss step " + step, Math.abs(loss - scalar(torch, "loss_step" + step)), Math.abs(loss),
                    LOSS_RELATIVE * Math.abs(loss)));
            rows.add(new Row("output spikes step " + step, Math.abs(somnus.scalars().get("out_spikes_step" + step)
                    - scalar(torch, "out_spikes_step" + step)), somnus.scalars().get("out_spikes_step" + step), 0));
            for (String p : PARAMS) {
                String g = "grad_" + p + "_step" + step;
                Row r = difference(g, somnus.arrays().get(g).data(), torch.get(g).toDoubles(), 0);
                rows.add(new Row(r.quantity(), r.maxAbsDifference(), r.maxAbsReference(),
                        GRADIENT_RELATIVE * r.maxAbsReference()));
            }
        }
        for (String p : PARAMS) {
            String key = p + "_step" + k;
            rows.add(difference(key, somnus.arrays().get(key).data(), torch.get(key).toDoubles(),
                    adamTolerance(cfg, k, maxAbs(somnus.arrays().get(key).data()))));
        }
        rows.add(new Row("sleep spikes h", Math.abs(somnus.scalars().get("sleep_spikes_h") - scalar(torch, "sleep_spikes_h")),
                somnus.scalars().get("sleep_spikes_h"), 0));
        rows.add(new Row("sleep spikes out", Math.abs(somnus.scalars().get("sleep_spikes_out")
                - scalar(torch, "sleep_spikes_out")), somnus.scalars().get("sleep_spikes_out"), 0));
        for (String p : PARAMS) {
            String key = p + "_sleep";
            rows.add(difference(key, somnus.arrays().get(key).data(), torch.get(key).toDoubles(),
                    sleepTolerance(cfg, k, maxAbs(somnus.arrays().get(key).data()))));
        }
        return rows;
    }

    /** K Adam steps, each off by at most lr·GRADIENT_RELATIVE, plus a few roundings of the parameter (|p| ≤ max). */
    static double adamTolerance(SgConfig cfg, int k, double maxParam) {
        return k * cfg.learningRate() * GRADIENT_RELATIVE + 4 * k * U * maxParam;
    }

    /**
     * The Adam tolerance, plus the STDP increment's rounding: η/B times a sum over B copies and S steps of
     * products below A·20.5 (trace bound), each with a relative rounding of about (B·S)·u; plus the pull's few
     * roundings of |w|. The pull multiplies a difference it is given by λ·(|w|/w_tgt)^(λ−1), below 1.02 for
     * λ = 0.999 and |w| above 10⁻⁶·w_tgt: the Adam tolerance carries over unchanged to within that factor.
     */
    static double sleepTolerance(SgConfig cfg, int k, double maxParam) {
        double traceBound = 1 / (1 - Math.exp(-cfg.dtMs() / cfg.sleep().tauMs()));
        int n = cfg.sleep().batchCopies() * cfg.sleep().stepsPerIteration();
        double stdp = cfg.sleep().learningRate() * cfg.sleep().stepsPerIteration()
                * Math.max(cfg.sleep().aPlus(), cfg.sleep().aMinus()) * traceBound * n * U;
        return adamTolerance(cfg, k, maxParam) + stdp + 8 * U * Math.max(maxParam, cfg.sleep().target());
    }

    private static Row difference(String name, float[] somnus, double[] torch, double limit) {
        if (somnus.length != torch.length) {
            throw new IllegalStateException(name + ": Somnus has " + somnus.length + " values, PyTorch " + torch.length);
        }
        double diff = 0;
        double ref = 0;
        for (int i = 0; i < somnus.length; i++) {
            diff = Math.max(diff, Math.abs(somnus[i] - torch[i]));
            ref = Math.max(ref, Math.abs(torch[i]));
        }
        return new Row(name, diff, ref, limit);
    }

    private static double maxAbs(float[] a) {
        double m = 0;
        for (float v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private static double scalar(Map<String, NpyArray> npz, String key) {
        NpyArray a = npz.get(key);
        if (a == null) {
            throw new IllegalStateException("torch_out.npz has no " + key);
        }
        return a.toDoubles()[0];
    }

    static Map<String, NpyArray> toNpz(SgReferenceCase.Recorded r) {
        Map<String, NpyArray> out = new LinkedHashMap<>();
        r.arrays().forEach((k, v) -> out.put(k, NpyArray.of(v.data(), v.shape())));
        r.scalars().forEach((k, v) -> out.put(k, NpyArray.of(new double[] {v})));
        return out;
    }
}
