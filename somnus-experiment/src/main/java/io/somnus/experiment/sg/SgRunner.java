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
    }

    @Override
    public ModelResult run(SgRunConfig cfg, PreparedData data, RunFiles files) {
        SgRun.Result r = SgRun.runResumable(cfg, data, files);
        return new ModelResult(r.summary(), r.timing(), r.provenance(), r.arrays());
    }
}
