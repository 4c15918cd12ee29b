package io.somnus.cli;

import io.somnus.data.DatasetException;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.io.AtomicFiles;
import io.somnus.experiment.io.FileFormatException;
import io.somnus.experiment.run.StandardResolver;
import io.somnus.experiment.run.StandardRunExecutor;
import io.somnus.experiment.sweep.SweepException;
import io.somnus.experiment.sweep.SweepResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The {@code somnus} command-line program. */
@Command(name = "somnus", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Spiking neural networks that learn with STDP, stabilised by sleep.",
        exitCodeListHeading = "%nExit status (every command):%n",
        exitCodeList = {"0:done", "1:the work started and failed (e.g. the simulation diverged, the disk is full); "
                + "nothing finished was lost", "2:bad input (option, configuration, data or file); nothing ran",
                "3:sweep and reproduce: some runs failed or the sweep stopped; fix the cause and --resume",
                "4:compare: the two runs' (or sweeps') results differ"},
        subcommands = {DatasetsCommand.class, TrainCommand.class, ReproduceCommand.class, ReportCommand.class, BenchCommand.class,
                InspectCommand.class, CompareCommand.class, ExportCommand.class, CleanCommand.class})
public final class SomnusCli {
    /**
     * netlib-java's logger, quieted to warnings: its one INFO line per JVM ("Using ...JNIBLAS") broke into the progress
     * bar, and each run's provenance.json records the BLAS it used. Held here: java.util.logging keeps loggers weakly.
     */
    static final Logger NETLIB = Logger.getLogger("dev.ludovic.netlib");
    /**
     * The {@code ./somnus} command: runs {@code args} and exits with its status (0 done, 1 failed, 2 bad input, 3 runs
     * failed, 4 compared runs differ).
     */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (also used by tests). */
    public static CommandLine commandLine() {
        NETLIB.setLevel(Level.WARNING);
        CommandLine cl = new CommandLine(new SomnusCli());
        cl.addSubcommand(new SweepCommand(new StandardResolver(), new StandardRunExecutor()));
        // hidden: `source <(somnus generate-completion)` completes commands, options and the presets' and datasets' names
        cl.addSubcommand(new AutoComplete.GenerateCompletion());
        cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(true);
        cl.addSubcommand(new CommandLine.HelpCommand());   // last in the list, after sweep
        // A mistyped option or value gets one line naming it, picocli's suggestions and where the options are, not the
        // command's whole usage (train's is 50 lines, which pushed the error out of sight)
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            String name = cmd.getCommandSpec().qualifiedName();
            StderrNote.say(cmd.getErr(), name + ": " + ex.getMessage());
            if (ex instanceof CommandLine.MissingParameterException missing && !cmd.getUnmatchedArguments().isEmpty()) {
                // 'somnus sweep my.yaml' read as no --config: the word typed is named, so that the fix is plain
                cmd.getErr().println("Given, but taken by no option: " + String.join(" ", cmd.getUnmatchedArguments())
                        + missingOptionExample(missing));
            }
            List<String> close = closeCommands(ex, cmd);
            if (!close.isEmpty()) { // picocli's bigram likeness offered 'clean' for 'trian'
                cmd.getErr().println("Did you mean: "
                        + String.join(" or ", close.stream().map(c -> name + " " + c).toList()) + "?");
            } else {
                CommandLine.UnmatchedArgumentException.printSuggestions(ex, cmd.getErr());
            }
            String what = cmd.getSubcommands().isEmpty() ? "options" : "commands";
            cmd.getErr().println("Try '" + name + " --help' for its " + what + ".");
            return EXIT_BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            // the command's name, as picocli's own messages and sweep's and report's give it ("somnus train: ...")
            StderrNote.say(cmd.getErr(), prefix(cmd) + userMessage(ex));
            if (System.getenv("SOMNUS_DEBUG") != null) {
                ex.printStackTrace(cmd.getErr());
            }
            return exitStatus(ex);
        });
        return cl;
    }

    /** The first missing option as it is typed with its value (" (…, e.g. --config FILE)"); empty when none is. */
    private static String missingOptionExample(CommandLine.MissingParameterException missing) {
        return missing.getMissing().stream()
                .filter(ArgSpec::isOption)
                .map(OptionSpec.class::cast)
                .findFirst()
                .map(o -> " (an option's value follows its name, e.g. " + o.longestName() + " " + o.paramLabel() + ")")
                .orElse("");
    }

    /** The subcommands within two edits of a mistyped command name (e.g. a swap of two letters). */
    static List<String> closeCommands(CommandLine.ParameterException ex, CommandLine cmd) {
        if (!(ex instanceof CommandLine.UnmatchedArgumentException u) || u.getUnmatched().isEmpty()
                || cmd.getSubcommands().isEmpty()) {
            return List.of();
        }
        String typed = u.getUnmatched().get(0);
        return cmd.getSubcommands().entrySet().stream()
                .filter(e -> !e.getValue().getCommandSpec().usageMessage().hidden())
                .map(Map.Entry::getKey).filter(c -> editDistance(typed, c) <= 2).sorted().toList();
    }

    /** Levenshtein's distance (insertions, deletions, substitutions). */
    static int editDistance(String a, String b) {
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            row[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int above = row[j];
                int substitution = diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1), substitution);
                diagonal = above;
            }
        }
        return row[b.length()];
    }

    /** "somnus train: ", or "somnus: " for the top-level command: what an error message begins with. */
    static String prefix(CommandLine cmd) {
        return cmd.getParent() == null ? "somnus: " : "somnus " + cmd.getCommandName() + ": ";
    }

    /**
     * Exit status of a command that ended with {@code ex}: 2 for the user's input, 3 for a stopped sweep, 1 otherwise.
     */
    static int exitStatus(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof SweepException s) {
                return s.nothingRan() ? EXIT_BAD_INPUT : SweepResult.EXIT_RUNS_FAILED;
            }
            // a file or directory the user named that this user may not read or write: their input, as a dataset's is
            if (t instanceof ConfigException || t instanceof CliException || t instanceof DatasetException
                    || t instanceof FileFormatException
                    || t instanceof AccessDeniedException) {
                return EXIT_BAD_INPUT;
            }
        }
        return EXIT_FAILED;
    }

    /** The work started and failed. */
    public static final int EXIT_FAILED = 1;
    /** Bad input: nothing ran. */
    public static final int EXIT_BAD_INPUT = 2;

    /** What happened to the file of {@code e}, which carries no reason of its own. */
    static String fileProblem(FileSystemException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied (this user may not read or write it)";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        return AtomicFiles.reason(e);
    }

    /** The message a user sees for an error: theirs (configuration, data, files) or a short bug report. */
    static String userMessage(Throwable ex) {
        Throwable t = ex;
        while (t.getCause() != null && !(t instanceof ConfigException) && !(t instanceof CliException)
                && (t.getMessage() == null || t instanceof ExecutionException)) {
            t = t.getCause();
        }
        if (t instanceof UncheckedIOException && t.getCause() instanceof FileSystemException) {
            t = t.getCause();
        }
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        // the JDK's message for a denied or missing file is its path alone: say what happened to it
        if (t instanceof FileSystemException f && f.getReason() == null) {
            msg = msg + ": " + fileProblem(f);
        }
        if (t instanceof ConfigException || t instanceof CliException || t.getClass().getName().startsWith("io.somnus.")
                || t instanceof IOException || t instanceof IllegalArgumentException
                || t instanceof UncheckedIOException) {
            return msg;
        }
        return msg + " (" + t.getClass().getName() + "; set SOMNUS_DEBUG=1 for the stack trace)";
    }
}
