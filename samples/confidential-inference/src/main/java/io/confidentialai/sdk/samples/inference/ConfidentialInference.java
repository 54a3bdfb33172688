package io.confidentialai.sdk.samples.inference;

import io.confidentialai.sdk.AssetKey;
import io.confidentialai.sdk.ConfidentialClient;
import io.confidentialai.sdk.DatasetSpec;
import io.confidentialai.sdk.Digest;
import io.confidentialai.sdk.KeyGrant;
import io.confidentialai.sdk.ModelSpec;
import io.confidentialai.sdk.NodeOptions;
import io.confidentialai.sdk.OrderResult;
import io.confidentialai.sdk.OrderSpec;
import io.confidentialai.sdk.RecipientKeyPair;
import io.confidentialai.sdk.SealedAsset;
import io.confidentialai.sdk.SealedInput;
import io.confidentialai.sdk.TeeNode;
import io.confidentialai.sdk.VerificationException;
import io.confidentialai.sdk.VerifiedReport;
import io.confidentialai.sdk.attestation.AttestationPolicy;
import io.confidentialai.sdk.attestation.CollateralSource;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.Measurement;
import io.confidentialai.sdk.attestation.MeasurementSlot;
import io.confidentialai.sdk.attestation.Nonce;
import io.confidentialai.sdk.attestation.SimulationOptions;
import io.confidentialai.sdk.attestation.TeeClaims;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.attestation.VerifiedAttestation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Confidential inference end to end (flow 1 of the design): a data owner's sealed dataset and a model owner's
 * sealed model are released only to a TEE that proved itself; the inference runs inside it; only the data
 * owner can read the predictions. Each party holds only its own keys. The node is a composite attestation: a
 * CPU TEE and the GPU the model runs on, the GPU's nonce derived from the CPU evidence. Both are simulated (a real
 * TDX quote and a real SPDM 1.1 measurement report, signed by a local simulation root, with RIMs signed the same
 * way), so every verification path runs without hardware; the policy is therefore the insecure development
 * policy, which real hardware evidence can never satisfy.
 *
 * <p>Run: {@code java -jar samples/confidential-inference/target/confidential-inference.jar [work-dir]}. Exits
 * non-zero on any failure.
 */
public final class ConfidentialInference {
    private final PrintStream out;
    private final Path work;

    private ConfidentialInference(PrintStream out, Path work) {
        this.out = out;
        this.work = work;
    }

    /**
     * Runs the demo.
     *
     * @param args optional work directory (default: a new temporary directory)
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) {
        try {
            Path work = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("csdk-inference");
            Files.createDirectories(work);
            return new ConfidentialInference(out, work).demo() ? 0 : 1;
        } catch (VerificationException e) {
            out.println("FAILED: verification rejected: " + e.reason() + ": " + e.getMessage());
            return 1;
        } catch (IOException | RuntimeException e) {
            out.println("FAILED: " + e + (e.getCause() != null ? " (cause: " + e.getCause() + ")" : ""));
            return 1;
        }
    }

    private void say(String who, String what) {
        out.printf("%-13s %s%n", "[" + who + "]", what);
    }

    private boolean demo() throws IOException, VerificationException {
        out.println("== Confidential inference with the Confidential SDK (simulated Intel TDX + NVIDIA H100 GPU) ==");
        out.println("work directory: " + work);
        Path simulationRoot = work.resolve("simulation");

        // --- model owner: trains a model on its own data and seals the weights -------------------------------
        // tag::model-owner[]
        ConfidentialClient modelOwner = ConfidentialClient.builder().build();
        SyntheticClinic.Cohort training = SyntheticClinic.cohort(4000, 11);
        LogisticModel model = LogisticModel.train(training.x(), training.y(), 400, 0.5, 1e-3);
        Path weights = work.resolve("model-owner/weights.txt");
        Files.createDirectories(weights.getParent());
        Files.write(weights, model.serialize());
        AssetKey modelKey = AssetKey.generate();
        SealedAsset sealedModel = modelOwner.models().encrypt(
                ModelSpec.builder().name("risk-logreg").version("1.0").source(weights).build(),
                modelKey, work.resolve("model-owner/risk-logreg.sealed"));
        Measurement engine = EngineImage.mrtd();
        // end::model-owner[]
        say("model owner", "trained logistic regression on " + training.x().length + " private records ("
                + SyntheticClinic.FEATURES.length + " features); sealed weights " + sealedModel.digest());
        say("model owner", "published the engine's reference measurement MRTD " + engine.toHex().substring(0, 24) + "...");

        // --- data owner: seals its dataset; labels stay at home -----------------------------------------------
        // tag::data-owner[]
        SyntheticClinic.Cohort patients = SyntheticClinic.cohort(2000, 42);
        Path csv = work.resolve("data-owner/patients.csv");
        Files.createDirectories(csv.getParent());
        SyntheticClinic.writeCsv(patients, csv);
        ConfidentialClient dataOwner = ConfidentialClient.builder().build();
        AssetKey dataKey = AssetKey.generate();
        SealedAsset sealedData = dataOwner.datasets().encrypt(
                DatasetSpec.builder().name("patients-2026").source(csv).build(),
                dataKey, work.resolve("data-owner/patients.sealed"));
        RecipientKeyPair dataOwnerKeys = RecipientKeyPair.generate();
        // end::data-owner[]
        say("data owner", "sealed " + patients.x().length + " patient records (" + sealedData.plaintextSize() + " bytes) "
                + sealedData.digest());

        // --- the policy both owners accept: the published engine, no debug, bound to fresh evidence --------------
        // tag::policy[]
        AttestationPolicy policy = AttestationPolicy.insecureDevelopmentPolicy()   // simulated TEE only
                .allowMeasurement(engine)
                .requireAccelerators(TeeType.NVIDIA_GPU_CC, 1)                 // and the GPU the model runs on
                .build();
        // end::policy[]
        say("both owners", "policy " + policy.digest() + " (insecure development policy: simulated TEEs only; "
                + "the engine's MRTD plus one GPU whose measurements match its signed RIMs)");

        // --- the TEE node boots: keys generated inside, never exported -----------------------------------------
        // tag::node[]
        ConfidentialClient nodeRuntime = ConfidentialClient.builder().build();
        TeeNode node = nodeRuntime.openNode(NodeOptions.builder()
                .workDirectory(work.resolve("node"))
                .simulation(SimulationOptions.builder().rootDirectory(simulationRoot).measurement(engine)
                        .gpus(1).build())
                .build());
        // end::node[]
        say("tee node", "booted (simulated TDX with one simulated H100 GPU); HPKE and signing keys generated inside "
                + "the TEE");

        // --- data owner: challenge, verify, order, grant ------------------------------------------------------
        // tag::verify-and-grant[]
        ConfidentialClient dataVerifier = ConfidentialClient.builder()
                .insecureTrustSimulationRoot(simulationRoot.resolve("simulation-root.pem"))   // development only
                .collateral(CollateralSource.ofDirectory(simulationRoot))   // the simulated GPU's signed RIMs
                .build();
        Nonce nonce = dataVerifier.attestations().newNonce();
        Evidence evidence = node.attest(nonce);                       // sent to the data owner
        VerifiedAttestation attested = dataVerifier.attestations().verify(evidence, policy, nonce);
        OrderSpec order = OrderSpec.builder(Clock.systemUTC())
                .model(sealedModel.digest())
                .addInput(sealedData.digest())
                .parameter("threshold", "0.5")
                .policy(policy)
                .addRecipient(dataOwnerKeys.publicKey())               // only the data owner reads results
                .build();
        KeyGrant dataGrant = dataVerifier.keys().grant(dataKey, sealedData, attested, order);
        // end::verify-and-grant[]
        say("data owner", "evidence: " + evidence.teeType() + " quote, " + evidence.dataLength() + " bytes, and "
                + evidence.accelerators().size() + " GPU SPDM report(s) of " + evidence.accelerators().get(0).dataLength()
                + " bytes");
        say("data owner", "verified: chain to the simulation root (not hardware), debug off, MRTD matches the engine, "
                + "report data binds my nonce and the node's keys");
        TeeClaims gpu = attested.accelerators().get(0);
        say("data owner", "verified GPU 0: SPDM signature by the device key, nonce derived from the CPU report data, "
                + "driver " + gpu.details().get("driverVersion") + ", VBIOS " + gpu.details().get("vbiosVersion")
                + ", measurements match the signed RIMs (" + gpu.details().get("rimStatus") + ")");
        say("data owner", "order " + order.digest());
        say("data owner", "dataset key granted to the attested node (HPKE, bound to order, asset and node key)");

        // --- model owner: its own challenge and verification, then its grant ------------------------------------
        ConfidentialClient modelVerifier = ConfidentialClient.builder()
                .insecureTrustSimulationRoot(simulationRoot.resolve("simulation-root.pem"))
                .collateral(CollateralSource.ofDirectory(simulationRoot)).build();
        Nonce modelNonce = modelVerifier.attestations().newNonce();
        VerifiedAttestation modelView = modelVerifier.attestations().verify(node.attest(modelNonce), policy, modelNonce);
        KeyGrant modelGrant = modelVerifier.keys().grant(modelKey, sealedModel, modelView, order);
        say("model owner", "verified the node independently; model key granted for order " + order.digest().toHex().substring(0, 16));

        // --- inside the TEE: the trusted loader checks, decrypts, infers, seals, signs, wipes --------------------
        // tag::execute[]
        OrderResult result = node.execute(order,
                new SealedInput(sealedModel.file(), modelGrant),
                List.of(new SealedInput(sealedData.file(), dataGrant)),
                new LogisticRegressionWorkload());
        // end::execute[]
        say("tee node", "component digests match the order; grants unwrapped; inference done");
        say("tee node", "predictions sealed to the data owner; integrity report signed; inputs and keys wiped");

        // --- data owner: verify the integrity report, then (and only then) decrypt ------------------------------
        // tag::results[]
        VerifiedReport report = dataVerifier.results().verifyReport(result, policy);
        Path predictions = work.resolve("data-owner/predictions.csv");
        Digest plaintext = dataVerifier.results().decrypt(result, report, LogisticRegressionWorkload.OUTPUT,
                dataOwnerKeys, predictions);
        // end::results[]
        say("data owner", "report verified: signed by the attested node key; model, input and output digests match");
        int[] stats = score(predictions, patients.y());
        say("data owner", String.format("decrypted %s: %d predictions, %.1f%% positive, accuracy %.1f%% against my labels",
                LogisticRegressionWorkload.OUTPUT, stats[0], 100.0 * stats[1] / stats[0], 100.0 * stats[2] / stats[0]));
        say("data owner", "plaintext digest " + plaintext);
        boolean ok = stats[0] == patients.x().length && stats[2] > stats[0] * 0.7;

        out.println("-- what the SDK refuses --");
        ok &= refusals(policy, engine, simulationRoot, node, order, sealedData, sealedModel, dataGrant, modelGrant,
                dataVerifier);
        node.close();
        out.println(ok ? "RESULT: OK" : "RESULT: FAILED");
        return ok;
    }

    private boolean refusals(AttestationPolicy policy, Measurement engine, Path simulationRoot, TeeNode node,
            OrderSpec order, SealedAsset data, SealedAsset model, KeyGrant dataGrant, KeyGrant modelGrant,
            ConfidentialClient verifier) throws IOException {
        boolean ok = true;
        // a policy that pins another engine
        AttestationPolicy other = AttestationPolicy.insecureDevelopmentPolicy()
                .allowMeasurement(Measurement.of(MeasurementSlot.MRTD, new byte[48])).build();
        ok &= expect("policy pinning another engine", "MEASUREMENT_MISMATCH", () -> {
            Nonce n = verifier.attestations().newNonce();
            verifier.attestations().verify(node.attest(n), other, n);
        });
        // a debug TEE running the right engine
        ok &= expect("the same engine in a debug-mode TEE", "DEBUG_ENABLED", () -> {
            try (ConfidentialClient c = ConfidentialClient.builder().build();
                    TeeNode debug = c.openNode(NodeOptions.builder().workDirectory(work.resolve("debug-node"))
                            .simulation(SimulationOptions.builder().rootDirectory(simulationRoot).measurement(engine)
                                    .gpus(1).debug(true).build()).build())) {
                Nonce n = verifier.attestations().newNonce();
                verifier.attestations().verify(debug.attest(n), policy, n);
            }
        });
        // the right engine, but its GPU is not attested with it
        ok &= expect("the same engine without its GPU", "ACCELERATOR_MISSING", () -> {
            try (ConfidentialClient c = ConfidentialClient.builder().build();
                    TeeNode cpuOnly = c.openNode(NodeOptions.builder().workDirectory(work.resolve("cpu-only-node"))
                            .simulation(SimulationOptions.builder().rootDirectory(simulationRoot).measurement(engine)
                                    .build()).build())) {
                Nonce n = verifier.attestations().newNonce();
                verifier.attestations().verify(cpuOnly.attest(n), policy, n);
            }
        });
        // GPU evidence spliced in from another attestation of the same node
        ok &= expect("GPU evidence taken from another attestation", "NONCE_MISMATCH", () -> {
            Nonce n = verifier.attestations().newNonce();
            Evidence fresh = node.attest(n);
            Evidence old = node.attest(verifier.attestations().newNonce());
            Evidence spliced = Evidence.builder().teeType(fresh.teeType()).data(fresh.data()).keys(fresh.keys().get())
                    .addAccelerator(old.accelerators().get(0)).build();
            verifier.attestations().verify(spliced, policy, n);
        });
        // evidence bound to another nonce (a replay)
        ok &= expect("evidence replayed for another nonce", "NONCE_MISMATCH", () -> {
            Nonce n = verifier.attestations().newNonce();
            verifier.attestations().verify(node.attest(verifier.attestations().newNonce()), policy, n);
        });
        // a tampered sealed dataset
        Path tampered = work.resolve("node-input-tampered.sealed");
        Files.copy(data.file(), tampered, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (RandomAccessFile f = new RandomAccessFile(tampered.toFile(), "rw")) {
            f.seek(f.length() / 2);
            int b = f.read();
            f.seek(f.length() / 2);
            f.write(b ^ 0x01);
        }
        ok &= expect("a sealed dataset with one flipped bit", "INPUT_DIGEST_MISMATCH", () -> node.execute(order,
                new SealedInput(model.file(), modelGrant), List.of(new SealedInput(tampered, dataGrant)),
                new LogisticRegressionWorkload()));
        // a component that is not the one the order names
        ok &= expect("a model file other than the ordered one", "MODEL_DIGEST_MISMATCH", () -> node.execute(order,
                new SealedInput(data.file(), modelGrant), List.of(new SealedInput(data.file(), dataGrant)),
                new LogisticRegressionWorkload()));
        return ok;
    }

    private interface Attempt {
        void run() throws Exception;
    }

    private boolean expect(String what, String code, Attempt attempt) {
        String got;
        try {
            attempt.run();
            got = "ACCEPTED";
        } catch (VerificationException e) {
            got = e.reason().code();
        } catch (Exception e) {
            got = e.getClass().getSimpleName();
        }
        boolean ok = got.equals(code);
        out.printf("  %-44s %s%s%n", what, got, ok ? "" : "   <-- expected " + code);
        return ok;
    }

    /** Returns {rows, positives, correct}. */
    private static int[] score(Path predictions, int[] labels) throws IOException {
        int rows = 0;
        int positive = 0;
        int correct = 0;
        try (BufferedReader r = Files.newBufferedReader(predictions, StandardCharsets.UTF_8)) {
            r.readLine();
            String line;
            while ((line = r.readLine()) != null) {
                String[] c = line.split(",");
                int id = Integer.parseInt(c[0].substring(1));
                int label = Integer.parseInt(c[2]);
                positive += label;
                correct += label == labels[id] ? 1 : 0;
                rows++;
            }
        }
        return new int[] {rows, positive, correct};
    }
}
