package io.somnus.experiment.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** One field's domain in words: what {@link FieldDomain#allowed()} says of its range. */
class FieldDomainTest {
    @Test
    void anIntegerRangeSaysOnlyTheFieldsOwnBounds() {
        assertEquals("any integer", FieldDomains.domain("seed").allowed());
        assertEquals("an integer >= 1", FieldDomains.domain("train.images").allowed());
        assertEquals("an integer >= 1", FieldDomains.domain("sleep.wake_steps").allowed()); // long's own maximum
        assertEquals("an integer in [1, 100]", FieldDomain.integer(1, 100).allowed());
        assertEquals("an integer <= 5", FieldDomain.integer(Integer.MIN_VALUE, 5).allowed());
        assertEquals("any integer", FieldDomain.integer(Integer.MIN_VALUE, Integer.MAX_VALUE).allowed());
        // a bound one past the type's own is the field's, and said
        assertEquals("an integer in [-2147483647, 2147483646]",
                FieldDomain.integer(Integer.MIN_VALUE + 1, Integer.MAX_VALUE - 1).allowed());
    }
}
