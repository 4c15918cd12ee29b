package io.somnus.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SomnusVersionTest {
    /** The version comes from the build: the same as the parent POM's, never a copy in the source. */
    @Test
    void versionIsTheProjectVersion() throws Exception {
        String pom = Files.readString(Path.of("..", "pom.xml"));
        Matcher m = Pattern.compile("<artifactId>somnus-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertTrue(m.find(), "the parent POM names its version");
        assertTrue(SomnusVersion.VERSION.equals(m.group(1)), SomnusVersion.VERSION + " vs " + m.group(1));
    }
}
