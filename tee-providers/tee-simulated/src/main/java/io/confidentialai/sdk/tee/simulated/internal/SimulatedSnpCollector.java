package io.confidentialai.sdk.tee.simulated.internal;

import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.Measurement;
import io.confidentialai.sdk.attestation.MeasurementSlot;
import io.confidentialai.sdk.attestation.ReportData;
import io.confidentialai.sdk.attestation.SimulationOptions;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.EvidenceCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * Writes simulated AMD SEV-SNP attestation reports in the exact 1184-byte layout of real ones (ABI report version 5),
 * signed with the simulated VCEK of {@link SimulationSnpPki}:
 *
 * <pre>
 * 0x000 VERSION 5            0x004 GUEST_SVN 0          0x008 POLICY 0x30000 (SMT, reserved bit 17) | DEBUG bit 19
 * 0x010 FAMILY_ID, IMAGE_ID zero                         0x030 VMPL 0     0x034 SIGNATURE_ALGO 1 (ECDSA P-384/SHA-384)
 * 0x038 CURRENT_TCB          0x040 PLATFORM_INFO 1 (SMT enabled)           0x048 KEY_INFO 0 (signed by the VCEK)
 * 0x050 REPORT_DATA          0x090 MEASUREMENT (option, else zero)         0x0C0 HOST_DATA (option, else zero)
 * 0x0E0 ID_KEY_DIGEST, AUTHOR_KEY_DIGEST zero            0x140 REPORT_ID (random per collector)
 * 0x160 REPORT_ID_MA all ones (no migration agent)       0x180 REPORTED_TCB
 * 0x188 CPUID family/model/stepping 0 (no real CPU)      0x1A0 CHIP_ID = the simulated VCEK's hwID
 * 0x1E0 COMMITTED_TCB        0x1E8 CURRENT and COMMITTED version 1.55.21     0x1F0 LAUNCH_TCB
 * 0x2A0 signature r, s: 72-byte little-endian each, over bytes 0x000-0x29F; the rest zero
 * </pre>
 *
 * Every TCB field is the simulated VCEK's TCB in the Milan/Genoa layout (boot loader, TEE, SNP, microcode). The
 * evidence is {@code Evidence} of type {@link TeeType#AMD_SEV_SNP} with the chain attached as {@code vcek.der},
 * {@code ask.der} and {@code ark.der}; the SEV-SNP provider verifies it with {@code hardware=false} when
 * {@code simulation-snp-ark.pem} is configured as a simulation root. Instances are immutable and thread-safe.
 */
final class SimulatedSnpCollector implements EvidenceCollector {
    static final int REPORT_LENGTH = 0x4A0;
    static final int VERSION = 5;
    static final long POLICY = 0x30000L;
    static final long POLICY_DEBUG = 1L << 19;
    static final int MEASUREMENT_LENGTH = 48;
    static final int HOST_DATA_LENGTH = 32;
    private static final int SIGNED_LENGTH = 0x2A0;
    private static final int COMPONENT_LENGTH = 72;
    private static final int P384_LENGTH = 48;

    private final SimulationSnpPki pki;
    private final boolean debug;
    private final byte[] measurement;
    private final byte[] hostData;
    private final byte[] reportId;
    private final byte[] ark;
    private final byte[] ask;
    private final byte[] vcek;

    private SimulatedSnpCollector(SimulationSnpPki pki, SimulationOptions options) {
        this.pki = pki;
        this.debug = options.isDebug();
        Map<MeasurementSlot, Measurement> m = options.measurements();
        this.measurement = value(m, MeasurementSlot.SNP_MEASUREMENT, MEASUREMENT_LENGTH);
        this.hostData = value(m, MeasurementSlot.SNP_HOST_DATA, HOST_DATA_LENGTH);
        this.reportId = new byte[32];
        new SecureRandom().nextBytes(reportId);
        try {
            this.ark = pki.ark().getEncoded();
            this.ask = pki.ask().getEncoded();
            this.vcek = pki.vcek().getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode the simulated SEV-SNP chain", e);
        }
    }

    /**
     * Checks the options, then loads or creates the simulated chain in the options' root directory.
     *
     * @throws IllegalArgumentException for a measurement slot other than SEV-SNP measurement and host data, or a
     *     value of the wrong length
     * @throws io.confidentialai.sdk.ConfidentialException when the simulated chain cannot be created or read
     */
    static SimulatedSnpCollector create(SimulationOptions options) {
        Objects.requireNonNull(options, "options");
        checkOptions(options);
        return new SimulatedSnpCollector(SimulationSnpPki.loadOrCreate(options.rootDirectory()), options);
    }

    static void checkOptions(SimulationOptions options) {
        for (MeasurementSlot slot : options.measurements().keySet()) {
            if (!slot.equals(MeasurementSlot.SNP_MEASUREMENT) && !slot.equals(MeasurementSlot.SNP_HOST_DATA)) {
                throw new IllegalArgumentException("simulated SEV-SNP reports have no measurement slot " + slot
                        + "; supported: " + MeasurementSlot.SNP_MEASUREMENT + ", " + MeasurementSlot.SNP_HOST_DATA);
            }
        }
        value(options.measurements(), MeasurementSlot.SNP_MEASUREMENT, MEASUREMENT_LENGTH);
        value(options.measurements(), MeasurementSlot.SNP_HOST_DATA, HOST_DATA_LENGTH);
    }

    @Override
    public Evidence collect(ReportData reportData) {
        Objects.requireNonNull(reportData, "reportData");
        long tcb = (SimulationSnpPki.TCB_BOOTLOADER & 0xffL) | (SimulationSnpPki.TCB_TEE & 0xffL) << 8
                | (SimulationSnpPki.TCB_SNP & 0xffL) << 48 | (SimulationSnpPki.TCB_MICROCODE & 0xffL) << 56;
        ByteBuffer r = ByteBuffer.allocate(REPORT_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        r.putInt(0x000, VERSION);
        r.putInt(0x004, 0);
        r.putLong(0x008, POLICY | (debug ? POLICY_DEBUG : 0));
        r.putInt(0x030, 0);
        r.putInt(0x034, 1);
        r.putLong(0x038, tcb);
        r.putLong(0x040, 1L);
        r.putInt(0x048, 0);
        r.put(0x050, reportData.toByteArray());
        r.put(0x090, measurement);
        r.put(0x0C0, hostData);
        r.put(0x140, reportId);
        byte[] noMigrationAgent = new byte[32];
        Arrays.fill(noMigrationAgent, (byte) 0xff);
        r.put(0x160, noMigrationAgent);
        r.putLong(0x180, tcb);
        r.put(0x1A0, pki.chipId());
        r.putLong(0x1E0, tcb);
        byte[] version = {21, 55, 1, 0, 21, 55, 1, 0};
        r.put(0x1E8, version);
        r.putLong(0x1F0, tcb);
        byte[] report = r.array();

        byte[] signature = sign(report);
        for (int i = 0; i < P384_LENGTH; i++) {
            report[SIGNED_LENGTH + i] = signature[P384_LENGTH - 1 - i];
            report[SIGNED_LENGTH + COMPONENT_LENGTH + i] = signature[2 * P384_LENGTH - 1 - i];
        }
        return Evidence.builder().teeType(TeeType.AMD_SEV_SNP).data(report)
                .attachment("vcek.der", vcek).attachment("ask.der", ask).attachment("ark.der", ark).build();
    }

    /** ECDSA P-384/SHA-384 over bytes [0, 0x2A0), as r‖s big-endian (48 bytes each). */
    private byte[] sign(byte[] report) {
        try {
            Signature s = Signature.getInstance("SHA384withECDSAinP1363Format");
            s.initSign(pki.vcekKey());
            s.update(report, 0, SIGNED_LENGTH);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the simulated VCEK", e);
        }
    }

    private static byte[] value(Map<MeasurementSlot, Measurement> m, MeasurementSlot slot, int length) {
        Measurement v = m.get(slot);
        if (v == null) {
            return new byte[length];
        }
        byte[] b = v.toByteArray();
        if (b.length != length) {
            throw new IllegalArgumentException("SEV-SNP " + slot + " must be " + length + " bytes, got " + b.length);
        }
        return b;
    }
}
