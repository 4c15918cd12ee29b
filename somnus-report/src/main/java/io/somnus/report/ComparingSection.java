package io.somnus.report;

/**
 * A section that compares runs (sleep fractions, seeds, models): a single run compares nothing, so its page leaves
 * the section out.
 */
interface ComparingSection extends Section {
    /** False on a single run's page. */
    @Override
    default boolean appliesTo(ReportContext ctx) {
        return !ctx.singleRun();
    }
}
