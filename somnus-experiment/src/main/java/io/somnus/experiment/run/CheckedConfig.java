package io.somnus.experiment.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.stdp.CheckedNetwork;

/**
 * A configuration {@link StandardResolver#check} resolved and checked, with what its check built for the run, to hand
 * to {@link StandardRunExecutor#execute(CheckedConfig, java.nio.file.Path, io.somnus.experiment.model.RunProgress)}:
 * the run then constructs each neuron class of one's own once (the check's populations are the run's).
 *
 * @param tree    the resolved configuration, as {@link StandardResolver#resolve} returns it
 * @param network what the STDP-SNN's network check built ({@link CheckedNetwork}); null for other models
 */
public record CheckedConfig(ObjectNode tree, CheckedNetwork network) { }
