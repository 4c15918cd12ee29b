package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * What a user reads first: every command's help renders without picocli warnings (an unescaped '%' in a description
 * makes one), {@code somnus --help} lists each command in one line, and a bad option gets one message, not the usage.
 */
class HelpTextTest {
    @Test
    void everyHelpTextRendersWithoutWarnings() {
        List<CommandLine> all = new ArrayList<>();
        collect(SomnusCli.commandLine(), all);
        assertTrue(all.size() > 5, "the CLI has its subcommands");
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            for (CommandLine cl : all) {
                String usage = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
                assertFalse(usage.isBlank(), cl.getCommandName());
            }
        } finally {
            System.setErr(saved);
        }
        String warnings = err.toString(StandardCharsets.UTF_8);
        assertFalse(warnings.contains("picocli WARN"), warnings);
    }

    /**
     * {@code somnus --help} lists each command on one line with a whole sentence: the command's header, as picocli
     * shows a subcommand's header (or, without one, its description's first line, which may stop mid-sentence).
     */
    @Test
    void theCommandListGivesEachCommandOneWholeSentence() {
        CommandLine cli = SomnusCli.commandLine();
        String usage = cli.getUsageMessage(CommandLine.Help.Ansi.OFF);
        String list = usage.substring(usage.indexOf("Commands:"), usage.indexOf("Exit status"));
        List<String> lines = list.lines().skip(1).filter(l -> !l.isBlank()).toList();
        // the commands listed: not the hidden ones (generate-completion)
        var listed = cli.getSubcommands().entrySet().stream()
                .filter(e -> !e.getValue().getCommandSpec().usageMessage().hidden()).toList();
        assertEquals(listed.size(), lines.size(), "one line per command:\n" + list);
        for (var e : listed) {
            String line = lines.stream().filter(l -> l.startsWith("  " + e.getKey() + " ")).findFirst().orElse(null);
            assertTrue(line != null, "the list names " + e.getKey() + ":\n" + list);
            String summary = line.substring(2 + e.getKey().length()).strip();
            assertTrue(summary.endsWith(".") || summary.endsWith("?"), e.getKey() + ": " + summary);
        }
    }

    /**
     * Each command's list of subcommands gives each one line, as {@code somnus --help} does: {@code somnus datasets
     * --help} broke import's header after "KMNIST's ." and put "npz files." on a line of its own.
     */
    @Test
    void everySubcommandListGivesEachSubcommandOneLine() {
        List<CommandLine> all = new ArrayList<>();
        collect(SomnusCli.commandLine(), all);
        for (CommandLine cl : all) {
            String usage = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
            int at = usage.indexOf("\nCommands:\n");
            if (at < 0) {
                continue;
            }
            String list = usage.substring(at + "\nCommands:\n".length()).split("\n\n", 2)[0];
            for (String line : list.lines().toList()) {
                assertTrue(line.matches("  \\S+ +\\S.*[.?]"), cl.getCommandName() + "'s subcommand list: a line that is no whole "
                        + "entry: '" + line + "' in\n" + list);
            }
        }
    }

    /** No help text splits a number at its thousands space: "MNIST's 10 000 of 70" ended a line, "000)" began one. */
    @Test
    void noHelpTextSplitsANumberAcrossLines() {
        List<CommandLine> all = new ArrayList<>();
        collect(SomnusCli.commandLine(), all);
        Pattern split = Pattern.compile("\\d *\\n\\s*\\d{3}\\b");
        for (CommandLine cl : all) {
            String usage = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
            assertFalse(split.matcher(usage).find(), cl.getCommandName() + ":\n" + usage);
        }
    }

    /**
     * Every option's value is named for the user (N, DIR, NAME), not by the Java field behind it: picocli's default
     * placeholder showed {@code --sg-images=<sgImagesGiven>} and {@code --data-dir=<dataDir>}.
     */
    @Test
    void everyOptionValueHasAPlaceholderForTheUserNotAFieldName() {
        List<CommandLine> all = new ArrayList<>();
        collect(SomnusCli.commandLine(), all);
        for (CommandLine cl : all) {
            for (CommandLine.Model.OptionSpec o : cl.getCommandSpec().options()) {
                if (o.arity().max() == 0) {
                    continue; // a flag takes no value
                }
                String label = o.paramLabel();
                assertFalse(label.startsWith("<"), cl.getCommandName() + " " + o.longestName() + " shows its value as "
                        + label + ", a field's name");
            }
        }
    }

    /**
     * A file name or range in a help text stays on one line: picocli's wrapping may break after a dot, and printed
     * "report.\nhtml", "DIR/ledger.\nsqlite", "f = 0.0..\n0.9" and "kmnist-{train,test}-{imgs,labels}.\nnpz", which
     * read as a sentence's end.
     */
    @Test
    void noFileNameOrRangeIsSplitAcrossLines() {
        Pattern dotted = Pattern.compile("[\\w/<>{},.*-]*[\\w/>}]\\.+[\\w<>{][\\w/<>{},.*-]*");
        List<CommandLine> all = new ArrayList<>();
        collect(SomnusCli.commandLine(), all);
        List<String> split = new ArrayList<>();
        for (CommandLine cl : all) {
            List<String> texts = new ArrayList<>(List.of(cl.getCommandSpec().usageMessage().description()));
            texts.addAll(List.of(cl.getCommandSpec().usageMessage().header()));
            cl.getCommandSpec().options().forEach(o -> texts.addAll(List.of(o.description())));
            cl.getCommandSpec().positionalParameters().forEach(p -> texts.addAll(List.of(p.description())));
            List<String> lines = cl.getUsageMessage(CommandLine.Help.Ansi.OFF).lines().map(String::strip).toList();
            // each occurrence in the texts is one on a line of the help (another option may name the same file)
            Map<String, Integer> wanted = new TreeMap<>();
            for (String text : texts) {
                Matcher m = dotted.matcher(text);
                while (m.find()) {
                    wanted.merge(m.group().replaceAll("\\.+$", ""), 1, Integer::sum);
                }
            }
            Map<String, Integer> shown = new TreeMap<>();
            for (String line : lines) {
                Matcher m = dotted.matcher(line);
                while (m.find()) {
                    shown.merge(m.group().replaceAll("\\.+$", ""), 1, Integer::sum);
                }
            }
            wanted.forEach((token, n) -> {
                if (shown.getOrDefault(token, 0) < n) {
                    split.add(cl.getCommandName() + ": " + token);
                }
            });
        }
        assertEquals(List.of(), split, "split across two lines of their help");
    }

    /** A bad option or value gets its message, suggestions and a pointer to --help: not the command's whole usage. */
    @Test
    void aBadOptionGetsOneMessageNotTheUsage() {
        CommandLine cli = SomnusCli.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute("train", "--seed", "abc");
        assertEquals(SomnusCli.EXIT_BAD_INPUT, exit);
        List<String> lines = err.toString().lines().toList();
        assertEquals(List.of("somnus train: Invalid value for option '--seed': 'abc' is not a long",
                "Try 'somnus train --help' for its options."), lines);
    }

    /**
     * A sweep file typed without --config (as a new user types it) is named beside "Missing required option", where
     * before the word typed went unmentioned; with nothing stray, the message is picocli's alone.
     */
    @Test
    void aValueWithoutItsOptionIsNamed() {
        CommandLine cli = SomnusCli.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute("sweep", "my-sweep.yaml", "--out", "nowhere");
        assertEquals(SomnusCli.EXIT_BAD_INPUT, exit);
        assertEquals(List.of("somnus sweep: Missing required option: '--config=FILE'",
                "Given, but taken by no option: my-sweep.yaml (an option's value follows its name, e.g. --config FILE)",
                "Try 'somnus sweep --help' for its options."), err.toString().lines().toList());

        StringWriter plain = new StringWriter();
        CommandLine again = SomnusCli.commandLine();
        again.setErr(new PrintWriter(plain, true));
        assertEquals(SomnusCli.EXIT_BAD_INPUT, again.execute("sweep", "--out", "nowhere"));
        assertEquals(List.of("somnus sweep: Missing required option: '--config=FILE'",
                "Try 'somnus sweep --help' for its options."), plain.toString().lines().toList());

        StringWriter other = new StringWriter(); // the option named is the one missing, not always --config
        CommandLine third = SomnusCli.commandLine();
        third.setErr(new PrintWriter(other, true));
        assertEquals(SomnusCli.EXIT_BAD_INPUT, third.execute("datasets", "import", "notmnist", "my-folder"));
        assertTrue(other.toString().contains("Given, but taken by no option: my-folder (an option's value follows its "
                + "name, e.g. --from DIR)"), other.toString());
    }

    private static void collect(CommandLine cl, List<CommandLine> out) {
        out.add(cl);
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!out.contains(sub)) {
                collect(sub, out);
            }
        }
    }
}
