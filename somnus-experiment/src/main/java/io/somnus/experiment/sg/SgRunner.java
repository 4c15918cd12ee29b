package io.somnus.experiment.sg;

import io.somnus.core.NumberText;
import io.somnus.core.SplittableState;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.SgRunConfig;
import io.somnus.experiment.model.ModelResult;
import io.somnus.experiment.model.ModelRunner;
import io.somnus.experiment.model.PreparedData;
import io.somnus.experiment.model.RunFiles;
import io.somnus.sg.SgInputEncoding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The surrogate-gradient SNN ({@code model: sg}), configured by the {@code sg} section ({@link SgRun}). */
public final class SgRunner implements ModelRunner<SgRunConfig> {
    @Override
    public void validate(SgRunConfig c) {
        int side = c.dataset().resize() > 0 ? c.dataset().resize() : 28;
        SgRun.sgConfig(c, side * side, 10);
        // SG-SNN pixels are in [0, 1] (SgRun refuses others), so a pixel of 1 has the highest probability
        double p = c.sg().poissonRateHz() * c.sg().dtMs() / 1000;
        if (c.sg().encoding() == SgInputEncoding.POISSON && p == 0) {
            // no input spike, ever: the network would train on silence and end at chance, saying nothing
            throw new ConfigException("sg.poisson_rate_hz = " + NumberText.of(c.sg().poissonRateHz())
                    + ": with sg.encoding: poisson no input would ever spike; allowed: a rate > 0 (at most "
                    + NumberText.of(1000 / c.sg().dtMs()) + " at sg.dt_ms = " + NumberText.of(c.sg().dtMs()) + ")");
        }
        if (c.sg().encoding() == SgInputEncoding.POISSON && p > 1) {
            throw new ConfigException("sg.poisson_rate_hz = " + NumberText.of(c.sg().poissonRateHz())
                    + ": at sg.dt_ms = " + NumberText.of(c.sg().dtMs()) + " a pixel of 1 would spike with probability " + NumberText.of(p)
                    + " per step, which the poisson encoding clips to 1; allowed: poisson_rate_hz × dt_ms / 1000 <= 1 "
                    + "(here poisson_rate_hz <= " + NumberText.of(1000 / c.sg().dtMs()) + ")");
        }
    }

    /**
     * What a user should know before the run: a sleep trace shorter than the step (legal, it decays exactly, but no
     * pairing a step apart counts); a JDK on which the run cannot keep a resume snapshot.
     */
    @Override
    public List<String> warnings(SgRunConfig c) {
        List<String> out = new ArrayList<>();
        double tau = c.sg().sleep().tauMs();
        double dt = c.sg().dtMs();
        if (tau < dt) {
            out.add(String.format(Locale.ROOT, "sg.sleep.tau_ms = %s is shorter than "
                    + "sg.dt_ms = %s: a sleep trace keeps %.2g%% of itself per step, so pairs of spikes a step or more "
                    + "apart barely change a weight", NumberText.of(tau), NumberText.of(dt),
                    100 * Math.exp(-dt / tau)));
        }
        if (!SplittableState.rebuildable()) {
            out.add(NOT_RESUMABLE);
        }
        return List.copyOf(out);
    }

    /** The warning of a run on a JDK whose generators' states cannot be taken (SplittableState#rebuildable). */
    static final String NOT_RESUMABLE = ModelRunner.notResumable("SG-SNN");

    @Override
    public ModelResult run(SgRunConfig cfg, PreparedData data, RunFiles files) {
        SgRun.Result r = SgRun.runResumable(cfg, data, files);
        return new ModelResult(r.summary(), r.timing(), r.provenance(), r.arrays());
    }
}
