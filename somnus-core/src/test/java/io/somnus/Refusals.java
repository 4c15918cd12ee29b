package io.somnus;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

/** Checks that a call a user can get wrong is refused early, with a message that names the culprit. */
public final class Refusals {
    private Refusals() {
    }

    /** Asserts that {@code call} throws {@code type} with a message containing each of {@code named}. */
    public static <T extends Throwable> T assertRefused(Class<T> type, Executable call, String... named) {
        T e = assertThrows(type, call);
        for (String s : named) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(s),
                    "message should name '" + s + "': " + e.getMessage());
        }
        return e;
    }
}
