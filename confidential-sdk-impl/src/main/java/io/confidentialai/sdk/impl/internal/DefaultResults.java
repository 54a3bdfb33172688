package io.confidentialai.sdk.impl.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.DecryptionException;
import io.confidentialai.sdk.Digest;
import io.confidentialai.sdk.InsecureKeyAccess;
import io.confidentialai.sdk.IntegrityReport;
import io.confidentialai.sdk.IntegrityVerificationException;
import io.confidentialai.sdk.KeyGrant;
import io.confidentialai.sdk.OrderResult;
import io.confidentialai.sdk.OrderSpec;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.RecipientKeyPair;
import io.confidentialai.sdk.Results;
import io.confidentialai.sdk.ResultOutput;
import io.confidentialai.sdk.TransportException;
import io.confidentialai.sdk.VerdictIssuer;
import io.confidentialai.sdk.VerifiedReport;
import io.confidentialai.sdk.attestation.AttestationPolicy;
import io.confidentialai.sdk.attestation.Challenge;
import io.confidentialai.sdk.attestation.TeePublicKeys;
import io.confidentialai.sdk.attestation.VerifiedAttestation;
import io.confidentialai.sdk.impl.internal.crypto.Ed25519;
import io.confidentialai.sdk.impl.internal.crypto.Hpke;
import io.confidentialai.sdk.impl.internal.crypto.X25519KeyPair;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Report verification and result decryption. This class is internal and is not meant to be used by applications. */
final class DefaultResults implements Results {
    private static final Logger log = LoggerFactory.getLogger(DefaultResults.class);
    private final DefaultAttestations attestations;
    private final VerdictIssuer issuer;

    DefaultResults(DefaultAttestations attestations, VerdictIssuer issuer) {
        this.attestations = attestations;
        this.issuer = issuer;
    }

    VerdictIssuer issuer() {
        return issuer;
    }

    @Override
    public VerifiedReport verifyReport(OrderResult result, AttestationPolicy policy)
            throws IntegrityVerificationException, AttestationVerificationException {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(policy, "policy");
        OrderSpec order = result.order();
        Digest orderDigest = order.digest();
        IntegrityReport report = result.report();
        try {
            if (!policy.digest().equals(order.policyDigest())) {
                throw fail(ReasonCode.POLICY_DIGEST_MISMATCH, orderDigest, "policy: the order names " + order.policyDigest()
                        + ", the given policy is " + policy.digest());
            }
            if (!report.orderDigest().equals(orderDigest)) {
                throw fail(ReasonCode.ORDER_DIGEST_MISMATCH, orderDigest, "order: the report names " + report.orderDigest());
            }
            if (!report.policyDigest().equals(order.policyDigest())) {
                throw fail(ReasonCode.POLICY_DIGEST_MISMATCH, orderDigest, "policy: the report names " + report.policyDigest()
                        + ", the order names " + order.policyDigest());
            }
            if (!report.evidenceDigest().equals(result.evidence().digest())) {
                throw fail(ReasonCode.REPORT_SIGNER_NOT_ATTESTED, orderDigest, "evidence: the report names "
                        + report.evidenceDigest() + ", the result carries " + result.evidence().digest());
            }
            VerifiedAttestation attested = attestations.verify(result.evidence(), policy,
                    Challenge.order(orderDigest, order.createdAt()), false);
            TeePublicKeys keys = attested.boundKeys().orElseThrow(() -> fail(ReasonCode.REPORT_SIGNER_NOT_ATTESTED,
                    orderDigest, "evidence binds no signing key"));
            if (!Ed25519.verify(keys.signingPublicKey(), report.signedBytes(), report.signature())) {
                throw fail(ReasonCode.REPORT_SIGNATURE_INVALID, orderDigest,
                        "signature: the report is not signed by the key bound in the evidence");
            }
            if (!report.modelDigest().equals(order.model())) {
                throw fail(ReasonCode.MODEL_DIGEST_MISMATCH, orderDigest, "model: expected " + order.model() + ", report says "
                        + report.modelDigest());
            }
            if (!report.inputDigests().equals(order.inputs())) {
                throw fail(ReasonCode.INPUT_DIGEST_MISMATCH, orderDigest, "inputs: expected " + order.inputs()
                        + ", report says " + report.inputDigests());
            }
            Set<String> names = new HashSet<>();
            for (ResultOutput out : result.outputs()) {
                names.add(out.name());
                Digest stated = report.outputs().get(out.name());
                if (stated == null || !stated.equals(out.digest())) {
                    throw fail(ReasonCode.OUTPUT_DIGEST_MISMATCH, orderDigest, "output " + out.name() + ": report says "
                            + stated + ", result says " + out.digest());
                }
                Digest actual = FileDigests.of(out.file());
                if (!actual.equals(stated)) {
                    throw fail(ReasonCode.OUTPUT_DIGEST_MISMATCH, orderDigest, "output " + out.name() + ": expected "
                            + stated + ", file is " + actual);
                }
            }
            if (!names.equals(report.outputs().keySet())) {
                throw fail(ReasonCode.OUTPUT_DIGEST_MISMATCH, orderDigest, "outputs: report names " + report.outputs().keySet()
                        + ", result has " + names);
            }
            log.info("integrity report verified: order={} model={} inputs={} outputs={} evidence={}", orderDigest,
                    report.modelDigest(), report.inputDigests().size(), names.size(), report.evidenceDigest());
            return VerifiedReport.issue(issuer, report, attested);
        } catch (IntegrityVerificationException e) {
            log.warn("integrity report rejected: code={} order={}", e.reason(), orderDigest);
            throw e;
        }
    }

    @Override
    public Digest decrypt(OrderResult result, VerifiedReport report, String outputName, RecipientKeyPair recipient,
            Path target) throws DecryptionException {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(outputName, "outputName");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(target, "target");
        if (!report.report().equals(result.report())) {
            throw new IllegalArgumentException("the verified report belongs to another result");
        }
        if (!result.order().recipients().contains(recipient.publicKey())) {
            throw new IllegalArgumentException("the order does not name this recipient");
        }
        ResultOutput output = result.outputs().stream().filter(o -> o.name().equals(outputName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no output named " + outputName));
        Digest fingerprint = recipient.publicKey().fingerprint();
        KeyGrant grant = output.grants().stream().filter(g -> g.recipient().equals(fingerprint)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("output " + outputName + " has no key for this recipient"));
        Digest orderDigest = report.orderDigest();
        if (grant.purpose() != KeyGrant.Purpose.RESULT_KEY || !grant.orderDigest().equals(orderDigest)
                || !grant.assetDigest().equals(output.digest())) {
            throw new DecryptionException(DecryptionException.DECRYPTION_FAILED, "result key grant does not match the output", null);
        }
        byte[] sk = recipient.exportPrivateKey(InsecureKeyAccess.get());
        X25519KeyPair kp = X25519KeyPair.of(sk, recipient.publicKey().toByteArray());
        byte[] key = Hpke.open(kp, grant.encapsulatedKey(), grant.info(), grant.header(), grant.ciphertext());
        Path tmp = AssetSealer.temporaryBeside(target);
        boolean ok = false;
        try {
            Digest plaintext;
            try (Sealing.DigestingInput raw = Sealing.digesting(Files.newInputStream(output.file()));
                    InputStream in = Sealing.open(raw, key);
                    OutputStream out = Files.newOutputStream(tmp)) {
                in.transferTo(out);
                if (!raw.digest().equals(output.digest())) {
                    throw new DecryptionException(DecryptionException.DECRYPTION_FAILED,
                            "output file changed after verification", null);
                }
                plaintext = Sealing.plaintextDigest(in);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            ok = true;
            log.info("result output {} of order {} decrypted", outputName, orderDigest);
            return plaintext;
        } catch (IOException e) {
            DecryptionException d = Sealing.decryptionFailure(e);
            if (d != null) {
                throw d;
            }
            throw new TransportException("decrypting output " + outputName + " failed", e, false);
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(sk, (byte) 0);
            kp.destroy();
            if (!ok) {
                AssetSealer.deleteQuietly(tmp);
            }
        }
    }

    private static IntegrityVerificationException fail(ReasonCode code, Digest order, String message) {
        return new IntegrityVerificationException(code, order, message);
    }
}
