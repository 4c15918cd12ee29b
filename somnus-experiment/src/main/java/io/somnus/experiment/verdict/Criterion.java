package io.somnus.experiment.verdict;

/**
 * One criterion of a claim on one dataset × grid variant, decided (docs/verdict.md, "The criteria of each claim").
 *
 * @param id             e.g. {@code 2a}
 * @param description    what it asks, e.g. "sleep lowers drawdown"
 * @param quantity       what is compared
 * @param comparison     which cells, e.g. {@code f=0.20 − f=0}
 * @param test           better, not better or not worse
 * @param higherIsBetter whether a larger quantity is better for the claim
 * @param margin         δ
 * @param estimate       Δ with its 95 % interval
 * @param outcome        the test's answer
 * @param figure         the report section whose figure shows it ({@code vs-sleep}, {@code weight-traces}, …)
 */
public record Criterion(String id, String description, Quantity quantity, String comparison, EffectTest test,
                        boolean higherIsBetter, double margin, Estimate estimate, Outcome outcome, String figure) {}
