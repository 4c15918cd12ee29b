package io.somnus.experiment.config;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code projections.*.plasticity.sign} (nearest_pair, all_to_all): the sign of the weight change. */
public enum StdpSign {
    /**
     * −1 for an inhibitory projection of negative weights (current-based, the paper's), whose magnitude then grows
     * under causal pairing; +1 otherwise, inhibitory conductances (positive weights) included
     */
    @JsonProperty("auto") AUTO,
    /** +1; also spelled 1, as YAML reads {@code +1} as the number 1 */
    @JsonProperty("+1") @JsonAlias("1") PLUS,
    /** −1: a causal pairing makes the weight smaller (more negative for a negative weight) */
    @JsonProperty("-1") MINUS
}
