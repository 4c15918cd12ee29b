package io.somnus.report;

import java.io.IOException;

/**
 * One section of the report: an anchor, a heading and what it writes under it. Sections read the results
 * through {@link ReportContext} and write into its page; a section whose data is missing says "not recorded"
 * instead of leaving a gap.
 */
interface Section {
    /** The section's HTML id, also the anchor the navigation links to. */
    String id();

    /** The section's heading. */
    String title();

    /** The section's link text in the navigation bar. */
    String navLabel();

    /** True when the section has nothing to show without finished runs (the builder then says so for it). */
    default boolean needsRuns() {
        return true;
    }

    /**
     * False for a section that compares runs (sleep fractions, seeds, models) when the page is one run's: it is left
     * out of the page and its navigation rather than shown as "not applicable".
     */
    default boolean appliesTo(ReportContext ctx) {
        return true;
    }

    /** Writes the section's body (the builder writes its heading and closes it). */
    void write(ReportContext ctx) throws IOException;
}
