package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * scripts/utf8-locale, which the launcher asks for the locale to run Java under: C.UTF-8 where the user's locale is
 * ASCII (C, POSIX, or none set), under which Java refuses every non-ASCII path; nothing where it already is UTF-8.
 */
class Utf8LocaleScriptTest {
    private static final Path SCRIPT = ScriptRun.script("utf8-locale");

    @BeforeAll
    static void theSystemHasCUtf8() throws Exception {
        assumeTrue(ScriptRun.onPath("locale"), "no locale command");
        // the script prints nothing where the system lacks C.UTF-8: that case is not this test's
        ScriptRun r = ScriptRun.run(Path.of("/bin/sh"), Map.of("LC_ALL", "C.UTF-8"), "-c", "locale charmap");
        assumeTrue(r.output().strip().equals("UTF-8"), "no C.UTF-8 locale here: " + r.output());
    }

    @Test
    void anAsciiLocaleGetsCUtf8() throws Exception {
        for (Map<String, String> env : List.of(Map.of("LC_ALL", "C"), Map.of("LC_ALL", "POSIX"),
                Map.of("LC_ALL", "", "LC_CTYPE", "", "LANG", "C"), Map.of("LC_ALL", "", "LC_CTYPE", "", "LANG", ""))) {
            ScriptRun r = ScriptRun.run(SCRIPT, env);
            assertEquals(0, r.exit(), r.output());
            assertEquals("C.UTF-8\n", r.output(), env.toString());
        }
    }

    @Test
    void aUtf8LocaleIsLeftAsItIs() throws Exception {
        for (Map<String, String> env : List.of(Map.of("LC_ALL", "C.UTF-8"),
                Map.of("LC_ALL", "", "LC_CTYPE", "", "LANG", "C.UTF-8"))) {
            ScriptRun r = ScriptRun.run(SCRIPT, env);
            assertEquals(0, r.exit(), r.output());
            assertEquals("", r.output(), env.toString());
        }
    }
}
