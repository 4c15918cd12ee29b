package io.somnus.experiment.sg;

import io.somnus.experiment.config.SgRunConfig;
import io.somnus.experiment.model.ModelResult;
import io.somnus.experiment.model.ModelRunner;
import io.somnus.experiment.model.PreparedData;
import io.somnus.experiment.model.RunFiles;

/** The surrogate-gradient SNN ({@code model: sg}), configured by the {@code sg} section ({@link SgRun}). */
public final class SgRunner implements ModelRunner<SgRunConfig> {
    @Override
    public void validate(SgRunConfig c) {
        int side = c.dataset().resize() > 0 ? c.dataset().resize() : 28;
        SgRun.sgConfig(c, side * side, 10);
        // SG-SNN pixels are in [0, 1] (SgRun refuses others), so a pixel of 1 has the highest probability
        double p = c.sg().poissonRateHz() * c.sg().dtMs() / 1000;
        if (c.sg().encoding() == io.somnus.sg.SgInputEncoding.POISSON && p > 1) {
            throw new io.somnus.experiment.config.ConfigException("sg.poisson_rate_hz = " + c.sg().poissonRateHz()
                    + ": at sg.dt_ms = " + c.sg().dtMs() + " a pixel of 1 would spike with probability " + p
                    + " per step, which the poisson encoding clips to 1; allowed: poisson_rate_hz × dt_ms / 1000 <= 1 "
                    + "(here poisson_rate_hz <= " + 1000 / c.sg().dtMs() + ")");
        }
    }

    /** A sleep trace shorter than the step: legal (it decays exactly), but no pairing a step apart counts. */
    @Override
    public java.util.List<String> warnings(SgRunConfig c) {
        double tau = c.sg().sleep().tauMs();
        double dt = c.sg().dtMs();
        if (tau < dt) {
            return java.util.List.of(String.format(java.util.Locale.ROOT, "sg.sleep.tau_ms = %s is shorter than "
                    + "sg.dt_ms = %s: a sleep trace keeps %.2g%% of itself per step, so pairs of spikes a step or more "
                    + "apart barely change a weight", tau, dt, 100 * Math.exp(-dt / tau)));
        }
        return java.util.List.of();
    }

    @Override
    public ModelResult run(SgRunConfig cfg, PreparedData data, RunFiles files) {
        SgRun.Result r = SgRun.runResumable(cfg, data, files);
        return new ModelResult(r.summary(), r.timing(), r.provenance(), r.arrays());
    }
}
