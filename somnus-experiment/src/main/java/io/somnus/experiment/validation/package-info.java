/**
 * Side-by-side references for validation: Diehl and Cook against Brian2, the SG-SNN against PyTorch.
 */
package io.somnus.experiment.validation;
