package io.somnus.experiment.run;

import io.somnus.experiment.config.ConfigException;

/**
 * A resume refused because a class of one's own (a rule, a neuron model) now has other class files than when the run
 * started ({@link UserClassProvenance#resumeRefusal}). Its message is for {@code train --resume}, which leaves the run
 * as it was and says how to go on; {@link #reason()} is why alone, for a caller that goes on otherwise (a sweep runs
 * the run again from the start, and something does change).
 */
public class ChangedUserClassException extends ConfigException {
    private final String reason;

    /**
     * @param message the whole refusal: why, how to go on, and that nothing was changed
     * @param reason  why alone, naming the run, each changed class file and both digests
     */
    public ChangedUserClassException(String message, String reason) {
        super(message);
        this.reason = reason;
    }

    /** Why the resume is refused, without what to do about it: the run, each changed class file and both digests. */
    public String reason() {
        return reason;
    }
}
