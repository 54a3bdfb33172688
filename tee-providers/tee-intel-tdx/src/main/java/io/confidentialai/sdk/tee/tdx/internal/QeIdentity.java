package io.confidentialai.sdk.tee.tdx.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Intel enclave identity (version 2), parsed from the exact signed bytes of the {@code "enclaveIdentity"} value.
 * Immutable after construction.
 */
final class QeIdentity {
    final String id;
    final int version;
    final Instant issueDate;
    final Instant nextUpdate;
    final long tcbEvaluationDataNumber;
    final byte[] miscselect;
    final byte[] miscselectMask;
    final byte[] attributes;
    final byte[] attributesMask;
    final byte[] mrSigner;
    final int isvProdId;
    final List<TcbInfo.ModuleLevel> levels;

    private QeIdentity(Map<String, Object> o) {
        this.id = IntelJson.string(o, "id");
        this.version = (int) IntelJson.integer(o, "version", 0, Integer.MAX_VALUE);
        if (version != 2) {
            throw new IllegalArgumentException("enclave identity version " + version + " is not supported (expected 2)");
        }
        this.issueDate = IntelJson.date(o, "issueDate");
        this.nextUpdate = IntelJson.date(o, "nextUpdate");
        this.tcbEvaluationDataNumber = IntelJson.integer(o, "tcbEvaluationDataNumber", 0, 0xffffffffL);
        this.miscselect = IntelJson.hex(o, "miscselect", 4);
        this.miscselectMask = IntelJson.hex(o, "miscselectMask", 4);
        this.attributes = IntelJson.hex(o, "attributes", 16);
        this.attributesMask = IntelJson.hex(o, "attributesMask", 16);
        this.mrSigner = IntelJson.hex(o, "mrsigner", 32);
        this.isvProdId = (int) IntelJson.integer(o, "isvprodid", 0, 0xffff);
        this.levels = TcbInfo.isvLevels(o);
    }

    /**
     * Parses the inner {@code enclaveIdentity} object.
     *
     * @throws IllegalArgumentException naming the offending field
     */
    static QeIdentity parse(byte[] identityJson) {
        return new QeIdentity(IntelJson.object(identityJson, "enclaveIdentity"));
    }
}
