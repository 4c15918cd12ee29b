package io.somnus.experiment.run;

import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.model.ModelRunner;
import io.somnus.experiment.sg.SgRunner;
import io.somnus.experiment.stdp.StdpRunner;
import io.somnus.kernel.Kernels;

/** The model families a configuration's {@code model} field can name. */
final class ModelRunners {
    private ModelRunners() { }

    /** The runner for validation: the kernels do not matter there. */
    static ModelRunner forModel(String model) {
        return forModel(model, Kernels.preferred());
    }

    /** @param kernels the simulator kernels an STDP-SNN is built with (all give the same numbers) */
    static ModelRunner forModel(String model, Kernels kernels) {
        return switch (model == null ? "" : model) {
            case "stdp" -> new StdpRunner(kernels);
            case "sg" -> new SgRunner();
            default -> throw new ConfigException("model: '" + model + "' is not a model; use stdp or sg");
        };
    }
}
