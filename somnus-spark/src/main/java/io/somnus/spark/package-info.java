/**
 * The Spark engine of a sweep: each run one Spark task, the ledger and the run directories on the driver.
 */
package io.somnus.spark;
