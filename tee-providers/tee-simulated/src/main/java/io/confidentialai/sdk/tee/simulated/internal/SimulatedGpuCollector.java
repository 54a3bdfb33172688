package io.confidentialai.sdk.tee.simulated.internal;

import io.confidentialai.sdk.attestation.Evidence;
import io.confidentialai.sdk.attestation.NvidiaGpuEvidence;
import io.confidentialai.sdk.attestation.ReportData;
import io.confidentialai.sdk.attestation.SimulationOptions;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.EvidenceCollector;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Writes simulated NVIDIA H100 GPU evidence: an SPDM 1.1 GET_MEASUREMENTS request and its signed MEASUREMENTS
 * response, in the exact layout of the evidence that NVIDIA's driver returns (NVIDIA's sample is 4117 bytes; so is
 * this evidence up to the opaque data length):
 *
 * <pre>
 * request   11 E0 01 FF ‖ nonce (32) ‖ slot 00                 SPDM 1.1, signature requested, all blocks
 * response  11 60 00 00 ‖ NumberOfBlocks 64 ‖ MeasurementRecordLength (3, LE) ‖ 64 blocks of
 *           index ‖ 01 (DMTF) ‖ 33 00 ‖ type 01 ‖ 30 00 ‖ SHA-384 value (see {@link SimulatedGpuFirmware#block})
 *           ‖ responder nonce (32, random) ‖ OpaqueLength (2, LE) ‖ OpaqueData ‖ signature (96)
 * opaque    TLVs (type u16 LE, length u16 LE), in the order of NVIDIA's sample: 6 VBIOS_VERSION (8 B), 14 BOARD_ID,
 *           15 CHIP_SKU "882", 16 CHIP_SKU_MOD "0", 17 PROJECT "1010", 18 PROJECT_SKU "0200", 19 PROJECT_SKU_MOD,
 *           3 DRIVER_VERSION (NUL-terminated), 4 GPU_INFO, 12 MSRSCNT (64 × u32 LE), 13 CPRINFO, 11 NVDEC0_STATUS,
 *           20 FWID (48 B, = the device certificate's), 21 PROTECTED_PCIE_STATUS, then 34 OPAQUE_DATA_VERSION "1" and
 *           36 FEATURE_FLAG (0 SPT for one GPU, 1 MPT for several) as newer drivers add
 * signature ECDSA P-384, raw r‖s, over SHA-384 of every byte from the request start up to the signature, by the
 *           simulated GPU's device key ({@link SimulationGpuPki})
 * </pre>
 *
 * The nonce is the first 32 bytes of the report data (the core passes {@code gpu_nonce ‖ 0^32}). Each evidence is
 * {@code Evidence} of type {@link TeeType#NVIDIA_GPU_CC} with the PEM chain "device certificate, simulation root"
 * attached as {@value NvidiaGpuEvidence#CERT_CHAIN_ATTACHMENT}; the NVIDIA GPU provider verifies it with
 * {@code hardware=false} when the simulation root is configured, and finds the simulated RIMs that
 * {@link SimulatedGpuRims} writes when the collector is created. Instances are immutable and thread-safe.
 */
final class SimulatedGpuCollector implements EvidenceCollector {
    static final int NONCE_LENGTH = 32;
    static final int SIGNATURE_LENGTH = 96;
    static final byte SPDM_VERSION_11 = 0x11;
    static final byte GET_MEASUREMENTS = (byte) 0xE0;
    static final byte MEASUREMENTS = 0x60;
    static final int BLOCK_LENGTH = 4 + 3 + SimulatedGpuFirmware.DIGEST_LENGTH;

    static final int OPAQUE_DRIVER_VERSION = 3;
    static final int OPAQUE_GPU_INFO = 4;
    static final int OPAQUE_VBIOS_VERSION = 6;
    static final int OPAQUE_NVDEC0_STATUS = 11;
    static final int OPAQUE_MSRSCNT = 12;
    static final int OPAQUE_CPRINFO = 13;
    static final int OPAQUE_BOARD_ID = 14;
    static final int OPAQUE_CHIP_SKU = 15;
    static final int OPAQUE_CHIP_SKU_MOD = 16;
    static final int OPAQUE_PROJECT = 17;
    static final int OPAQUE_PROJECT_SKU = 18;
    static final int OPAQUE_PROJECT_SKU_MOD = 19;
    static final int OPAQUE_FWID = 20;
    static final int OPAQUE_PROTECTED_PCIE_STATUS = 21;
    static final int OPAQUE_DATA_VERSION = 34;
    static final int OPAQUE_FEATURE_FLAG = 36;

    private static final byte[] RECORD = record();

    private final List<Device> devices;
    private final SecureRandom random = new SecureRandom();

    /** One simulated GPU as the collector uses it: signing key, opaque data and attached chain. */
    private static final class Device {
        final PrivateKey key;
        final byte[] opaque;
        final byte[] chainPem;

        Device(PrivateKey key, byte[] opaque, byte[] chainPem) {
            this.key = key;
            this.opaque = opaque;
            this.chainPem = chainPem;
        }
    }

    private SimulatedGpuCollector(SimulationGpuPki pki) {
        List<Device> list = new ArrayList<>();
        boolean multiGpu = pki.devices().size() > 1;
        String rootPem = SimulationFiles.pem(pki.root());
        for (SimulationGpuPki.Device d : pki.devices()) {
            byte[] chain = (SimulationFiles.pem(d.certificate()) + rootPem).getBytes(StandardCharsets.US_ASCII);
            list.add(new Device(d.key(), opaqueData(d.fwid(), multiGpu), chain));
        }
        this.devices = List.copyOf(list);
    }

    /**
     * Checks the options, loads or creates the simulated GPU PKI for {@code max(1, options.gpus())} devices, and writes
     * the simulated driver and VBIOS RIMs into {@code <rootDirectory>/nvidia-gpu-cc/}.
     *
     * @throws IllegalArgumentException if the options carry measurements (the simulated GPU firmware is fixed, so that
     *     the simulated RIMs match it)
     * @throws io.confidentialai.sdk.ConfidentialException when the PKI cannot be created or read, or the RIMs cannot be
     *     written
     */
    static SimulatedGpuCollector create(SimulationOptions options) {
        Objects.requireNonNull(options, "options");
        if (!options.measurements().isEmpty()) {
            throw new IllegalArgumentException("simulated NVIDIA GPUs report fixed firmware measurements (those of "
                    + "the simulated RIMs); remove the measurements " + options.measurements().keySet());
        }
        SimulationGpuPki pki = SimulationGpuPki.loadOrCreate(options.rootDirectory(), Math.max(1, options.gpus()));
        SimulatedGpuRims.write(options.rootDirectory(), pki);
        return new SimulatedGpuCollector(pki);
    }

    /** Returns the evidence of simulated GPU 0. */
    @Override
    public Evidence collect(ReportData reportData) {
        Objects.requireNonNull(reportData, "reportData");
        return evidence(devices.get(0), reportData);
    }

    /** Returns the evidence of every simulated GPU, in index order, all with the same nonce. */
    @Override
    public List<Evidence> collectAll(ReportData reportData) {
        Objects.requireNonNull(reportData, "reportData");
        List<Evidence> out = new ArrayList<>(devices.size());
        for (Device d : devices) {
            out.add(evidence(d, reportData));
        }
        return List.copyOf(out);
    }

    private Evidence evidence(Device device, ReportData reportData) {
        byte[] nonce = Arrays.copyOf(reportData.toByteArray(), NONCE_LENGTH);
        byte[] responderNonce = new byte[NONCE_LENGTH];
        random.nextBytes(responderNonce);
        ByteArrayOutputStream out = new ByteArrayOutputStream(512 + RECORD.length + device.opaque.length);
        out.write(SPDM_VERSION_11);
        out.write(GET_MEASUREMENTS);
        out.write(0x01); // param1: signature requested
        out.write(0xFF); // param2: all measurement blocks
        out.writeBytes(nonce);
        out.write(0x00); // slot 0
        out.write(SPDM_VERSION_11);
        out.write(MEASUREMENTS);
        out.write(0x00);
        out.write(0x00);
        out.write(SimulatedGpuFirmware.BLOCKS);
        out.write(RECORD.length & 0xFF);
        out.write((RECORD.length >> 8) & 0xFF);
        out.write((RECORD.length >> 16) & 0xFF);
        out.writeBytes(RECORD);
        out.writeBytes(responderNonce);
        out.write(device.opaque.length & 0xFF);
        out.write((device.opaque.length >> 8) & 0xFF);
        out.writeBytes(device.opaque);
        out.writeBytes(sign(device.key, out.toByteArray()));
        return Evidence.builder().teeType(TeeType.NVIDIA_GPU_CC).data(out.toByteArray())
                .attachment(NvidiaGpuEvidence.CERT_CHAIN_ATTACHMENT, device.chainPem).build();
    }

    private static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature s = Signature.getInstance("SHA384withECDSAinP1363Format");
            s.initSign(key);
            s.update(message);
            byte[] signature = s.sign();
            if (signature.length != SIGNATURE_LENGTH) {
                throw new IllegalStateException("a P-384 r‖s signature is 96 bytes, got " + signature.length);
            }
            return signature;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with a simulated P-384 GPU key", e);
        }
    }

    /** The 64 DMTF measurement blocks, each index ‖ 01 ‖ size 51 ‖ type 01 (mutable firmware, digest) ‖ 48 ‖ value. */
    private static byte[] record() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(SimulatedGpuFirmware.BLOCKS * BLOCK_LENGTH);
        int measurementSize = 3 + SimulatedGpuFirmware.DIGEST_LENGTH;
        for (int block = 1; block <= SimulatedGpuFirmware.BLOCKS; block++) {
            out.write(block);
            out.write(0x01);
            out.write(measurementSize);
            out.write(0x00);
            out.write(0x01);
            out.write(SimulatedGpuFirmware.DIGEST_LENGTH);
            out.write(0x00);
            out.writeBytes(SimulatedGpuFirmware.block(block));
        }
        return out.toByteArray();
    }

    private static byte[] opaqueData(byte[] fwid, boolean multiGpu) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        tlv(out, OPAQUE_VBIOS_VERSION, SimulatedGpuFirmware.VBIOS_VERSION_FIELD);
        tlv(out, OPAQUE_BOARD_ID, new byte[] {(byte) 0x99, 0x03, 0x00, 0x00});
        tlv(out, OPAQUE_CHIP_SKU, padded(SimulatedGpuFirmware.CHIP_SKU, 9));
        tlv(out, OPAQUE_CHIP_SKU_MOD, padded("0", 5));
        tlv(out, OPAQUE_PROJECT, padded(SimulatedGpuFirmware.PROJECT, 5));
        tlv(out, OPAQUE_PROJECT_SKU, padded(SimulatedGpuFirmware.PROJECT_SKU, 5));
        tlv(out, OPAQUE_PROJECT_SKU_MOD, new byte[2]);
        tlv(out, OPAQUE_DRIVER_VERSION, padded(SimulatedGpuFirmware.DRIVER_VERSION,
                SimulatedGpuFirmware.DRIVER_VERSION.length() + 1));
        tlv(out, OPAQUE_GPU_INFO, new byte[] {(byte) 0x80, 0x01, 0, 0, 0, 0, 0, 0});
        byte[] counts = new byte[4 * SimulatedGpuFirmware.BLOCKS];
        for (int block = 1; block <= SimulatedGpuFirmware.BLOCKS; block++) {
            counts[4 * (block - 1)] = (byte) (SimulatedGpuFirmware.ZERO_BLOCKS.contains(block) ? 0 : 1);
        }
        tlv(out, OPAQUE_MSRSCNT, counts);
        tlv(out, OPAQUE_CPRINFO, new byte[] {0x00, (byte) 0xC0, 0x01, 0x00});
        tlv(out, OPAQUE_NVDEC0_STATUS, new byte[] {0x55});
        tlv(out, OPAQUE_FWID, fwid);
        tlv(out, OPAQUE_PROTECTED_PCIE_STATUS, new byte[] {0x55});
        tlv(out, OPAQUE_DATA_VERSION, "1".getBytes(StandardCharsets.US_ASCII));
        tlv(out, OPAQUE_FEATURE_FLAG, new byte[] {(byte) (multiGpu ? 1 : 0)});
        return out.toByteArray();
    }

    private static void tlv(ByteArrayOutputStream out, int type, byte[] value) {
        out.write(type & 0xFF);
        out.write((type >> 8) & 0xFF);
        out.write(value.length & 0xFF);
        out.write((value.length >> 8) & 0xFF);
        out.writeBytes(value);
    }

    /** {@code text} in ASCII, NUL-padded to {@code length} bytes. */
    private static byte[] padded(String text, int length) {
        return Arrays.copyOf(text.getBytes(StandardCharsets.US_ASCII), length);
    }
}
