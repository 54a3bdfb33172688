package io.confidentialai.sdk.tee.nvidia.internal;

import io.confidentialai.sdk.AttestationVerificationException;
import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.NvidiaGpuEvidence;
import io.confidentialai.sdk.attestation.TeeClaims;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.EvidenceVerifier;
import io.confidentialai.sdk.spi.ProviderContext;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies NVIDIA GPU Confidential Computing evidence (H100-class SPDM 1.1 GET_MEASUREMENTS exchanges) and normalizes
 * it into {@link TeeClaims}.
 *
 * <p>Order of checks, each failure typed:
 * <ol>
 *   <li>TEE type and size (UNSUPPORTED_EVIDENCE_FORMAT, EVIDENCE_MALFORMED); hex text is decoded first;</li>
 *   <li>the SPDM structure and the opaque data ({@link SpdmEvidence}, EVIDENCE_MALFORMED);</li>
 *   <li>the device certificate chain from the one attachment holding PEM certificates ({@link DeviceChain};
 *       CERT_CHAIN_INVALID, also when no such attachment exists; two are EVIDENCE_MALFORMED) and its validity at the
 *       context clock's instant (CERT_CHAIN_INVALID);</li>
 *   <li>the ECDSA P-384 signature over the request and response with the device key (SIGNATURE_INVALID);</li>
 *   <li>the FWID of the device certificate against the FWID the GPU signed (CERT_CHAIN_INVALID: the certificate
 *       does not endorse this firmware);</li>
 *   <li>the reference integrity manifests ({@link ReferenceManifests}), whose outcome becomes the {@code rimStatus}
 *       claim for the core's appraisal; a missing RIM is not a failure here.</li>
 * </ol>
 *
 * <p>A validated device chain is cached under the SHA-256 of its attachment (at most {@value #CACHE_CAPACITY}
 * chains), so a repeated device costs a hash and a map lookup; verified certificate signatures are remembered too
 * (at most {@value #LINK_CACHE_CAPACITY}), so the intermediates every device of a product shares are verified once; validity at the verification instant and everything
 * about the evidence itself are checked every time. The simulation roots are read from the context when the verifier
 * is created.
 *
 * <p>Instances are thread-safe. This class is internal and is not meant to be used by applications; it may change at
 * any time.
 */
final class GpuEvidenceVerifier implements EvidenceVerifier {
    private static final Logger log = LoggerFactory.getLogger(GpuEvidenceVerifier.class);
    static final int CACHE_CAPACITY = 64;
    static final int LINK_CACHE_CAPACITY = 256;
    private static final String PEM_MARKER = DeviceChain.BEGIN;

    private final ProviderContext context;
    private final List<DeviceChain.SimulationRoot> simulationRoots;
    private final List<X509Certificate> simulationCertificates;
    private final BoundedCache<DeviceChain.Validated> chains = new BoundedCache<>(CACHE_CAPACITY);
    private final DeviceChain.VerifiedLinks links = new DeviceChain.VerifiedLinks(LINK_CACHE_CAPACITY);

    GpuEvidenceVerifier(ProviderContext context) {
        this.context = Objects.requireNonNull(context, "context");
        List<DeviceChain.SimulationRoot> roots = new ArrayList<>();
        List<X509Certificate> certificates = new ArrayList<>();
        for (X509Certificate c : context.simulationRoots()) {
            try {
                roots.add(new DeviceChain.SimulationRoot(c, c.getEncoded()));
                certificates.add(c);
            } catch (CertificateEncodingException e) {
                log.warn("ignoring a simulation root that cannot be encoded: {}", c.getSubjectX500Principal());
            }
        }
        this.simulationRoots = List.copyOf(roots);
        this.simulationCertificates = List.copyOf(certificates);
    }

    @Override
    public TeeClaims verify(Evidence evidence) throws AttestationVerificationException {
        Objects.requireNonNull(evidence, "evidence");
        try {
            return verifyEvidence(evidence);
        } catch (AttestationVerificationException e) {
            log.debug("NVIDIA GPU evidence rejected: code={}", e.reason());
            throw e;
        }
    }

    /** The number of cached device chains (for tests). */
    int cachedChains() {
        return chains.size();
    }

    /** The number of remembered certificate signatures (for tests). */
    int cachedLinks() {
        return links.size();
    }

    private TeeClaims verifyEvidence(Evidence evidence) throws AttestationVerificationException {
        if (!TeeType.NVIDIA_GPU_CC.equals(evidence.teeType())) {
            throw Failures.unsupported("evidence is labelled " + evidence.teeType() + ", expected "
                    + TeeType.NVIDIA_GPU_CC);
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
        SpdmEvidence spdm = SpdmEvidence.parse(bytes);
        Instant now = context.clock().instant();

        byte[] pem = chainAttachment(evidence, limits);
        String chainKey = Digests.sha256Hex(pem);
        DeviceChain.Validated chain = chains.get(chainKey).orElse(null);
        if (chain == null) {
            chain = DeviceChain.validate(pem, simulationRoots, limits.maxCertificateChainLength(), links);
            chains.put(chainKey, chain);
        }
        chain.checkAt(now);

        if (!Ecdsa.verify(chain.deviceKey, spdm.signedDigest(), spdm.r(), spdm.s())) {
            throw Failures.signature("the ECDSA P-384 signature at offset " + spdm.signatureOffset + " over bytes 0-"
                    + (spdm.signatureOffset - 1) + " does not verify with the key of the device certificate \""
                    + chain.deviceName + "\"");
        }
        if (!chain.fwidEquals(spdm.opaque.fwid)) {
            throw Failures.binding("FWID in the device certificate (" + HexText.encode(chain.fwid())
                    + ") ≠ FWID in the evidence (" + HexText.encode(spdm.opaque.fwid) + ")");
        }

        ReferenceManifests.Result rims = ReferenceManifests.appraise(evidence, spdm, chain, context.collateral(),
                now, simulationCertificates, limits.maxCollateralBytes());
        TeeClaims claims = GpuClaims.of(spdm, chain, rims);
        log.debug("NVIDIA GPU evidence verified: arch={} hardware={} driver={} vbios={} fwid={} blocks={} "
                + "trailing={} rimStatus={}", chain.arch, chain.hardware, spdm.opaque.driverVersion,
                spdm.opaque.vbiosVersion, HexText.encode(spdm.opaque.fwid), spdm.blockCount, spdm.trailing,
                rims.status());
        return claims;
    }

    /**
     * The one attachment that holds PEM certificates (recognized by content, whatever its name; SWID RIMs are never
     * taken for it).
     */
    private static byte[] chainAttachment(Evidence evidence, InputLimits limits)
            throws AttestationVerificationException {
        byte[] found = null;
        String foundName = null;
        for (String name : evidence.attachmentNames()) {
            byte[] content = evidence.attachment(name).orElseThrow();
            if (ReferenceManifests.isSwid(content) || !contains(content, PEM_MARKER)) {
                continue;
            }
            if (found != null) {
                throw Failures.malformed("attachments " + foundName + " and " + name + " both hold PEM "
                        + "certificates; attach the device certificate chain once");
            }
            if (content.length > limits.maxCertificateChainBytes()) {
                throw Failures.malformed("attachment " + name + " has " + content.length + " bytes, over the "
                        + "certificate chain limit of " + limits.maxCertificateChainBytes());
            }
            found = content;
            foundName = name;
        }
        if (found == null) {
            throw Failures.chain("no attachment holds the GPU's device certificate chain (PEM, device certificate "
                    + "first); attach it, e.g. as " + NvidiaGpuEvidence.CERT_CHAIN_ATTACHMENT);
        }
        return found;
    }

    private static boolean contains(byte[] content, String marker) {
        byte[] m = marker.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + m.length <= content.length; i++) {
            for (int j = 0; j < m.length; j++) {
                if (content[i + j] != m[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
