package dev.argoconformance.reference.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code argo-reference}: the reference controller on a plugin author's laptop, no cluster. {@code run} runs a
 * workflow of plugin templates against the author's plugins as Argo would call them; {@code build},
 * {@code validate} and {@code discover} do what {@code argo executor-plugin build} and the controller's discovery do.
 *
 * <p>{@link #main} exits with {@link #run(String...)}'s code; tests call {@code run}.
 */
@Command(
        name = "argo-reference",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        sortOptions = false,
        versionProvider = VersionProvider.class,
        description =
                "Runs Argo Workflows executor plugins (and the proposed controller plugins) the way Argo calls them, on a laptop, without a cluster.",
        subcommands = {RunCommand.class, BuildCommand.class, ValidateCommand.class, DiscoverCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the workflow Succeeded; the manifest is valid; the plugin was built",
            "1:the workflow Failed or Errored, or its deadline passed; the manifest is invalid",
            "2:bad input: an unreadable file, an invalid workflow, an unknown plugin, a bad flag",
            "3:the workflow is stuck: a plugin left a node Running and Argo would never call it again"
        })
public final class ReferenceController implements Callable<Integer> {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;
    static final int STUCK = 3;

    @Spec
    private CommandSpec spec;

    ReferenceController() {}

    public static void main(String... args) {
        System.exit(run(args));
    }

    /** Runs one command with the process's standard output and error; returns the exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs one command writing to {@code out} and {@code err}; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new ReferenceController())
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(ReferenceController::badFlag)
                .setExecutionExceptionHandler(ReferenceController::failure);
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Without a command: say which ones there are. */
    @Override
    public Integer call() {
        spec.commandLine()
                .getErr()
                .println("Name a command: run, build, validate or discover (argo-reference --help says more).");
        return BAD_INPUT;
    }

    /** One sentence for a flag picocli cannot take, and where the usage is. */
    private static int badFlag(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String message = String.valueOf(e.getMessage()).strip();
        if (message.endsWith(".")) {
            message = message.substring(0, message.length() - 1);
        }
        command.getErr().println(message + "; see " + command.getCommandSpec().qualifiedName() + " --help.");
        return BAD_INPUT;
    }

    private static int failure(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        if (e instanceof BadInput) {
            command.getErr().println(e.getMessage());
            return BAD_INPUT;
        }
        command.getErr().println(command.getCommandSpec().qualifiedName() + " failed unexpectedly: " + e);
        return FAILED;
    }
}
