package io.somnus.experiment.run;

import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.model.ModelRunner;
import io.somnus.experiment.sg.SgRunner;
import io.somnus.experiment.stdp.StdpRunner;

/** The model families a configuration's {@code model} field can name. */
final class ModelRunners {
    private ModelRunners() { }

    static ModelRunner forModel(String model) {
        return switch (model == null ? "" : model) {
            case "stdp" -> new StdpRunner();
            case "sg" -> new SgRunner();
            default -> throw new ConfigException("model: '" + model + "' is not a model; use stdp or sg");
        };
    }
}
