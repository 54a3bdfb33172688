package io.confidentialai.sdk.tee.sevsnp.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.ReasonCode;
import io.confidentialai.sdk.TransportException;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.TeeClaims;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.EvidenceVerifier;
import io.confidentialai.sdk.spi.ProviderContext;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies SEV-SNP attestation reports and normalizes them into {@link TeeClaims}.
 *
 * <p>Order of checks: the report's structure (EVIDENCE_MALFORMED, UNSUPPORTED_EVIDENCE_FORMAT); the endorsement
 * chain VCEK/VLEK → ASK/ASVK → ARK (CERT_CHAIN_INVALID; COLLATERAL_UNAVAILABLE without a VCEK/VLEK), its validity at
 * the context clock's instant, and CRLs when given (COLLATERAL_EXPIRED, CERT_REVOKED); the binding of the
 * endorsement to the report: key kind, product, TCB and chip id (CERT_CHAIN_INVALID); then the report signature
 * (SIGNATURE_INVALID).
 *
 * <p>A validated chain is cached under the SHA-256 of the documents it was built from (at most
 * {@value #CACHE_CAPACITY} chains and as many CRLs), so a repeated VCEK costs a hash and a map lookup; the
 * time-dependent checks and the report checks run every time. The simulation roots are read from the context when
 * the verifier is created.
 *
 * <p>Instances are thread-safe.
 */
final class SnpReportVerifier implements EvidenceVerifier {
    private static final Logger log = LoggerFactory.getLogger(SnpReportVerifier.class);
    static final int CACHE_CAPACITY = 64;
    static final String TCB_NOT_EVALUATED = "TCB not evaluated: AMD publishes no TCB status for SEV-SNP";

    private final ProviderContext context;
    private final List<ChainBuilder.SimulationRoot> simulationRoots;
    private final BoundedCache<Endorsement> chains = new BoundedCache<>(CACHE_CAPACITY);
    private final BoundedCache<Optional<CheckedCrl>> crls = new BoundedCache<>(CACHE_CAPACITY);

    SnpReportVerifier(ProviderContext context) {
        this.context = Objects.requireNonNull(context, "context");
        List<ChainBuilder.SimulationRoot> roots = new ArrayList<>();
        for (X509Certificate c : context.simulationRoots()) {
            try {
                roots.add(new ChainBuilder.SimulationRoot(c, c.getEncoded()));
            } catch (CertificateEncodingException e) {
                log.warn("ignoring a simulation root that cannot be encoded: {}", c.getSubjectX500Principal());
            }
        }
        this.simulationRoots = List.copyOf(roots);
    }

    @Override
    public TeeClaims verify(Evidence evidence) throws AttestationVerificationException {
        Objects.requireNonNull(evidence, "evidence");
        try {
            return verifyReport(evidence);
        } catch (AttestationVerificationException e) {
            log.debug("SEV-SNP report rejected: code={}", e.reason());
            throw e;
        }
    }

    /** The number of cached chains (for tests). */
    int cachedChains() {
        return chains.size();
    }

    private TeeClaims verifyReport(Evidence evidence) throws AttestationVerificationException {
        if (!TeeType.AMD_SEV_SNP.equals(evidence.teeType())) {
            throw Failures.unsupported("evidence is labelled " + evidence.teeType() + ", expected "
                    + TeeType.AMD_SEV_SNP);
        }
        InputLimits limits = context.limits();
        if (evidence.dataLength() > limits.maxEvidenceBytes()) {
            throw Failures.malformed("evidence of " + evidence.dataLength() + " bytes exceeds the limit of "
                    + limits.maxEvidenceBytes());
        }
        byte[] bytes = evidence.data();
        try {
            bytes = HexText.decodeIfHexText(bytes).orElse(bytes);
        } catch (IllegalArgumentException e) {
            throw Failures.malformed("hex text: " + e.getMessage());
        }
        SnpReport report = SnpReport.parse(bytes);
        Instant now = context.clock().instant();

        List<EndorsementDocuments.Document> documents = documents(evidence, report.signingKey, limits);
        String chainKey = key(report.signingKey, documents);
        Endorsement endorsement = chains.get(chainKey).orElse(null);
        if (endorsement == null) {
            endorsement = ChainBuilder.build(EndorsementDocuments.parse(documents, limits), report.signingKey,
                    simulationRoots);
            chains.put(chainKey, endorsement);
        }
        endorsement.checkAt(now);
        Optional<CheckedCrl> collateralCrl = collateralCrl(endorsement, chainKey, limits);
        if (collateralCrl.isPresent()) {
            collateralCrl.get().check(endorsement, now);
        }

        Binding.check(report, endorsement);

        MessageDigest sha384 = digest("SHA-384");
        report.updateSignedRegion(sha384);
        if (!Signatures.verifyP384(endorsement.key, sha384.digest(), report.r, report.s)) {
            throw Failures.signature("the ECDSA P-384 signature over bytes 0x000-0x29F does not verify with the "
                    + endorsement.kind.id().toUpperCase(Locale.ROOT) + " key");
        }
        List<CheckedCrl> applied = new ArrayList<>(endorsement.crls);
        collateralCrl.ifPresent(applied::add);
        TeeClaims claims = SnpClaims.of(report, endorsement, tcbDetail(report, endorsement, applied),
                !applied.isEmpty());
        log.debug("SEV-SNP report verified: version={} product={} key={} hardware={} debug={} measurement={}",
                report.version, endorsement.product, endorsement.kind.id(), endorsement.hardware, report.isDebug(),
                HexText.encode(report.measurement));
        return claims;
    }

    /**
     * The endorsement documents: every attachment of the evidence; without attachments, the collateral document
     * {@code vcek.der} or {@code vlek.der}.
     */
    private List<EndorsementDocuments.Document> documents(Evidence evidence, SnpReport.SigningKey kind,
            InputLimits limits) throws AttestationVerificationException {
        List<EndorsementDocuments.Document> out = new ArrayList<>();
        for (String name : evidence.attachmentNames()) {
            byte[] content = evidence.attachment(name).orElseThrow();
            if (content.length > limits.maxCertificateChainBytes()) {
                throw Failures.malformed("attachment " + name + " has " + content.length + " bytes, over the "
                        + "certificate chain limit of " + limits.maxCertificateChainBytes());
            }
            out.add(new EndorsementDocuments.Document("attachment " + name, content));
        }
        if (out.isEmpty()) {
            String name = kind.id() + ".der";
            find(name, limits.maxCertificateChainBytes())
                    .ifPresent(b -> out.add(new EndorsementDocuments.Document("collateral " + name, b)));
        }
        return out;
    }

    /** The CRL in the collateral source for this chain's product and key kind, e.g. {@code vcek-milan.crl}. */
    private Optional<CheckedCrl> collateralCrl(Endorsement e, String chainKey, InputLimits limits)
            throws AttestationVerificationException {
        String name = e.kind.id() + "-" + e.product.id() + ".crl";
        Optional<byte[]> bytes = find(name, limits.maxCollateralBytes());
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        String key = chainKey + ":" + HexText.encode(digest("SHA-256").digest(bytes.get()));
        Optional<Optional<CheckedCrl>> cached = crls.get(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        EndorsementDocuments docs = EndorsementDocuments.parse(
                List.of(new EndorsementDocuments.Document("collateral " + name, bytes.get())),
                limits.maxCollateralBytes(), 0);
        if (docs.crls.size() != 1 || !docs.certificates.isEmpty()) {
            throw Failures.chain("collateral " + name + " is not exactly one CRL");
        }
        X509CRL crl = docs.crls.get(0);
        Optional<CheckedCrl> checked = ChainBuilder.checkCrl(e.chain, crl, "collateral " + name);
        crls.put(key, checked);
        return checked;
    }

    private Optional<byte[]> find(String name, int maxBytes) throws AttestationVerificationException {
        try {
            return context.collateral().find(TeeType.AMD_SEV_SNP, name, maxBytes);
        } catch (TransportException e) {
            throw new AttestationVerificationException(ReasonCode.COLLATERAL_UNAVAILABLE,
                    TeeType.AMD_SEV_SNP, "SEV-SNP collateral unavailable: cannot read " + name, e);
        }
    }

    private static String tcbDetail(SnpReport report, Endorsement e, List<CheckedCrl> applied) {
        StringBuilder sb = new StringBuilder(TCB_NOT_EVALUATED);
        sb.append("; REPORTED_TCB ").append(TcbVersion.of(report.reportedTcb, e.product).describe())
                .append(" is endorsed by the ").append(e.kind.id().toUpperCase(Locale.ROOT));
        if (applied.isEmpty()) {
            sb.append("; revocation not checked (no AMD KDS CRL)");
        } else {
            for (CheckedCrl c : applied) {
                sb.append("; not revoked per the CRL of ")
                        .append(ChainBuilder.commonName(c.crl().getIssuerX500Principal()))
                        .append(" issued ").append(c.thisUpdate());
            }
        }
        return sb.toString();
    }

    /** SHA-256 over the key kind and each document's length and content. */
    private static String key(SnpReport.SigningKey kind, List<EndorsementDocuments.Document> documents) {
        MessageDigest md = digest("SHA-256");
        md.update((byte) kind.ordinal());
        for (EndorsementDocuments.Document d : documents) {
            byte[] c = d.content();
            md.update(new byte[] {(byte) (c.length >>> 24), (byte) (c.length >>> 16), (byte) (c.length >>> 8),
                (byte) c.length});
            md.update(c);
        }
        return HexText.encode(md.digest());
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no " + algorithm, e);
        }
    }

    /** The checks that tie an endorsement to one report. */
    static final class Binding {
        private Binding() {}

        static void check(SnpReport report, Endorsement e) throws AttestationVerificationException {
            if (report.signingKey != e.kind) {
                throw Failures.binding("the report names signing key " + report.signingKey.id().toUpperCase(Locale.ROOT)
                        + " but the endorsement is a " + e.kind.id().toUpperCase(Locale.ROOT));
            }
            if (e.hardware && report.hasCpuid()) {
                Optional<Product> fromCpuid = Product.fromCpuid(report.cpuidFamily, report.cpuidModel);
                if (fromCpuid.isEmpty() || fromCpuid.get() != e.product) {
                    throw Failures.binding(String.format(Locale.ROOT,
                            "the report's CPUID family %02xh model %02xh is %s, but the endorsement chains to ARK-%s",
                            report.cpuidFamily, report.cpuidModel,
                            fromCpuid.map(Product::displayName).orElse("no known product"), e.product));
                }
            }
            VekExtensions x = e.extensions;
            if (e.product.hasTurinTcbLayout() && x.fmc < 0) {
                throw Failures.binding("the Turin VCEK/VLEK lacks the fmcSPL extension");
            }
            TcbVersion endorsed = TcbVersion.compose(e.product, Math.max(x.fmc, 0), x.bootloader, x.tee, x.snp,
                    x.microcode);
            TcbVersion reported = TcbVersion.of(report.reportedTcb, e.product);
            if (endorsed.raw() != reported.raw()) {
                throw Failures.binding("the " + e.kind.id().toUpperCase(Locale.ROOT) + " is for TCB "
                        + endorsed.describe() + " (" + endorsed.hex() + ") but the report's REPORTED_TCB is "
                        + reported.describe() + " (" + reported.hex() + ")");
            }
            if (e.kind == SnpReport.SigningKey.VCEK) {
                byte[] hwId = x.hwId;
                if (hwId == null) {
                    throw Failures.binding("the VCEK has no hwID extension");
                }
                byte[] chip = report.chipId;
                boolean equal;
                if (hwId.length == VekExtensions.CHIP_ID_LENGTH) {
                    equal = MessageDigest.isEqual(hwId, chip);
                } else {
                    int tail = 0;
                    for (int i = hwId.length; i < chip.length; i++) {
                        tail |= chip[i];
                    }
                    equal = MessageDigest.isEqual(hwId, Arrays.copyOf(chip, hwId.length)) && tail == 0;
                }
                if (!equal) {
                    throw Failures.binding("the VCEK hwID " + HexText.encode(hwId)
                            + " does not match the report's CHIP_ID " + HexText.encode(chip)
                            + (hwId.length < chip.length ? " (first " + hwId.length + " bytes, rest zero)" : ""));
                }
            }
        }
    }
}
