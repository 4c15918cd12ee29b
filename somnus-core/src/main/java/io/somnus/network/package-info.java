/**
 * The network: populations and projections stepped together event by event, presentations of an input spike
 * train, spike counters and rasters, and the check that stops a diverged simulation.
 */
package io.somnus.network;
