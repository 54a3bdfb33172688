package io.confidentialai.sdk.tee.tdx.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.TransportException;
import io.confidentialai.sdk.attestation.CollateralSource;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.ProviderContext;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Finds, authenticates and checks the collateral of one TDX quote, and runs the TCB evaluation.
 *
 * <p><b>Where collateral comes from.</b> First the evidence's attachments, recognized by content whatever their
 * names (see {@link CollateralDocs}); then, for what is still missing, the context's {@link CollateralSource} under
 * these names (in {@code <dir>/intel-tdx/} for a directory source):
 *
 * <table>
 *   <caption>collateral names</caption>
 *   <tr><td>{@code tcb-info-<fmspc>.json}, {@code tcb-info.json}</td><td>PCS TCB info response</td></tr>
 *   <tr><td>{@code qe-identity.json}</td><td>PCS QE identity response (TD_QE)</td></tr>
 *   <tr><td>{@code pck-crl-platform.der} / {@code pck-crl-processor.der}, {@code pck-crl.der}</td>
 *       <td>PCK CRL of the CA that issued the PCK certificate</td></tr>
 *   <tr><td>{@code root-ca-crl.der}</td><td>Intel SGX Root CA CRL</td></tr>
 *   <tr><td>{@code collateral-<fmspc>.json}, {@code collateral.json}</td><td>the combined JSON form</td></tr>
 *   <tr><td>{@code tcb-signing-chain.pem}</td><td>optional issuer chain of TCB info and QE identity</td></tr>
 * </table>
 *
 * <p>({@code <fmspc>} is the PCK certificate's FMSPC in lower-case hex.) When neither attachments nor the source hold
 * any TDX collateral, the TCB is not evaluated ({@link #evaluate} returns empty). Otherwise all four documents are
 * required, and the checks run in this order: issuer chain and signature of every TCB info and QE identity found
 * (CERT_CHAIN_INVALID, SIGNATURE_INVALID, then EVIDENCE_MALFORMED for unparsable signed JSON); selection of the TCB
 * info for the PCK's FMSPC (case-insensitive), the TD_QE identity and the CRLs issued by the PCK's CA and by the root;
 * CRL signatures; validity windows at the verification instant (COLLATERAL_EXPIRED); completeness
 * (COLLATERAL_UNAVAILABLE, naming what is missing); TCB info id/PCEID (COLLATERAL_UNAVAILABLE); revocation of the PCK
 * certificate, its CA and the TCB signing certificate (CERT_REVOKED); then {@link TcbEvaluator}.
 *
 * <p>Parsed documents and verified signatures are cached by content hash (bounded, thread-safe).
 */
final class TdxCollateral {
    static final String COMBINED = "collateral.json";
    static final String TCB_INFO = "tcb-info.json";
    static final String QE_IDENTITY = "qe-identity.json";
    static final String PCK_CRL = "pck-crl.der";
    static final String ROOT_CA_CRL = "root-ca-crl.der";
    static final String SIGNING_CHAIN = "tcb-signing-chain.pem";

    private final ProviderContext context;
    private final PckChainValidator chains;
    private final BoundedCache<ContentKey, CollateralDocs.Parsed> parsed = new BoundedCache<>(64);
    private final BoundedCache<ContentKey, Boolean> signatures = new BoundedCache<>(256);

    TdxCollateral(ProviderContext context, PckChainValidator chains) {
        this.context = context;
        this.chains = chains;
    }

    /** The collateral and event log gathered for one quote. */
    static final class Pool {
        final List<CollateralDocs.Signed> signed = new ArrayList<>();
        final List<CollateralDocs.Crl> crls = new ArrayList<>();
        final List<CollateralDocs.Chain> chains = new ArrayList<>();
        byte @Nullable [] eventLog;
        final List<String> searched = new ArrayList<>();

        boolean hasCollateral() {
            return !signed.isEmpty() || !crls.isEmpty();
        }

        void add(CollateralDocs.Parsed p) {
            signed.addAll(p.signed());
            crls.addAll(p.crls());
            chains.addAll(p.chains());
        }
    }

    /** What the quote verification established, as input to the collateral checks. */
    record QuoteFacts(TdxQuote quote, List<X509Certificate> pckChain, boolean hardware, PckExtensions.PckTcb pck) {
        X509Certificate leaf() {
            return pckChain.get(0);
        }

        X509Certificate root() {
            return pckChain.get(pckChain.size() - 1);
        }

        String fmspcHex() {
            return pck.fmspc == null ? "" : HexText.encode(pck.fmspc);
        }
    }

    /**
     * Collects the attachments (collateral and a CCEL event log) and looks up what is missing in the source.
     *
     * @throws AttestationVerificationException {@code EVIDENCE_MALFORMED} for an oversized or unparsable document,
     *     {@code COLLATERAL_UNAVAILABLE} when the source fails to read
     */
    Pool gather(Evidence evidence, QuoteFacts facts) throws AttestationVerificationException {
        Pool pool = new Pool();
        int max = context.limits().maxCollateralBytes();
        int maxCerts = context.limits().maxCertificateChainLength();
        for (String name : evidence.attachmentNames()) {
            byte[] bytes = evidence.attachment(name).orElseThrow();
            if (bytes.length > max) {
                throw Failures.collateralMalformed("attachment " + name + " of " + bytes.length
                        + " bytes exceeds the limit of " + max);
            }
            if (CcelLog.looksLikeEventLog(bytes)) {
                if (pool.eventLog != null) {
                    throw Failures.eventLogMalformed("two CCEL event logs are attached");
                }
                pool.eventLog = bytes;
                continue;
            }
            pool.add(parse(bytes, "attachment " + name, maxCerts));
        }
        CollateralSource source = context.collateral();
        String fmspc = facts.fmspcHex();
        if (select(pool, facts).tcbInfo == null) {
            lookup(source, pool, "tcb-info-" + fmspc + ".json", fmspc.isEmpty(), max, maxCerts);
            if (select(pool, facts).tcbInfo == null) {
                lookup(source, pool, TCB_INFO, false, max, maxCerts);
            }
        }
        if (select(pool, facts).qeIdentity == null) {
            lookup(source, pool, QE_IDENTITY, false, max, maxCerts);
        }
        if (select(pool, facts).pckCrl == null) {
            String ca = caType(facts.pckChain.get(1));
            lookup(source, pool, "pck-crl-" + ca + ".der", ca.isEmpty(), max, maxCerts);
            if (select(pool, facts).pckCrl == null) {
                lookup(source, pool, PCK_CRL, false, max, maxCerts);
            }
        }
        if (select(pool, facts).rootCrl == null) {
            lookup(source, pool, ROOT_CA_CRL, false, max, maxCerts);
        }
        if (!select(pool, facts).isComplete()) {
            lookup(source, pool, "collateral-" + fmspc + ".json", fmspc.isEmpty(), max, maxCerts);
            if (!select(pool, facts).isComplete()) {
                lookup(source, pool, COMBINED, false, max, maxCerts);
            }
        }
        boolean needChain = false;
        for (CollateralDocs.Signed s : pool.signed) {
            needChain |= s.issuerChain.isEmpty();
        }
        if (needChain && signingChain(pool) == null) {
            lookup(source, pool, SIGNING_CHAIN, false, max, maxCerts);
        }
        return pool;
    }

    private void lookup(CollateralSource source, Pool pool, String name, boolean skip, int max, int maxCerts)
            throws AttestationVerificationException {
        if (skip) {
            return;
        }
        pool.searched.add(name);
        Optional<byte[]> found;
        try {
            found = source.find(TeeType.INTEL_TDX, name, max);
        } catch (TransportException e) {
            throw Failures.collateralUnavailable("cannot read collateral " + name + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw Failures.collateralUnavailable("the collateral source rejected the name " + name + ": "
                    + e.getMessage(), e);
        }
        if (found.isEmpty()) {
            return;
        }
        byte[] bytes = found.get();
        if (bytes.length > max) {
            throw Failures.collateralMalformed("collateral " + name + " of " + bytes.length
                    + " bytes exceeds the limit of " + max);
        }
        CollateralDocs.Parsed p = parse(bytes, "collateral " + name, maxCerts);
        if (p.isEmpty()) {
            throw Failures.collateralMalformed("collateral " + name + " is not TDX collateral (expected a PCS "
                    + "response, a CRL, a PEM chain or the combined JSON form)");
        }
        pool.add(p);
    }

    private CollateralDocs.Parsed parse(byte[] bytes, String source, int maxCerts)
            throws AttestationVerificationException {
        ContentKey key = ContentKey.of(bytes, source.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return parsed.computeIfAbsent(key, () -> CollateralDocs.parse(bytes, source, maxCerts));
    }

    /** The documents that apply to this quote. */
    private static final class Selection {
        CollateralDocs.@Nullable Signed tcbInfo;
        CollateralDocs.@Nullable Signed qeIdentity;
        CollateralDocs.@Nullable Crl pckCrl;
        CollateralDocs.@Nullable Crl rootCrl;

        boolean isComplete() {
            return tcbInfo != null && qeIdentity != null && pckCrl != null && rootCrl != null;
        }
    }

    private static Selection select(Pool pool, QuoteFacts facts) {
        Selection s = new Selection();
        byte[] fmspc = facts.pck.fmspc;
        for (CollateralDocs.Signed d : pool.signed) {
            if (d.tcbInfo != null && fmspc != null && Arrays.equals(d.tcbInfo.fmspc, fmspc)) {
                if (s.tcbInfo == null || newer(d.tcbInfo.tcbEvaluationDataNumber, d.tcbInfo.issueDate,
                        s.tcbInfo.tcbInfo.tcbEvaluationDataNumber, s.tcbInfo.tcbInfo.issueDate)) {
                    s.tcbInfo = d;
                }
            }
            if (d.qeIdentity != null && d.qeIdentity.id.equals("TD_QE")) {
                if (s.qeIdentity == null || newer(d.qeIdentity.tcbEvaluationDataNumber, d.qeIdentity.issueDate,
                        s.qeIdentity.qeIdentity.tcbEvaluationDataNumber, s.qeIdentity.qeIdentity.issueDate)) {
                    s.qeIdentity = d;
                }
            }
        }
        for (CollateralDocs.Crl c : pool.crls) {
            if (c.crl.getIssuerX500Principal().equals(facts.leaf().getIssuerX500Principal())) {
                if (s.pckCrl == null || c.crl.getThisUpdate().after(s.pckCrl.crl.getThisUpdate())) {
                    s.pckCrl = c;
                }
            } else if (c.crl.getIssuerX500Principal().equals(facts.root().getSubjectX500Principal())) {
                if (s.rootCrl == null || c.crl.getThisUpdate().after(s.rootCrl.crl.getThisUpdate())) {
                    s.rootCrl = c;
                }
            }
        }
        return s;
    }

    private static boolean newer(long eval, Instant issued, long otherEval, Instant otherIssued) {
        return eval > otherEval || (eval == otherEval && issued.isAfter(otherIssued));
    }

    /**
     * Checks the pool's collateral against the quote and evaluates the TCB.
     *
     * @return the TCB result, or empty when no TDX collateral was found at all
     * @throws AttestationVerificationException as described in the class comment
     */
    Optional<TcbEvaluator.Result> evaluate(Pool pool, QuoteFacts facts, Instant now)
            throws AttestationVerificationException {
        if (!pool.hasCollateral()) {
            return Optional.empty();
        }
        List<X509Certificate> roots = facts.hardware ? List.of() : context.simulationRoots();
        List<X509Certificate> signersUsed = new ArrayList<>();
        for (CollateralDocs.Signed d : pool.signed) {
            X509Certificate signer = verifySigned(d, pool, facts, roots, now);
            signersUsed.add(signer);
            if (d.parseError != null) {
                throw Failures.collateralMalformed(d.source + ": " + d.parseError);
            }
        }
        Selection s = select(pool, facts);
        if (s.pckCrl != null) {
            verifyCrl(s.pckCrl, facts.pckChain.get(1), "PCK CRL");
        }
        if (s.rootCrl != null) {
            verifyCrl(s.rootCrl, facts.root(), "root CA CRL");
        }
        if (s.tcbInfo != null) {
            TcbInfo t = s.tcbInfo.tcbInfo;
            window(s.tcbInfo.source, "TCB info", t.issueDate, t.nextUpdate, now);
        }
        if (s.qeIdentity != null) {
            QeIdentity q = s.qeIdentity.qeIdentity;
            window(s.qeIdentity.source, "QE identity", q.issueDate, q.nextUpdate, now);
        }
        for (CollateralDocs.Crl c : new CollateralDocs.Crl[] {s.pckCrl, s.rootCrl}) {
            if (c != null) {
                if (c.crl.getNextUpdate() == null) {
                    throw Failures.collateralMalformed(c.source + ": the CRL has no nextUpdate");
                }
                window(c.source, "CRL", c.crl.getThisUpdate().toInstant(), c.crl.getNextUpdate().toInstant(), now);
            }
        }
        if (!s.isComplete()) {
            throw Failures.collateralUnavailable(missing(s, pool, facts));
        }
        TcbInfo tcbInfo = s.tcbInfo.tcbInfo;
        if (!tcbInfo.id.equals("TDX")) {
            throw Failures.collateralUnavailable(s.tcbInfo.source + " is " + tcbInfo.id
                    + " TCB info; a TDX quote needs TDX TCB info");
        }
        if (facts.pck.pceId == null || !Arrays.equals(tcbInfo.pceId, facts.pck.pceId)) {
            throw Failures.collateralUnavailable(s.tcbInfo.source + " is for PCEID " + HexText.encode(tcbInfo.pceId)
                    + ", the PCK certificate has " + (facts.pck.pceId == null ? "none" : HexText.encode(facts.pck.pceId)));
        }
        revocation(s.pckCrl.crl, facts.leaf(), "the PCK certificate", s.pckCrl.source);
        for (int i = 1; i < facts.pckChain.size() - 1; i++) {
            revocation(s.rootCrl.crl, facts.pckChain.get(i), "the PCK CA certificate", s.rootCrl.source);
        }
        for (X509Certificate signer : signersUsed) {
            revocation(s.rootCrl.crl, signer, "the TCB signing certificate", s.rootCrl.source);
        }
        return Optional.of(TcbEvaluator.evaluate(tcbInfo, s.qeIdentity.qeIdentity, facts.quote, facts.pck,
                TcbEvaluator.QeReport.of(facts.quote.qeReport)));
    }

    /** Validates the signer's chain and the document's signature; returns the signing certificate. */
    private X509Certificate verifySigned(CollateralDocs.Signed d, Pool pool, QuoteFacts facts,
            List<X509Certificate> roots, Instant now) throws AttestationVerificationException {
        List<X509Certificate> chain;
        if (!d.issuerChain.isEmpty()) {
            chain = d.issuerChain;
        } else {
            CollateralDocs.Chain supplied = signingChain(pool);
            if (supplied != null) {
                chain = supplied.certificates();
            } else {
                Optional<X509Certificate> embedded = IntelTcbSigning.validAt(now);
                if (embedded.isEmpty()) {
                    throw Failures.collateralChain(d.source + " comes without its issuer chain and no embedded Intel "
                            + "SGX TCB Signing certificate is valid at " + now + "; supply the chain ("
                            + SIGNING_CHAIN + ")");
                }
                chain = List.of(embedded.get());
            }
        }
        if (chain.size() == 1) {
            chain = List.of(chain.get(0), facts.hardware ? IntelRootCa.certificate() : facts.root());
        }
        boolean chainHardware = chains.validate(chain, now, roots, PckChainValidator.Purpose.COLLATERAL);
        X509Certificate signer = chain.get(0);
        if (facts.hardware && (!chainHardware
                || !signer.getSubjectX500Principal().equals(IntelTcbSigning.SUBJECT))) {
            throw Failures.collateralChain(d.source + " is signed by \"" + signer.getSubjectX500Principal().getName()
                    + "\", not the Intel SGX TCB Signing certificate");
        }
        ContentKey key = ContentKey.pair(d.bodyKey, ContentKey.of(encoded(signer)));
        if (signatures.get(key) == null) {
            if (!P256.verify(signer.getPublicKey(), d.body, d.signature)) {
                throw Failures.collateralSignature("the " + d.kind.label + " signature in " + d.source
                        + " does not verify with the key of \"" + signer.getSubjectX500Principal().getName()
                        + "\" over the exact bytes of the signed JSON");
            }
            signatures.put(key, Boolean.TRUE);
        }
        return signer;
    }

    private void verifyCrl(CollateralDocs.Crl c, X509Certificate issuer, String what)
            throws AttestationVerificationException {
        ContentKey key = ContentKey.pair(c.key, ContentKey.of(encoded(issuer)));
        if (signatures.get(key) != null) {
            return;
        }
        if (!P256.verifyCrl(null, c.crl, issuer.getPublicKey())) {
            throw Failures.collateralSignature("the " + what + " in " + c.source + " does not verify with the key of \""
                    + issuer.getSubjectX500Principal().getName() + "\"");
        }
        signatures.put(key, Boolean.TRUE);
    }

    private static void window(String source, String what, Instant from, Instant to, Instant now)
            throws AttestationVerificationException {
        if (now.isBefore(from) || now.isAfter(to)) {
            throw Failures.collateralExpired("the " + what + " in " + source + " is valid from " + from + " to " + to
                    + ", not at the verification instant " + now);
        }
    }

    private static void revocation(X509CRL crl, X509Certificate cert, String what, String source)
            throws AttestationVerificationException {
        if (crl.getIssuerX500Principal().equals(cert.getIssuerX500Principal())
                && crl.getRevokedCertificate(cert.getSerialNumber()) != null) {
            throw Failures.revoked(what + " (\"" + cert.getSubjectX500Principal().getName() + "\", serial "
                    + cert.getSerialNumber().toString(16) + ") is listed in the CRL " + source);
        }
    }

    private static String missing(Selection s, Pool pool, QuoteFacts facts) {
        List<String> missing = new ArrayList<>();
        if (s.tcbInfo == null) {
            List<String> other = new ArrayList<>();
            for (CollateralDocs.Signed d : pool.signed) {
                if (d.tcbInfo != null) {
                    other.add(HexText.encode(d.tcbInfo.fmspc) + " (" + d.source + ")");
                }
            }
            missing.add("TCB info for FMSPC " + facts.fmspcHex() + (other.isEmpty() ? "" : " (found only " + other + ")"));
        }
        if (s.qeIdentity == null) {
            missing.add("TD_QE identity");
        }
        if (s.pckCrl == null) {
            missing.add("PCK CRL issued by \"" + facts.leaf().getIssuerX500Principal().getName() + "\"");
        }
        if (s.rootCrl == null) {
            missing.add("root CA CRL issued by \"" + facts.root().getSubjectX500Principal().getName() + "\"");
        }
        return "incomplete collateral: missing " + String.join(", ", missing) + "; looked in the evidence attachments"
                + (pool.searched.isEmpty() ? "" : " and the collateral source under " + pool.searched);
    }

    private static CollateralDocs.@Nullable Chain signingChain(Pool pool) {
        for (CollateralDocs.Chain c : pool.chains) {
            if (!c.certificates().isEmpty() && c.certificates().get(0).getSubjectX500Principal().getName()
                    .contains("TCB Signing")) {
                return c;
            }
        }
        return null;
    }

    private static String caType(X509Certificate ca) {
        String name = ca.getSubjectX500Principal().getName().toLowerCase(Locale.ROOT);
        if (name.contains("pck platform ca")) {
            return "platform";
        }
        if (name.contains("pck processor ca")) {
            return "processor";
        }
        return "";
    }

    private static byte[] encoded(X509Certificate c) throws AttestationVerificationException {
        try {
            return c.getEncoded();
        } catch (CertificateEncodingException e) {
            throw Failures.collateralChain("a certificate cannot be encoded", e);
        }
    }
}
