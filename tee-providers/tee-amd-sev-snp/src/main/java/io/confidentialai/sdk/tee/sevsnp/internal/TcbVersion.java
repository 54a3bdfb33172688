package io.confidentialai.sdk.tee.sevsnp.internal;

/**
 * A 64-bit TCB_VERSION decoded with its product's layout (see {@link Product}). Each component is a security patch
 * level (SPL) from 0 to 255.
 *
 * @param raw the u64 as stored in the report (little-endian there; here a plain number)
 * @param turin whether the Turin layout applies (it adds the FMC component)
 */
record TcbVersion(long raw, boolean turin) {

    static TcbVersion of(long raw, Product product) {
        return new TcbVersion(raw, product.hasTurinTcbLayout());
    }

    /** Composes a TCB_VERSION from components, reserved bytes zero; {@code fmc} is ignored without the Turin layout. */
    static TcbVersion compose(Product product, int fmc, int bootloader, int tee, int snp, int microcode) {
        long raw;
        if (product.hasTurinTcbLayout()) {
            raw = (fmc & 0xffL) | (bootloader & 0xffL) << 8 | (tee & 0xffL) << 16 | (snp & 0xffL) << 24
                    | (microcode & 0xffL) << 56;
        } else {
            raw = (bootloader & 0xffL) | (tee & 0xffL) << 8 | (snp & 0xffL) << 48 | (microcode & 0xffL) << 56;
        }
        return new TcbVersion(raw, product.hasTurinTcbLayout());
    }

    private int at(int index) {
        return (int) (raw >>> (8 * index)) & 0xff;
    }

    /** FMC SPL (Turin only); -1 for other products. */
    int fmc() {
        return turin ? at(0) : -1;
    }

    int bootloader() {
        return turin ? at(1) : at(0);
    }

    int tee() {
        return turin ? at(2) : at(1);
    }

    int snp() {
        return turin ? at(3) : at(6);
    }

    int microcode() {
        return at(7);
    }

    /** The raw value as 16 big-endian hex digits with a {@code 0x} prefix, e.g. {@code 0x4405000000000002}. */
    String hex() {
        return String.format(java.util.Locale.ROOT, "0x%016x", raw);
    }

    /** For messages: {@code bl=2 tee=0 snp=5 ucode=68} (with {@code fmc=} first on Turin). */
    String describe() {
        return (turin ? "fmc=" + fmc() + " " : "") + "bl=" + bootloader() + " tee=" + tee() + " snp=" + snp()
                + " ucode=" + microcode();
    }
}
