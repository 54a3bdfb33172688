package io.confidentialai.sdk.tee.nvidia.internal;

import io.confidentialai.sdk.ConfidentialException;
import io.confidentialai.sdk.InputLimits;
import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.NvidiaGpuEvidence;
import io.confidentialai.sdk.attestation.ReportData;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.CollectorContext;
import io.confidentialai.sdk.spi.EvidenceCollector;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects NVIDIA GPU confidential computing evidence inside a confidential VM through NVML: for each GPU, the SPDM
 * attestation report signed over a 32-byte nonce, with the GPU's attestation certificate chain attached as PEM
 * ({@value NvidiaGpuEvidence#CERT_CHAIN_ATTACHMENT}, leaf first).
 *
 * <p>The nonce is the first 32 bytes of the report data given; the core derives it from the CPU evidence's report
 * data, so each GPU report is bound to the same attestation as the CPU's. {@link #collectAll} returns one evidence
 * per GPU in NVML device order; {@link #collect} serves a VM with exactly one GPU and refuses otherwise.
 *
 * <p>Each collection initializes NVML and always shuts it down again, and fails closed: confidential computing off,
 * no GPU, an NVML error, a size outside NVML's arrays or the {@link InputLimits}, or a report over another nonce is
 * a {@link ConfidentialException}. No report or certificate bytes are logged or put into a message: only sizes,
 * counts, NVML's state values and NVML's own error descriptions.
 *
 * <p>Instances are thread-safe; collections run one at a time.
 *
 * <p>This class is internal and is not meant to be used by applications; it may change at any time.
 */
final class NvmlGpuCollector implements EvidenceCollector {
    private static final Logger log = LoggerFactory.getLogger(NvmlGpuCollector.class);
    /** The SPDM GET_MEASUREMENTS request code, the second byte of the request that opens an NVIDIA report. */
    private static final int SPDM_GET_MEASUREMENTS = 0xE0;
    /** Where the nonce sits in that request: version, code, param1, param2, then the 32-byte nonce. */
    private static final int SPDM_NONCE_OFFSET = 4;

    private final NvmlApi nvml;
    private final CollectorContext context;
    private final ReentrantLock lock = new ReentrantLock();

    /**
     * Creates the collector; nothing is loaded or called until the first collection.
     *
     * @param nvml the NVML operations
     * @param context the collector context (its limits bound what NVML returns)
     */
    NvmlGpuCollector(NvmlApi nvml, CollectorContext context) {
        this.nvml = Objects.requireNonNull(nvml, "nvml");
        this.context = Objects.requireNonNull(context, "context");
    }

    /**
     * Collects the evidence of the only GPU.
     *
     * @throws ConfidentialException if there is not exactly one GPU (use {@link #collectAll}), or collection fails
     */
    @Override
    public Evidence collect(ReportData reportData) {
        Objects.requireNonNull(reportData, "reportData");
        return collect(reportData, true).get(0);
    }

    @Override
    public List<Evidence> collectAll(ReportData reportData) {
        Objects.requireNonNull(reportData, "reportData");
        return collect(reportData, false);
    }

    private List<Evidence> collect(ReportData reportData, boolean single) {
        byte[] nonce = Arrays.copyOf(reportData.toByteArray(), NvmlApi.NONCE_SIZE);
        InputLimits limits = context.limits();
        lock.lock();
        try {
            nvml.init();
            @Nullable Throwable failure = null;
            try {
                return collectInitialized(nonce, limits, single);
            } catch (Throwable t) {
                failure = t;
                throw t;
            } finally {
                shutdown(failure);
            }
        } finally {
            lock.unlock();
        }
    }

    private List<Evidence> collectInitialized(byte[] nonce, InputLimits limits, boolean single) {
        int count = nvml.deviceCount();
        if (count == 0) {
            throw new ConfidentialException("NVML sees no NVIDIA GPU in this VM: attach a GPU in confidential "
                    + "computing mode to the confidential VM");
        }
        if (count > Evidence.MAX_ACCELERATORS) {
            throw new ConfidentialException("NVML sees " + count + " GPUs; composite evidence carries at most "
                    + Evidence.MAX_ACCELERATORS);
        }
        if (single && count != 1) {
            throw new ConfidentialException("collect() serves exactly one GPU, but NVML sees " + count
                    + "; use collectAll() to get one evidence per GPU");
        }
        NvmlApi.CcState state = nvml.ccState();
        if (!state.isEnabled()) {
            throw new ConfidentialException("GPU confidential computing is off (" + state + "): the GPUs must be "
                    + "switched to CC mode on the host and passed to a confidential VM");
        }
        if (state.devToolsMode() != 0) {
            log.warn("GPU confidential computing runs in devtools (debug) mode ({}): do not trust these GPUs with "
                    + "production data", state);
        } else {
            log.debug("GPU confidential computing state: {}", state);
        }
        List<Evidence> evidence = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            evidence.add(collectDevice(i, nonce, limits));
        }
        return List.copyOf(evidence);
    }

    private Evidence collectDevice(int index, byte[] nonce, InputLimits limits) {
        byte[] report = nvml.attestationReport(index, nonce.clone());
        bound(report.length, Math.min(NvmlApi.MAX_REPORT_SIZE, limits.maxEvidenceBytes()), "attestation report", index);
        requireNonce(report, nonce, index);

        byte[] chain = nvml.certificateChain(index);
        int maxChainBytes = limits.maxCertificateChainBytes();
        bound(chain.length, Math.min(NvmlApi.MAX_CERT_CHAIN_SIZE, maxChainBytes), "certificate chain", index);
        String pem;
        try {
            pem = NvmlCertChains.toPem(chain, limits.maxCertificateChainLength());
        } catch (ConfidentialException e) {
            throw new ConfidentialException("GPU " + index + ": " + e.getMessage(), e);
        }
        byte[] pemBytes = pem.getBytes(StandardCharsets.US_ASCII);
        bound(pemBytes.length, maxChainBytes, "PEM certificate chain", index);

        log.debug("collected the evidence of GPU {}: {}-byte attestation report, {}-byte PEM certificate chain",
                index, report.length, pemBytes.length);
        return Evidence.builder()
                .teeType(TeeType.NVIDIA_GPU_CC)
                .data(report)
                .attachment(NvidiaGpuEvidence.CERT_CHAIN_ATTACHMENT, pemBytes)
                .build();
    }

    private static void bound(int size, int max, String what, int index) {
        if (size < 1 || size > max) {
            throw new ConfidentialException("NVML returned a " + size + "-byte " + what + " for GPU " + index
                    + "; 1 to " + max + " bytes are accepted");
        }
    }

    /**
     * When the report opens with an SPDM GET_MEASUREMENTS request (as NVIDIA's do), its nonce must be the one
     * requested: a mismatch means the report is not bound to this attestation. The verifier checks this again.
     */
    private static void requireNonce(byte[] report, byte[] nonce, int index) {
        int end = SPDM_NONCE_OFFSET + NvmlApi.NONCE_SIZE;
        if (report.length >= end && (report[1] & 0xff) == SPDM_GET_MEASUREMENTS
                && !MessageDigest.isEqual(Arrays.copyOfRange(report, SPDM_NONCE_OFFSET, end), nonce)) {
            throw new ConfidentialException("the attestation report of GPU " + index + " is over another nonce than "
                    + "the one requested");
        }
    }

    private void shutdown(@Nullable Throwable failure) {
        try {
            nvml.shutdown();
        } catch (RuntimeException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            } else {
                // the evidence is complete and valid; a failed release does not change it
                log.warn("NVML did not shut down cleanly after collecting GPU evidence: {}", e.getMessage());
            }
        }
    }
}
