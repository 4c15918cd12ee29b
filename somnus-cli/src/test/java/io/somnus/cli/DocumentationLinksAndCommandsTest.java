package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.config.FieldDomains;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * What a new user follows in README.md, docs/*.md and validation/*&#47;README.md holds: every relative link names a
 * file that exists and, into a Markdown file, a heading there (its anchor as GitHub renders it); every option a
 * {@code somnus} command in them gives (code blocks and inline code) is one that command has; every field a
 * {@code --set} names is a configuration field. docs/errors.md's commands are wrong on purpose and are run for their
 * messages by {@link SomnusCliErrorsCatalogueTest}, so the last two checks leave it out.
 */
class DocumentationLinksAndCommandsTest {
    private static final Pattern FENCE = Pattern.compile("^\\s*```");
    private static final Pattern INLINE_CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a (?:name|id)=\"([^\"]+)\"");
    private static final Pattern SOMNUS = Pattern.compile("(?:^|[\\s/])somnus\\s+(.*)");
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])(--[a-z][a-z0-9-]*)");
    private static final Pattern SET = Pattern.compile("--set[ =]([A-Za-z_][\\w.]*)=");
    /** What README shows as the form of a --set, not a field. */
    private static final Set<String> PLACEHOLDERS = Set.of("dotted.key");

    /** A piece of a document: its text and the line it starts on. */
    record Piece(Path file, int line, String text) {
        String where() {
            return root().relativize(file) + ":" + line;
        }
    }

    @Test
    void everyRelativeLinkNamesAFileAndAHeadingThatExist() throws IOException {
        Map<Path, Set<String>> anchors = new HashMap<>();
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path doc : documents()) {
            for (Piece p : proseLines(doc)) {
                Matcher m = LINK.matcher(INLINE_CODE.matcher(p.text()).replaceAll(""));
                while (m.find()) {
                    String target = m.group(1);
                    if (target.matches("^[a-z]+:.*")) {
                        continue; // https:, mailto: — not this repository's
                    }
                    links++;
                    int hash = target.indexOf('#');
                    String path = hash < 0 ? target : target.substring(0, hash);
                    Path file = path.isEmpty() ? doc : doc.getParent().resolve(path).normalize();
                    if (!Files.exists(file)) {
                        broken.add(p.where() + ": " + target + " (no such file)");
                    } else if (hash >= 0 && file.toString().endsWith(".md")) {
                        String anchor = target.substring(hash + 1);
                        Set<String> there = anchors.computeIfAbsent(file, DocumentationLinksAndCommandsTest::anchors);
                        if (!there.contains(anchor)) {
                            broken.add(p.where() + ": " + target + " (no heading with that anchor)");
                        }
                    }
                }
            }
        }
        assertTrue(links > 50, "the documents link to each other: " + links + " links found");
        assertEquals(List.of(), broken, "links that lead nowhere");
    }

    @Test
    void everyOptionOfADocumentedCommandExists() throws IOException {
        CommandLine cli = SomnusCli.commandLine();
        List<String> unknown = new ArrayList<>();
        int commands = 0;
        for (Piece p : commandTexts()) {
            Matcher m = SOMNUS.matcher(p.text());
            if (!m.find()) {
                continue;
            }
            String rest = m.group(1).split("&&|\\|\\||[|;]")[0].strip();
            String[] words = rest.split("\\s+");
            CommandLine command = cli;
            int k = 0;
            while (k < words.length && command.getSubcommands().containsKey(words[k])) {
                command = command.getSubcommands().get(words[k++]);
            }
            if (command == cli && !rest.startsWith("-")) {
                continue; // "./somnus …", "somnus on your PATH": no command named
            }
            commands++;
            CommandLine.Model.CommandSpec spec = command.getCommandSpec();
            Matcher o = OPTION.matcher(String.join(" ", List.of(words).subList(k, words.length)));
            while (o.find()) {
                String option = o.group(1);
                if (!spec.optionsMap().containsKey(option) && !spec.negatedOptionsMap().containsKey(option)) {
                    unknown.add(p.where() + ": " + spec.qualifiedName() + " has no " + option
                            + " [" + p.text().strip() + "]");
                }
            }
        }
        assertTrue(commands > 50, "the documents show commands: " + commands + " found");
        assertEquals(List.of(), unknown, "options the documents give that their command lacks");
    }

    @Test
    void everyFieldASetNamesIsAConfigurationField() throws IOException {
        Set<String> fields = FieldDomains.paths();
        List<String> unknown = new ArrayList<>();
        int sets = 0;
        for (Path doc : documents()) {
            if (doc.endsWith(Path.of("docs", "errors.md"))) {
                continue;
            }
            List<String> lines = Files.readAllLines(doc);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = SET.matcher(lines.get(i));
                while (m.find()) {
                    if (PLACEHOLDERS.contains(m.group(1))) {
                        continue;
                    }
                    sets++;
                    String path = schemaPath(m.group(1));
                    if (!fields.contains(path) && fields.stream().noneMatch(f -> f.startsWith(path + "."))) {
                        unknown.add(root().relativize(doc) + ":" + (i + 1) + ": --set " + m.group(1));
                    }
                }
            }
        }
        assertTrue(sets > 50, "the documents set fields: " + sets + " found");
        assertEquals(List.of(), unknown, "--set of fields no configuration has");
    }

    /** GitHub's anchors: lower case, punctuation dropped, each space a hyphen; a repeated heading gets -1, -2, … */
    @Test
    void anchorsAreGitHubs() {
        assertEquals("issue-17-thirtieth-round-the-simd-width-at-n--100-on-a-zen-4",
                slug("Issue 17, thirtieth round: the SIMD width at N = 100 on a Zen 4"));
        assertEquals("kernel-microbenchmarks-jmh", slug("Kernel microbenchmarks (JMH)"));
        assertEquals("the-full-studys-projected-wall-time", slug("The full study's projected wall time"));
        assertEquals("diehl--cooks-input-delays", slug("Diehl & Cook's input delays"));
        assertEquals("train_images-θ-and-speed", slug("`train_images`, θ and *speed*"));
        assertEquals("examples", slug("[Examples](#examples)"));
    }

    static String slug(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").strip().toLowerCase(Locale.ROOT);
        return text.replaceAll("[^\\p{L}\\p{N}\\p{M}_\\- ]", "").replace(' ', '-');
    }

    /** The anchors of a Markdown file's headings (outside code blocks) and of its {@code <a name>} tags. */
    static Set<String> anchors(Path md) {
        Set<String> out = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        try {
            for (Piece p : proseLines(md)) {
                Matcher h = HEADING.matcher(p.text());
                if (h.matches()) {
                    String s = slug(h.group(1));
                    int n = seen.merge(s, 1, Integer::sum) - 1;
                    out.add(n == 0 ? s : s + "-" + n);
                }
                Matcher a = HTML_ANCHOR.matcher(p.text());
                while (a.find()) {
                    out.add(a.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** A field path as FieldDomains declares it: a population's or projection's name as {@code *}. */
    static String schemaPath(String path) {
        String[] parts = path.split("\\.", -1);
        if (parts.length >= 2 && (parts[0].equals("projections") || parts[0].equals("populations"))) {
            parts[1] = "*";
        }
        return String.join(".", parts);
    }

    /** The lines outside fenced code blocks. */
    static List<Piece> proseLines(Path doc) throws IOException {
        List<Piece> out = new ArrayList<>();
        boolean code = false;
        List<String> lines = Files.readAllLines(doc);
        for (int i = 0; i < lines.size(); i++) {
            if (FENCE.matcher(lines.get(i)).find()) {
                code = !code;
            } else if (!code) {
                out.add(new Piece(doc, i + 1, lines.get(i)));
            }
        }
        return out;
    }

    /**
     * The commands of every document but docs/errors.md: each line of a code block (a line ending in a backslash
     * joined to the next, a shell comment dropped) and each inline code span, also one that wraps to the next line.
     */
    static List<Piece> commandTexts() throws IOException {
        List<Piece> out = new ArrayList<>();
        for (Path doc : documents()) {
            if (doc.endsWith(Path.of("docs", "errors.md"))) {
                continue;
            }
            List<String> lines = Files.readAllLines(doc);
            boolean code = false;
            StringBuilder prose = new StringBuilder();
            StringBuilder joined = new StringBuilder();
            int start = 0;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (FENCE.matcher(line).find()) {
                    code = !code;
                    prose.append('\n');
                    continue;
                }
                if (!code) {
                    prose.append(line).append('\n');
                    continue;
                }
                prose.append('\n');
                String command = line.replaceAll("(^|\\s)#.*", "").stripTrailing();
                if (joined.isEmpty()) {
                    start = i + 1;
                }
                if (command.endsWith("\\")) {
                    joined.append(command, 0, command.length() - 1).append(' ');
                } else {
                    out.add(new Piece(doc, start, joined.append(command).toString()));
                    joined.setLength(0);
                }
            }
            Matcher m = INLINE_CODE.matcher(prose);
            while (m.find()) {
                int line = (int) prose.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                out.add(new Piece(doc, line, m.group(1).replace('\n', ' ')));
            }
        }
        return out;
    }

    /** README.md, docs/*.md and the validations' README.md files. */
    static List<Path> documents() throws IOException {
        Path root = root();
        List<Path> out = new ArrayList<>(List.of(root.resolve("README.md")));
        for (String folder : List.of("docs", "validation")) {
            try (Stream<Path> files = Files.walk(root.resolve(folder), 2)) {
                files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(out::add);
            }
        }
        return out;
    }

    static Path root() {
        for (Path p : List.of(Path.of(""), Path.of(".."))) {
            if (Files.isRegularFile(p.resolve("README.md")) && Files.isDirectory(p.resolve("docs"))) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("README.md and docs/ not found from " + Path.of("").toAbsolutePath());
    }
}
