package io.confidentialai.sdk.tee.tdx.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Intel TCB Info (version 3; {@code id} "TDX" or "SGX"), parsed from the exact signed bytes of the {@code "tcbInfo"}
 * value. Immutable after construction; arrays are never handed out of the package.
 */
final class TcbInfo {
    static final int MAX_LEVELS = 256;
    static final int MAX_MODULE_IDENTITIES = 64;

    final String id;
    final int version;
    final Instant issueDate;
    final Instant nextUpdate;
    final byte[] fmspc;
    final byte[] pceId;
    final long tcbEvaluationDataNumber;
    /** {@code tdxModule}; null for SGX TCB info. */
    final @Nullable Module tdxModule;
    /** {@code tdxModuleIdentities}; empty when absent. */
    final List<Module> tdxModuleIdentities;
    final List<Level> levels;

    /** The TDX module description: {@code tdxModule} (no id, no levels) or one {@code tdxModuleIdentities} entry. */
    static final class Module {
        final String id;
        final byte[] mrSigner;
        final byte[] attributes;
        final byte[] attributesMask;
        final List<ModuleLevel> levels;

        Module(String id, byte[] mrSigner, byte[] attributes, byte[] attributesMask, List<ModuleLevel> levels) {
            this.id = id;
            this.mrSigner = mrSigner;
            this.attributes = attributes;
            this.attributesMask = attributesMask;
            this.levels = levels;
        }
    }

    /** A TDX module identity TCB level (also used for QE identity levels: same shape). */
    record ModuleLevel(int isvSvn, Instant tcbDate, String status, List<String> advisoryIds) {}

    /** A platform TCB level. */
    static final class Level {
        final int[] sgxComponents;
        final int pceSvn;
        /** TDX TCB components; null for SGX TCB info. */
        final int @Nullable [] tdxComponents;
        final Instant tcbDate;
        final String status;
        final List<String> advisoryIds;

        Level(int[] sgxComponents, int pceSvn, int @Nullable [] tdxComponents, Instant tcbDate, String status,
                List<String> advisoryIds) {
            this.sgxComponents = sgxComponents;
            this.pceSvn = pceSvn;
            this.tdxComponents = tdxComponents;
            this.tcbDate = tcbDate;
            this.status = status;
            this.advisoryIds = advisoryIds;
        }
    }

    private TcbInfo(Map<String, Object> o) {
        this.version = (int) IntelJson.integer(o, "version", 0, Integer.MAX_VALUE);
        if (version != 3) {
            throw new IllegalArgumentException("TCB info version " + version + " is not supported (expected 3)");
        }
        this.id = IntelJson.string(o, "id");
        if (!id.equals("TDX") && !id.equals("SGX")) {
            throw new IllegalArgumentException("TCB info id \"" + id + "\" is neither TDX nor SGX");
        }
        this.issueDate = IntelJson.date(o, "issueDate");
        this.nextUpdate = IntelJson.date(o, "nextUpdate");
        this.fmspc = IntelJson.hex(o, "fmspc", PckExtensions.FMSPC_LENGTH);
        this.pceId = IntelJson.hex(o, "pceId", PckExtensions.PCEID_LENGTH);
        long tcbType = IntelJson.integer(o, "tcbType", 0, Integer.MAX_VALUE);
        if (tcbType != 0) {
            throw new IllegalArgumentException("TCB type " + tcbType + " is not supported (expected 0)");
        }
        this.tcbEvaluationDataNumber = IntelJson.integer(o, "tcbEvaluationDataNumber", 0, 0xffffffffL);
        boolean tdx = id.equals("TDX");
        if (tdx) {
            Map<String, Object> m = IntelJson.object(o, "tdxModule");
            this.tdxModule = new Module("", IntelJson.hex(m, "mrsigner", 48), IntelJson.hex(m, "attributes", 8),
                    IntelJson.hex(m, "attributesMask", 8), List.of());
            List<Module> identities = new ArrayList<>();
            if (IntelJson.has(o, "tdxModuleIdentities")) {
                for (Object e : IntelJson.array(o, "tdxModuleIdentities", MAX_MODULE_IDENTITIES)) {
                    Map<String, Object> mi = IntelJson.asObject(e, "a tdxModuleIdentities entry");
                    identities.add(new Module(IntelJson.string(mi, "id"), IntelJson.hex(mi, "mrsigner", 48),
                            IntelJson.hex(mi, "attributes", 8), IntelJson.hex(mi, "attributesMask", 8),
                            isvLevels(mi)));
                }
            }
            this.tdxModuleIdentities = List.copyOf(identities);
        } else {
            if (IntelJson.has(o, "tdxModule") || IntelJson.has(o, "tdxModuleIdentities")) {
                throw new IllegalArgumentException("SGX TCB info must not describe a TDX module");
            }
            this.tdxModule = null;
            this.tdxModuleIdentities = List.of();
        }
        List<Level> parsed = new ArrayList<>();
        for (Object e : IntelJson.array(o, "tcbLevels", MAX_LEVELS)) {
            Map<String, Object> l = IntelJson.asObject(e, "a tcbLevels entry");
            Map<String, Object> tcb = IntelJson.object(l, "tcb");
            int[] sgx = components(tcb, "sgxtcbcomponents");
            int pceSvn = (int) IntelJson.integer(tcb, "pcesvn", 0, 0xffff);
            int[] tdxc = tdx ? components(tcb, "tdxtcbcomponents") : null;
            parsed.add(new Level(sgx, pceSvn, tdxc, IntelJson.date(l, "tcbDate"), IntelJson.string(l, "tcbStatus"),
                    IntelJson.strings(l, "advisoryIDs", 256)));
        }
        this.levels = List.copyOf(parsed);
    }

    /**
     * Parses the inner {@code tcbInfo} object.
     *
     * @throws IllegalArgumentException naming the offending field
     */
    static TcbInfo parse(byte[] tcbInfoJson) {
        return new TcbInfo(IntelJson.object(tcbInfoJson, "tcbInfo"));
    }

    /** {@code tcbLevels} of {@code {"tcb":{"isvsvn":N},"tcbDate":..,"tcbStatus":..}} entries. */
    static List<ModuleLevel> isvLevels(Map<String, Object> o) {
        List<ModuleLevel> out = new ArrayList<>();
        for (Object e : IntelJson.array(o, "tcbLevels", MAX_LEVELS)) {
            Map<String, Object> l = IntelJson.asObject(e, "a tcbLevels entry");
            Map<String, Object> tcb = IntelJson.object(l, "tcb");
            out.add(new ModuleLevel((int) IntelJson.integer(tcb, "isvsvn", 0, 0xffff), IntelJson.date(l, "tcbDate"),
                    IntelJson.string(l, "tcbStatus"), IntelJson.strings(l, "advisoryIDs", 256)));
        }
        return List.copyOf(out);
    }

    private static int[] components(Map<String, Object> tcb, String name) {
        List<Object> a = IntelJson.array(tcb, name, PckExtensions.COMPONENTS);
        if (a.size() != PckExtensions.COMPONENTS) {
            throw new IllegalArgumentException("field \"" + name + "\" must have " + PckExtensions.COMPONENTS
                    + " entries");
        }
        int[] out = new int[PckExtensions.COMPONENTS];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) IntelJson.integer(IntelJson.asObject(a.get(i), "a " + name + " entry"), "svn", 0, 0xff);
        }
        return out;
    }
}
