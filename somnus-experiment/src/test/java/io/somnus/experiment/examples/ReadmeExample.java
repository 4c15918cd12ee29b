package io.somnus.experiment.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A README example and the test that runs it: the first {@code java} block under the README's {@code heading} is the
 * test's code between {@code // --- README: <title> ---} and {@code // --- end of the README example ---}, line for
 * line, and the text between the heading and the block names every class the example uses, in full or in its
 * package's words ({@code `io.somnus.data.{GeomFig, LabeledImages}`}).
 */
final class ReadmeExample {
    private final String heading;
    private final String listed;
    private final String shown;
    private final String source;

    private ReadmeExample(String heading, String listed, String shown, String source) {
        this.heading = heading;
        this.listed = listed;
        this.shown = shown;
        this.source = source;
    }

    /** The README's example under {@code heading} beside {@code test}'s source (from the module or the root). */
    static ReadmeExample of(String heading, Class<?> test) throws IOException {
        String text = Files.readString(firstFile(Path.of("README.md"), Path.of("..", "README.md")));
        int section = text.indexOf(heading);
        assertTrue(section >= 0, "README.md has no '" + heading + "'");
        int start = text.indexOf("```java\n", section) + "```java\n".length();
        String file = test.getName().replace('.', '/') + ".java";
        Path source = firstFile(Path.of("src", "test", "java").resolve(file),
                Path.of("somnus-experiment", "src", "test", "java").resolve(file));
        return new ReadmeExample(heading, text.substring(section, start).replaceAll("\\s+", " "),
                text.substring(start, text.indexOf("```", start)), Files.readString(source));
    }

    /** The README's block is the test's code between {@code // --- README: title ---} and the end marker. */
    void assertShowsTheTestsCode(String title) {
        String marker = "// --- README: " + title + " ---\n";
        int from = source.indexOf(marker);
        assertTrue(from >= 0, "the test has no '" + marker.strip() + "'");
        String run = source.substring(from + marker.length(), source.indexOf("        // --- end of the README example ---"));
        assertEquals(lines(shown), lines(run), "README.md's '" + heading + "' example and its test's code differ");
    }

    /** Each Somnus class the test imports is named before the block. */
    void assertListsTheTestsImports() {
        assertLists(source.lines().filter(l -> l.startsWith("import io.somnus."))
                .map(l -> l.substring("import ".length(), l.length() - 1)).toList());
    }

    /** Each of these classes (fully qualified) is named before the block. */
    void assertLists(List<String> names) {
        for (String name : names) {
            String pkg = name.substring(0, name.lastIndexOf('.'));
            String cls = name.substring(name.lastIndexOf('.') + 1);
            assertTrue(listed.contains("`" + name + "`") || Pattern.compile("`" + Pattern.quote(pkg) + "\\.\\{[^}]*\\b"
                    + cls + "\\b[^}]*}`").matcher(listed).find(), "README.md's '" + heading + "' does not list " + name);
        }
    }

    private static Path firstFile(Path... candidates) {
        return List.of(candidates).stream().filter(Files::isRegularFile).findFirst().orElseThrow();
    }

    /** The non-blank lines, without their indentation (the README's block starts at column 0). */
    private static List<String> lines(String code) {
        return code.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
