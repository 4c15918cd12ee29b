package io.somnus.experiment.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What every model's runner shares. */
class ModelRunnerTest {
    /** The warning of a run that cannot be resumed names the model and this JDK, in the words both runners gave. */
    @Test
    void theWarningOfARunThatCannotBeResumedNamesItsModel() {
        assertEquals("this JDK (" + System.getProperty("java.version") + ") builds SplittableRandom otherwise than JDK 17 "
                + "to 25, so an STDP-SNN run cannot record its generators' states: it keeps no resume snapshot, and if it "
                + "is cut short it cannot be resumed (train --resume, sweep --resume) but runs again",
                ModelRunner.notResumable("STDP-SNN"));
    }
}
