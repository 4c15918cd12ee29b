package io.somnus.experiment.run;

import io.somnus.core.ActiveRuns;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.RunConfig;
import io.somnus.experiment.config.SgRunConfig;
import io.somnus.experiment.config.StdpRunConfig;
import io.somnus.experiment.model.ModelResult;
import io.somnus.experiment.model.ModelRunner;
import io.somnus.experiment.model.PreparedData;
import io.somnus.experiment.model.RunFiles;
import io.somnus.experiment.sg.SgRunner;
import io.somnus.experiment.stdp.CheckedNetwork;
import io.somnus.experiment.stdp.SpikeExchange;
import io.somnus.experiment.stdp.StdpRunner;
import io.somnus.kernel.Kernels;
import java.io.IOException;
import java.util.List;

/**
 * The runner of each model, chosen by the configuration's type: {@link StdpRunConfig} → {@link StdpRunner},
 * {@link SgRunConfig} → {@link SgRunner}. A new model is a new case of {@link RunConfig.Cases}, so this does not
 * compile until it names its runner.
 */
final class ModelRunners {
    private ModelRunners() { }

    /** A runner with the configuration it runs. */
    record Bound<C extends RunConfig>(ModelRunner<C> runner, C config) {
        List<String> warnings() {
            return runner.warnings(config);
        }

        /** Runs it, counted among the runs in progress ({@link ActiveRuns}: whether a run may take a second thread). */
        ModelResult run(PreparedData data, RunFiles files) throws IOException {
            try (ActiveRuns.Entry counted = ActiveRuns.enter()) {
                return runner.run(config, data, files);
            }
        }
    }

    /** The runner for validation: the kernels do not matter there. */
    static Bound<?> forConfig(RunConfig cfg) {
        return forConfig(cfg, Kernels.preferred());
    }

    /**
     * Checks {@code cfg} as its model's runner does ({@link io.somnus.experiment.model.ModelRunner#validate}),
     * returning what the STDP-SNN's check built for its run ({@link StdpRunner#check}); null for other models.
     *
     * @throws ConfigException naming the field, the value and what is allowed
     */
    static CheckedNetwork check(RunConfig cfg) {
        return cfg.match(new RunConfig.Cases<CheckedNetwork>() {
            @Override
            public CheckedNetwork stdp(StdpRunConfig c) {
                return new StdpRunner(Kernels.preferred()).check(c);
            }

            @Override
            public CheckedNetwork sg(SgRunConfig c) {
                new SgRunner().validate(c);
                return null;
            }
        });
    }

    /** @param kernels the simulator kernels an STDP-SNN is built with (all give the same numbers) */
    static Bound<?> forConfig(RunConfig cfg, Kernels kernels) {
        return forConfig(cfg, kernels, SpikeExchange.NONE);
    }

    /** @param exchange the STDP-SNN's spike export and import (refused for the SG-SNN) */
    static Bound<?> forConfig(RunConfig cfg, Kernels kernels, SpikeExchange exchange) {
        return forConfig(cfg, kernels, exchange, null);
    }

    /**
     * @param checked what {@link #check} returned for {@code cfg}: the STDP-SNN builds its network with the
     *                populations of model class that check built; null: the run constructs its own
     */
    static Bound<?> forConfig(RunConfig cfg, Kernels kernels, SpikeExchange exchange, CheckedNetwork checked) {
        return cfg.match(new RunConfig.Cases<Bound<?>>() {
            @Override
            public Bound<?> stdp(StdpRunConfig c) {
                return new Bound<>(new StdpRunner(kernels, exchange, checked), c);
            }

            @Override
            public Bound<?> sg(SgRunConfig c) {
                if (!exchange.equals(SpikeExchange.NONE)) {
                    throw new ConfigException("--export-spikes and --input-spikes are for the STDP-SNN (model: stdp)");
                }
                return new Bound<>(new SgRunner(), c);
            }
        });
    }
}
