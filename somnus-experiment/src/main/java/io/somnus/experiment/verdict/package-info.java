/**
 * The verdict on the paper's claims: the fixed rule of docs/verdict.md applied to a study's runs, and the files
 * and table it writes.
 */
package io.somnus.experiment.verdict;
