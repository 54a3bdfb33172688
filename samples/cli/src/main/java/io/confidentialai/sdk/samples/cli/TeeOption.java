package io.confidentialai.sdk.samples.cli;

import io.confidentialai.sdk.attestation.TeeType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine;

/** The values of {@code --tee}: short names for the command line, mapped to SDK TEE types. */
enum TeeOption {
    AUTO("auto", null),
    TDX("tdx", TeeType.INTEL_TDX),
    SEV_SNP("sev-snp", TeeType.AMD_SEV_SNP),
    NVIDIA("nvidia", TeeType.NVIDIA_GPU_CC),
    CCA("cca", TeeType.ARM_CCA),
    /** TDX quotes signed by a local simulation root (evidence in the real TDX format, not hardware-backed). */
    SIMULATED("simulated", TeeType.INTEL_TDX);

    private final String label;
    private final TeeType teeType;

    TeeOption(String label, TeeType teeType) {
        this.label = label;
        this.teeType = teeType;
    }

    String label() {
        return label;
    }

    /** The TEE type of raw evidence under this option; empty for {@link #AUTO}. */
    Optional<TeeType> teeType() {
        return Optional.ofNullable(teeType);
    }

    static TeeOption parse(String text) {
        String lower = text.trim().toLowerCase(Locale.ROOT);
        for (TeeOption o : values()) {
            if (o.label.equals(lower) || (o.teeType != null && o != SIMULATED && o.teeType.id().equals(lower))) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown TEE '" + text + "': expected one of " + labels());
    }

    static List<String> labels() {
        List<String> l = new ArrayList<>();
        for (TeeOption o : values()) {
            l.add(o.label);
        }
        return l;
    }

    @Override
    public String toString() {
        return label;
    }

    /** Picocli converter accepting the short names and the SDK's TEE type ids. */
    static final class Converter implements CommandLine.ITypeConverter<TeeOption> {
        @Override
        public TeeOption convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** The names shown in help. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return labels().iterator();
        }
    }
}
