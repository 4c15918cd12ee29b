/**
 * Readouts of spike counts: standardisation, PCA and logistic regression, the linear readout, the label vote of
 * Diehl and Cook (2015), and the cluster separation φ.
 */
package io.somnus.readout;
