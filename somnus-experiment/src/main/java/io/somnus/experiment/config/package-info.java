/**
 * The typed configuration of a run: a YAML tree (preset, file, {@code --set}, sweep settings) checked field by field
 * by {@link io.somnus.experiment.config.FieldDomains} and bound once, by {@link io.somnus.experiment.config.Configs#bind},
 * to the sealed {@link io.somnus.experiment.config.RunConfig} of its model ({@code StdpRunConfig}, {@code SgRunConfig}),
 * with a sealed {@link io.somnus.experiment.config.PlasticityConfig} per rule and an enum for every selector (spelled
 * as YAML writes it, {@link io.somnus.experiment.config.Choices}). The bundled presets hold every field their model
 * reads and the defaults; Java holds no second copy.
 *
 * <p>To add a field: a record component, its domain in {@code FieldDomains} within the model (or rule) that reads it,
 * its value in every preset of that model, then read it where it is used; docs/configuration.md has the details and
 * the tests that hold the four together.
 */
package io.somnus.experiment.config;
