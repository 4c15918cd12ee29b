/**
 * The sleep phase: its schedule (every N wake steps, a ratio of wake, after an epoch with probability f, every
 * minibatches), the decay laws of the weights toward their homeostatic target, and the episode that runs them with the
 * input silenced and spontaneous activity.
 */
package io.somnus.sleep;
