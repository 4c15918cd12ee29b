package io.somnus.experiment.config;

/** {@code protocol}: how the classes are presented (both models). */
public enum Protocol {
    /** every class from the start */
    STANDARD,
    /** classes arrive task by task ({@code continual}) */
    CONTINUAL
}
