package io.somnus.neuron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The neuron parameters' builders: each setter reaches its own component, and build() checks as the constructor. */
class ParameterBuildersTest {
    @Test
    void aCurrentLifBuilderSetsEachComponentByName() {
        // every component given a value of its own (in the record's order: 1, 2, ... as time constants allow)
        CurrentLifParameters named = CurrentLifParameters.PAPER.toBuilder().synapticGain(0.12).refractoryMs(11)
                .tauAdaptationMs(10).adaptationMv(9).vMaxMv(8).vMinMv(-7).vThresholdMv(-6).vResetMv(-5).vRestMv(-4)
                .resistance(3).tauSynapseMs(2).tauMembraneMs(1).build();
        assertEquals(new CurrentLifParameters(1, 2, 3, -4, -5, -6, -7, 8, 9, 10, 11, 0.12), named);
    }

    @Test
    void aCurrentLifBuilderKeepsWhatItIsNotTold() {
        // the paper's values (CurrentLifParameters.PAPER's javadoc) with the threshold raised to −50 mV
        assertEquals(new CurrentLifParameters(30, 30, 30, -70, -80, -50, -100, 40, 3, 100, 0, 1.0 / 30),
                CurrentLifParameters.PAPER.toBuilder().vThresholdMv(-50).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CurrentLifParameters.PAPER.toBuilder().tauMembraneMs(0).build());
        assertTrue(e.getMessage().contains("tau_membrane_ms"), e.getMessage());
    }

    @Test
    void aConductanceLifBuilderSetsEachComponentByName() {
        ConductanceLifParameters named = ConductanceLifParameters.DIEHL_COOK_EXCITATORY.toBuilder().thetaInitialMv(13)
                .tauThetaMs(12).thetaPlusMv(11).refractoryMs(10).tauInhibitoryMs(9).tauExcitatoryMs(8)
                .eInhibitoryMv(-7).eExcitatoryMv(6).thresholdOffsetMv(5).vThresholdMv(-4).vResetMv(-3).vRestMv(-2)
                .tauMembraneMs(1).build();
        assertEquals(new ConductanceLifParameters(1, -2, -3, -4, 5, 6, -7, 8, 9, 10, 11, 12, 13), named);
        // Diehl & Cook's inhibitory neuron (their code: τ 10 ms, rest −60, reset −45, threshold −40 mV, refractory 2)
        assertEquals(ConductanceLifParameters.DIEHL_COOK_INHIBITORY, ConductanceLifParameters.DIEHL_COOK_EXCITATORY
                .toBuilder().tauMembraneMs(10).vRestMv(-60).vResetMv(-45).vThresholdMv(-40).thresholdOffsetMv(0)
                .eInhibitoryMv(-85).refractoryMs(2).thetaPlusMv(0).thetaInitialMv(0).build());
    }
}
