package io.confidentialai.sdk.impl.internal;

import io.confidentialai.sdk.ProviderException;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.ClientOptions;
import io.confidentialai.sdk.spi.TeeProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds TEE providers: explicit registrations first, then {@link ServiceLoader}, with
 * {@code csdk.tee.provider.<tee-type>=<class>} choosing among discovered ones. This class is internal and is
 * not meant to be used by applications; it may change at any time.
 */
final class ProviderRegistry {
    private static final Logger log = LoggerFactory.getLogger(ProviderRegistry.class);
    static final String OVERRIDE_PREFIX = "csdk.tee.provider.";

    private final Map<TeeType, TeeProvider> providers;

    private ProviderRegistry(Map<TeeType, TeeProvider> providers) {
        this.providers = Collections.unmodifiableMap(providers);
    }

    static ProviderRegistry load(ClientOptions options) {
        return load(options, discover());
    }

    static ProviderRegistry load(ClientOptions options, List<TeeProvider> discovered) {
        Map<TeeType, TeeProvider> chosen = new LinkedHashMap<>();
        for (TeeProvider p : options.providers()) {
            checkVersion(p);
            TeeProvider previous = chosen.put(p.teeType(), p);
            if (previous != null) {
                throw new IllegalStateException("two providers registered on the builder for " + p.teeType() + ": "
                        + previous.getClass().getName() + " and " + p.getClass().getName() + "; register only one");
            }
        }
        Map<TeeType, List<TeeProvider>> byType = new LinkedHashMap<>();
        for (TeeProvider p : discovered) {
            if (!chosen.containsKey(p.teeType())) {
                byType.computeIfAbsent(p.teeType(), t -> new ArrayList<>()).add(p);
            }
        }
        for (Map.Entry<TeeType, List<TeeProvider>> e : byType.entrySet()) {
            TeeType type = e.getKey();
            List<TeeProvider> candidates = e.getValue();
            String override = options.properties().get(OVERRIDE_PREFIX + type.id());
            TeeProvider pick;
            if (override != null) {
                pick = candidates.stream().filter(p -> p.getClass().getName().equals(override)).findFirst()
                        .orElseThrow(() -> new ProviderException(OVERRIDE_PREFIX + type.id() + "=" + override
                                + " names no discovered provider; found " + names(candidates)));
            } else if (candidates.size() > 1) {
                throw new IllegalStateException("several providers found for " + type + ": " + names(candidates)
                        + "; remove all but one from the class or module path, register one with "
                        + "ConfidentialClient.builder().teeProvider(..), or set -D" + OVERRIDE_PREFIX + type.id() + "=<class>");
            } else {
                pick = candidates.get(0);
            }
            checkVersion(pick);
            chosen.put(type, pick);
        }
        for (TeeProvider p : chosen.values()) {
            log.info("TEE provider {} -> {} (SPI {})", p.teeType(), p.getClass().getName(), p.spiVersion());
        }
        return new ProviderRegistry(chosen);
    }

    private static List<TeeProvider> discover() {
        List<TeeProvider> out = new ArrayList<>();
        Iterator<TeeProvider> it = ServiceLoader.load(TeeProvider.class, ProviderRegistry.class.getClassLoader()).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                out.add(it.next());
            } catch (ServiceConfigurationError e) {
                log.warn("skipping a TEE provider that failed to load: {}", e.getMessage());
            }
        }
        return out;
    }

    private static void checkVersion(TeeProvider p) {
        if (p.spiVersion() != TeeProvider.SPI_VERSION) {
            throw new ProviderException("TEE provider " + p.getClass().getName() + " implements SPI version "
                    + p.spiVersion() + " but this SDK needs " + TeeProvider.SPI_VERSION
                    + ": use the provider artifact of the same release as confidential-sdk-api");
        }
    }

    private static String names(List<TeeProvider> ps) {
        List<String> n = new ArrayList<>();
        ps.forEach(p -> n.add(p.getClass().getName()));
        return n.toString();
    }

    Optional<TeeProvider> find(TeeType type) {
        return Optional.ofNullable(providers.get(type));
    }

    TeeProvider require(TeeType type) {
        TeeProvider p = providers.get(type);
        if (p == null) {
            throw new ProviderException("no provider for TEE type " + type + ": add the dependency io.confidentialai:"
                    + type.artifactId());
        }
        return p;
    }

    Map<TeeType, TeeProvider> all() {
        return providers;
    }
}
