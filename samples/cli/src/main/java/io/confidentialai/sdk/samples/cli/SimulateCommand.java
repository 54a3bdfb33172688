package io.confidentialai.sdk.samples.cli;

import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.Measurement;
import io.confidentialai.sdk.attestation.MeasurementSlot;
import io.confidentialai.sdk.attestation.ReportData;
import io.confidentialai.sdk.attestation.SimulationOptions;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.CollectorContext;
import io.confidentialai.sdk.spi.EvidenceCollector;
import io.confidentialai.sdk.spi.TeeProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code csdk simulate}: writes evidence in a real vendor format signed by the local simulation root (never
 * hardware-backed), through the simulated provider's evidence collector.
 */
@Command(name = "simulate", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
            "Write a simulated TDX quote signed by the local simulation root (not hardware-backed: default "
                    + "policies reject it), and print the simulation root's path.",
            "Verify it with: csdk verify --evidence FILE --tee simulated"})
final class SimulateCommand implements Callable<Integer> {
    /** The simulation root certificate's file name inside the simulation directory. */
    static final String ROOT_FILE = "simulation-root.pem";

    private static final int TDX_MEASUREMENT_LENGTH = 48;

    @Spec
    private CommandSpec spec;

    @Option(names = "--tee", paramLabel = "TEE", defaultValue = "tdx",
            description = "Evidence format to simulate: tdx (default: ${DEFAULT-VALUE}).")
    private String tee = "tdx";

    @Option(names = "--report-data", paramLabel = "HEX",
            description = "Report data, up to 64 bytes, right-padded with zeros (default: 64 zero bytes).")
    private String reportData;

    @Option(names = "--debug", description = "Mark the simulated TD as debuggable (policies reject it).")
    private boolean debug;

    @Option(names = "--mrtd", paramLabel = "HEX", description = "MRTD of the simulated TD (48 bytes).")
    private String mrtd;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the evidence.")
    private Path out;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "raw",
            description = "Output encoding: raw (default), hex, or envelope (the SDK's JSON evidence envelope).")
    private String format = "raw";

    @Option(names = "--sim-dir", paramLabel = "DIR",
            description = "Simulation directory; the root key and certificate are created there on first use "
                    + "(default: ~/.csdk/simulation).")
    private Path simDir;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        TeeOption option;
        try {
            option = TeeOption.parse(tee);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (option != TeeOption.TDX && option != TeeOption.SIMULATED) {
            throw new UsageException("--tee " + tee + ": only tdx evidence can be simulated for now");
        }
        String encoding = format.toLowerCase(Locale.ROOT);
        if (!List.of("raw", "hex", "envelope").contains(encoding)) {
            throw new UsageException("--format must be raw, hex or envelope, got " + format);
        }
        byte[] data = reportData == null ? new byte[0] : Hex.parse("--report-data", reportData, ReportData.LENGTH);
        Path dir = simDir == null ? defaultDirectory() : simDir;
        SimulationOptions.Builder options = SimulationOptions.builder().format(TeeType.INTEL_TDX).rootDirectory(dir)
                .debug(debug);
        if (mrtd != null) {
            byte[] m = Hex.parse("--mrtd", mrtd, TDX_MEASUREMENT_LENGTH);
            if (m.length != TDX_MEASUREMENT_LENGTH) {
                throw new UsageException("--mrtd must be " + TDX_MEASUREMENT_LENGTH + " bytes, got " + m.length);
            }
            options.measurement(Measurement.of(MeasurementSlot.MRTD, m));
        }
        SimulationOptions simulation = options.build();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UsageException("cannot create simulation directory " + dir + ": " + EvidenceInput.describe(e));
        }

        EvidenceCollector collector = simulatedProvider().newCollector(new Context(simulation))
                .orElseThrow(() -> new UsageException("the simulated TEE provider offers no evidence collector"));
        Evidence evidence = collector.collect(ReportData.padded(data));

        byte[] bytes;
        switch (encoding) {
            case "hex":
                bytes = (Hex.encode(evidence.data()) + "\n").getBytes(StandardCharsets.US_ASCII);
                break;
            case "envelope":
                bytes = evidence.encode();
                break;
            default:
                bytes = evidence.data();
                break;
        }
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(out, bytes);
        } catch (IOException e) {
            throw new UsageException("cannot write " + out + ": " + EvidenceInput.describe(e));
        }
        Path root = rootCertificate(dir);
        stdout.println("wrote " + out + " (" + evidence.dataLength() + " bytes, " + evidence.teeType().id()
                + (encoding.equals("raw") ? "" : ", " + encoding) + ", simulated: not hardware-backed)");
        stdout.println("simulation root: " + root);
        if (!Files.isRegularFile(root)) {
            spec.commandLine().getErr().println("csdk simulate: warning: the simulated provider wrote no " + ROOT_FILE
                    + " in " + dir);
        }
        stdout.flush();
        return Main.EXIT_OK;
    }

    /** {@code ~/.csdk/simulation}. */
    static Path defaultDirectory() {
        return Path.of(System.getProperty("user.home"), ".csdk", "simulation");
    }

    /** The simulation root certificate in a simulation directory. */
    static Path rootCertificate(Path directory) {
        return directory.resolve(ROOT_FILE);
    }

    /** The provider of {@link TeeType#SIMULATED}, found on the class path like the engine finds it. */
    private static TeeProvider simulatedProvider() {
        List<String> found = new ArrayList<>();
        Iterator<TeeProvider> it = ServiceLoader.load(TeeProvider.class, SimulateCommand.class.getClassLoader())
                .iterator();
        while (true) {
            TeeProvider p;
            try {
                if (!it.hasNext()) {
                    break;
                }
                p = it.next();
            } catch (ServiceConfigurationError e) {
                continue; // a broken provider of another TEE type must not stop simulation
            }
            found.add(p.teeType().id());
            if (p.teeType().equals(TeeType.SIMULATED)) {
                return p;
            }
        }
        throw new UsageException("no simulated TEE provider on the class path (found " + found
                + "): add io.confidentialai:tee-simulated");
    }

    /** The collector's context: system clock, default limits, the simulation options. */
    private static final class Context implements CollectorContext {
        private final SimulationOptions simulation;

        Context(SimulationOptions simulation) {
            this.simulation = simulation;
        }

        @Override
        public Clock clock() {
            return Clock.systemUTC();
        }

        @Override
        public InputLimits limits() {
            return InputLimits.defaults();
        }

        @Override
        public Optional<SimulationOptions> simulation() {
            return Optional.of(simulation);
        }
    }
}
