package io.confidentialai.sdk.samples.cli;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.Attestations;
import io.confidentialai.sdk.ConfidentialClient;
import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.TransportException;
import io.confidentialai.sdk.attestation.AttestationPolicy;
import io.confidentialai.sdk.attestation.Challenge;
import io.confidentialai.sdk.attestation.CollateralSource;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.ReportData;
import io.confidentialai.sdk.attestation.TeeClaims;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.attestation.TrustAnchor;
import io.confidentialai.sdk.attestation.VerifiedAttestation;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code csdk verify}: authenticates evidence, optionally appraises it against a policy, and reports. */
@Command(name = "verify", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
            "Verify TEE evidence: signatures and certificate chain to the vendor root pinned in the provider, "
                    + "then (with --policy) the full appraisal.",
            "Exit status: 0 verified, 1 rejected, 2 usage error or unreadable input."})
final class VerifyCommand implements Callable<Integer> {
    private static final int MAX_WARMUP = 100;

    @Spec
    private CommandSpec spec;

    @Option(names = "--evidence", required = true, paramLabel = "FILE|DIR",
            description = "Evidence file (binary, hex text or SDK evidence envelope), or a directory whose regular "
                    + "files are all verified, sorted by name. Repeatable.")
    private List<Path> evidence = new ArrayList<>();

    @Option(names = "--tee", paramLabel = "TEE", defaultValue = "auto", converter = TeeOption.Converter.class,
            completionCandidates = TeeOption.Names.class,
            description = "Evidence format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}, detected from the "
                    + "bytes). 'simulated' verifies TDX quotes from 'csdk simulate' against the simulation root.")
    private TeeOption tee = TeeOption.AUTO;

    @Option(names = "--cert", paramLabel = "FILE",
            description = "Certificate file attached to the evidence, named by its lower-case file name "
                    + "(e.g. an SEV-SNP VCEK). Repeatable.")
    private List<Path> certs = new ArrayList<>();

    @Option(names = "--collateral", paramLabel = "PATH",
            description = "Collateral: a directory laid out as <tee-id>/<name>, or a file attached to the evidence "
                    + "like --cert. Repeatable.")
    private List<Path> collateral = new ArrayList<>();

    @Option(names = "--trust-anchor", paramLabel = "FILE",
            description = "Insecure: trust this simulation root certificate (PEM or DER). With --tee cca: the "
                    + "platform's CPAK (PEM, JWK or trust-anchor JSON), a hardware trust anchor. Vendor roots are pinned "
                    + "in the providers and need no option. Repeatable.")
    private List<Path> trustAnchors = new ArrayList<>();

    @Option(names = "--sim-dir", paramLabel = "DIR",
            description = "Simulation directory holding simulation-root.pem, for --tee simulated "
                    + "(default: ~/.csdk/simulation).")
    private Path simDir;

    @Option(names = "--at", paramLabel = "INSTANT",
            description = "Verification time, ISO-8601 (e.g. 2023-07-01T00:00:00Z); default: now.")
    private String at;

    @Option(names = "--nonce", paramLabel = "HEX",
            description = "Expected report data, up to 64 bytes, right-padded with zeros.")
    private String nonce;

    @Option(names = "--policy", paramLabel = "FILE", description = "AttestationPolicy JSON: full appraisal.")
    private Path policyFile;

    @Option(names = "--json", description = "Print one JSON object per evidence file (JSON Lines).")
    private boolean json;

    @Option(names = "--repeat", paramLabel = "N",
            description = "After a warm-up, verify each file N more times and report median and p99 latency.")
    private Integer repeat;

    @Option(names = "--warmup", paramLabel = "N",
            description = "Warm-up verifications before --repeat (default: N, at least 3 and at most 100).")
    private Integer warmup;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (repeat != null && repeat < 1) {
            throw new UsageException("--repeat must be at least 1, got " + repeat);
        }
        if (warmup != null && (warmup < 0 || repeat == null)) {
            throw new UsageException(repeat == null ? "--warmup needs --repeat" : "--warmup must not be negative");
        }
        Clock clock = at == null ? Clock.systemUTC() : Clock.fixed(parseInstant(at), ZoneOffset.UTC);
        ReportData expected = nonce == null ? null : ReportData.padded(Hex.parse("--nonce", nonce, ReportData.LENGTH));
        AttestationPolicy policy = policyFile == null ? null : readPolicy(policyFile);

        InputLimits limits = InputLimits.defaults();
        Map<String, byte[]> attachments = new LinkedHashMap<>();
        List<Path> collateralDirs = new ArrayList<>();
        for (Path c : certs) {
            attach(attachments, c, limits);
        }
        for (Path c : collateral) {
            if (Files.isDirectory(c)) {
                collateralDirs.add(c);
            } else {
                attach(attachments, c, limits);
            }
        }
        List<Path> anchors = new ArrayList<>(trustAnchors);
        if (tee == TeeOption.SIMULATED) {
            Path root = SimulateCommand.rootCertificate(simDir == null ? SimulateCommand.defaultDirectory() : simDir);
            if (!Files.isRegularFile(root)) {
                throw new UsageException("no simulation root at " + root + ": run 'csdk simulate' first, pass --sim-dir, "
                        + "or use --trust-anchor FILE without --tee simulated");
            }
            anchors.add(root);
        } else if (simDir != null) {
            throw new UsageException("--sim-dir applies to --tee simulated only");
        }

        List<EvidenceInput.Loaded> inputs = new ArrayList<>();
        for (Path file : EvidenceInput.expand(evidence)) {
            inputs.addAll(EvidenceInput.load(file, tee, attachments));
        }

        ConfidentialClient.Builder builder = ConfidentialClient.builder().clock(clock);
        if (!collateralDirs.isEmpty()) {
            builder.collateral(directories(collateralDirs));
        }
        for (Path anchor : anchors) {
            if (tee == TeeOption.CCA) {
                trustCcaPlatform(builder, anchor);
            } else {
                trust(builder, anchor);
            }
        }
        Report report = new Report(out, json);
        int verified = 0;
        try (ConfidentialClient client = builder.build()) {
            Appraisal appraisal = new Appraisal(client.attestations(), clock, expected, policy);
            for (EvidenceInput.Loaded input : inputs) {
                Outcome outcome = appraisal.run(input.evidence());
                Timing timing = null;
                if (repeat != null) {
                    int warm = warmup != null ? warmup : Math.max(3, Math.min(repeat, MAX_WARMUP));
                    timing = Timing.measure(() -> appraisal.run(input.evidence()).nanos(), warm, repeat);
                }
                report.print(input, outcome, timing, policy, expected != null);
                if (outcome.verified()) {
                    verified++;
                }
            }
        }
        report.summary(verified, inputs.size());
        out.flush();
        return verified == inputs.size() ? Main.EXIT_OK : Main.EXIT_REJECTED;
    }

    private static Instant parseInstant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e2) {
                throw new UsageException("--at must be an ISO-8601 instant such as 2023-07-01T00:00:00Z: " + text);
            }
        }
    }

    private static AttestationPolicy readPolicy(Path file) {
        byte[] bytes = EvidenceInput.readFile(file, 1 << 20, "policy file");
        try {
            return AttestationPolicy.parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new UsageException("invalid policy " + file + ": " + EvidenceInput.describe(e));
        }
    }

    private static void attach(Map<String, byte[]> attachments, Path file, InputLimits limits) {
        String name = EvidenceInput.attachmentName(file);
        if (attachments.containsKey(name)) {
            throw new UsageException("two attachments are named " + name + ": rename one of the files");
        }
        attachments.put(name, EvidenceInput.readFile(file, limits.maxCollateralBytes(), "certificate or collateral file"));
    }

    /** Arm CCA has no vendor root: the CPAK given is a hardware trust anchor that the CCA provider parses. */
    private static void trustCcaPlatform(ConfidentialClient.Builder builder, Path anchor) {
        byte[] bytes = EvidenceInput.readFile(anchor, 1 << 20, "trust anchor");
        try {
            builder.trustAnchor(TrustAnchor.of(TeeType.ARM_CCA, bytes));
        } catch (IllegalArgumentException e) {
            throw new UsageException("cannot use trust anchor " + anchor + ": " + EvidenceInput.describe(e));
        }
    }

    private static void trust(ConfidentialClient.Builder builder, Path anchor) {
        if (!Files.isRegularFile(anchor)) {
            throw new UsageException("trust anchor not found: " + anchor);
        }
        try {
            builder.insecureTrustSimulationRoot(anchor);
        } catch (TransportException | IllegalArgumentException e) {
            throw new UsageException("cannot use trust anchor " + anchor + ": " + EvidenceInput.describe(e));
        }
    }

    /** Looks collateral up in each directory in turn. */
    private static CollateralSource directories(List<Path> dirs) {
        List<CollateralSource> sources = new ArrayList<>();
        for (Path d : dirs) {
            sources.add(CollateralSource.ofDirectory(d));
        }
        if (sources.size() == 1) {
            return sources.get(0);
        }
        return (teeType, name, maxBytes) -> {
            for (CollateralSource s : sources) {
                Optional<byte[]> found = s.find(teeType, name, maxBytes);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        };
    }

    /** One check failure as reported. */
    record Failure(String code, String message) {}

    /** The result of one verification: claims when authentication succeeded, a failure when rejected. */
    static final class Outcome {
        private final TeeClaims claims;
        private final List<TeeClaims> accelerators;
        private final Failure failure;
        private final long nanos;

        Outcome(TeeClaims claims, Failure failure, long nanos) {
            this(claims, List.of(), failure, nanos);
        }

        Outcome(TeeClaims claims, List<TeeClaims> accelerators, Failure failure, long nanos) {
            this.claims = claims;
            this.accelerators = List.copyOf(accelerators);
            this.failure = failure;
            this.nanos = nanos;
        }

        /** The authenticated claims of the evidence's accelerators (GPUs) that were reached. */
        List<TeeClaims> accelerators() {
            return accelerators;
        }

        /** The authenticated claims; empty if authentication failed. */
        Optional<TeeClaims> claims() {
            return Optional.ofNullable(claims);
        }

        /** The first failed check; empty if verified. */
        Optional<Failure> failure() {
            return Optional.ofNullable(failure);
        }

        long nanos() {
            return nanos;
        }

        boolean verified() {
            return failure == null;
        }
    }

    /** What "verify" means for this invocation: authentication, then the report-data check or the policy. */
    static final class Appraisal {
        private final Attestations attestations;
        private final Clock clock;
        private final ReportData expected; // null: no --nonce
        private final AttestationPolicy policy; // null: authenticate only

        /**
         * @param expected the expected report data, or null
         * @param policy the policy, or null to authenticate only
         */
        Appraisal(Attestations attestations, Clock clock, ReportData expected, AttestationPolicy policy) {
            this.attestations = attestations;
            this.clock = clock;
            this.expected = expected;
            this.policy = policy;
        }

        Outcome run(Evidence evidence) {
            long started = System.nanoTime();
            TeeClaims claims = null;
            List<TeeClaims> accelerators = new ArrayList<>();
            try {
                if (policy == null) {
                    claims = attestations.authenticate(evidence);
                    if (expected != null && !expected.equals(claims.reportData())) {
                        return new Outcome(claims, new Failure(ReasonCode.NONCE_MISMATCH.code(), "binding: report data "
                                + claims.reportData().toHex() + " differs from the expected " + expected.toHex()),
                                System.nanoTime() - started);
                    }
                    // without a policy each accelerator is authenticated on its own (a policy also checks its nonce)
                    List<Evidence> devices = evidence.accelerators();
                    for (int i = 0; i < devices.size(); i++) {
                        try {
                            accelerators.add(attestations.authenticate(devices.get(i)));
                        } catch (AttestationVerificationException e) {
                            return new Outcome(claims, accelerators, new Failure(e.reason().code(),
                                    oneLine("accelerator[" + i + "] (" + devices.get(i).teeType() + "): " + e.detail())),
                                    System.nanoTime() - started);
                        }
                    }
                } else {
                    ReportData want = expected;
                    if (want == null) {
                        claims = attestations.authenticate(evidence);
                        want = claims.reportData();
                    }
                    // the challenge is issued at the verification instant: the policy's maxEvidenceAge is met
                    VerifiedAttestation verdict = attestations.verify(evidence, policy,
                            Challenge.reportData(want, clock.instant()));
                    claims = verdict.claims();
                    accelerators.addAll(verdict.accelerators());
                }
                return new Outcome(claims, accelerators, null, System.nanoTime() - started);
            } catch (AttestationVerificationException e) {
                long nanos = System.nanoTime() - started;
                Failure failure = new Failure(e.reason().code(), oneLine(e.getMessage()));
                if (claims == null && policy != null) {
                    // the policy may have rejected authentic evidence: show its claims (outside the timed path)
                    try {
                        claims = attestations.authenticate(evidence);
                    } catch (AttestationVerificationException again) {
                        claims = null;
                    }
                }
                return new Outcome(claims, failure, nanos);
            }
        }
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }
}
