/**
 * Plasticity rules: nearest-pair and triplet STDP on exponential traces, the authors' since-last-spike rule, and
 * the weight normalisation of Diehl and Cook (2015).
 */
package io.somnus.plasticity;
