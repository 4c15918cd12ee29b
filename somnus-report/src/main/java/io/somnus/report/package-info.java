/**
 * The self-contained HTML report of a sweep or a run: the verdict, the figures (XChart, embedded as SVG) and
 * the statistics, section by section.
 */
package io.somnus.report;
