package io.confidentialai.sdk.tee.sevsnp.internal;

import java.util.Locale;
import java.util.Optional;

/**
 * The AMD EPYC product line a report comes from. It decides the layout of the 64-bit TCB_VERSION values and which
 * pinned ARK anchors the endorsement chain.
 *
 * <p>TCB_VERSION layouts (byte index in the little-endian u64):
 * <pre>
 * Milan, Genoa (and simulated):  0 BOOT_LOADER, 1 TEE, 2-5 reserved, 6 SNP, 7 MICROCODE
 * Turin:                         0 FMC, 1 BOOT_LOADER, 2 TEE, 3 SNP, 4-6 reserved, 7 MICROCODE
 * </pre>
 */
enum Product {
    MILAN("Milan", false),
    GENOA("Genoa", false),
    TURIN("Turin", true),
    /** Reports signed by the CSDK simulation chain (tee-simulated); Milan/Genoa TCB layout. */
    SIMULATED("simulated", false);

    private final String displayName;
    private final boolean turinLayout;

    Product(String displayName, boolean turinLayout) {
        this.displayName = displayName;
        this.turinLayout = turinLayout;
    }

    /** The product name as AMD KDS spells it ("Milan", "Genoa", "Turin"), or "simulated". */
    String displayName() {
        return displayName;
    }

    /** Lower-case name used in collateral document names, e.g. {@code milan}. */
    String id() {
        return displayName.toLowerCase(Locale.ROOT);
    }

    boolean hasTurinTcbLayout() {
        return turinLayout;
    }

    /**
     * The product of a CPUID family/model (report versions 3 and later carry CPUID_FAM_ID and CPUID_MOD_ID).
     * Family 19h: models 00h-0Fh Milan, 10h-1Fh and A0h-AFh Genoa (including Bergamo and Siena); family 1Ah: models
     * 00h-11h Turin.
     *
     * @return the product, or empty for a family/model no pinned ARK covers
     */
    static Optional<Product> fromCpuid(int family, int model) {
        if (family == 0x19) {
            if (model <= 0x0f) {
                return Optional.of(MILAN);
            }
            if (model <= 0x1f || (model >= 0xa0 && model <= 0xaf)) {
                return Optional.of(GENOA);
            }
        } else if (family == 0x1a && model <= 0x11) {
            return Optional.of(TURIN);
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return displayName;
    }
}
