package io.confidentialai.sdk.samples.cli;

import io.confidentialai.sdk.ConfidentialException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code csdk}: the Confidential SDK's command-line tool.
 *
 * <pre>
 * java -jar csdk.jar verify --evidence quote.dat [--json]
 * java -jar csdk.jar simulate --tee tdx --out sim.dat
 * </pre>
 *
 * <p>Exit status: 0 verified, 1 rejected, 2 usage error or unreadable input. Errors are one line on stderr,
 * never a stack trace; stdout carries only the report (or JSON).
 */
@Command(name = "csdk", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Verify TEE evidence (Intel TDX, AMD SEV-SNP, NVIDIA GPU CC, Arm CCA) and simulate it.",
        subcommands = {VerifyCommand.class, SimulateCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit status: evidence verified (or simulated evidence written). */
    static final int EXIT_OK = 0;
    /** Exit status: evidence rejected. */
    static final int EXIT_REJECTED = 1;
    /** Exit status: usage error or unreadable input. */
    static final int EXIT_USAGE = 2;

    @Spec
    private CommandSpec spec;

    private Main() {}

    /**
     * Runs the tool and exits with its status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err),
                StandardCharsets.UTF_8), true);
        System.exit(execute(out, err, args));
    }

    /**
     * Runs the tool without exiting the JVM.
     *
     * @param out where reports go
     * @param err where the one-line error goes
     * @param args the command line
     * @return the exit status: 0 verified, 1 rejected, 2 usage error or unreadable input
     */
    static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((e, ignored) -> {
            CommandLine cmd = e.getCommandLine();
            String name = cmd.getCommandSpec().qualifiedName();
            cmd.getErr().println(name + ": " + VerifyCommand.oneLine(e.getMessage()) + " (see '" + name + " --help')");
            cmd.getErr().flush();
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + describe(e));
            cmd.getErr().flush();
            return EXIT_USAGE;
        });
        int status = cl.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    private static String describe(Exception e) {
        if (e instanceof UsageException || e instanceof ConfidentialException) {
            return EvidenceInput.describe(e);
        }
        // an unexpected failure: name it in one line, still without a stack trace
        return "error: " + e.getClass().getSimpleName() + ": " + EvidenceInput.describe(e);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: verify or simulate");
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"csdk " + (v == null ? "(development build)" : v)};
        }
    }
}
