package io.confidentialai.sdk;

import io.confidentialai.sdk.attestation.CollateralSource;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.attestation.TrustAnchor;
import io.confidentialai.sdk.spi.ClientEngineProvider;
import io.confidentialai.sdk.spi.ClientOptions;
import io.confidentialai.sdk.spi.TeeProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The entry point of the SDK. One client serves every role (data owner, model owner, recipient, verifier,
 * TEE node); each party runs its own client with its own keys.
 *
 * <pre>{@code
 * try (ConfidentialClient client = ConfidentialClient.builder().build()) {
 *     VerifiedAttestation attested = client.attestations().verify(evidence, policy, nonce);
 *     KeyGrant grant = client.keys().grant(key, sealedDataset, attested, order);
 * }
 * }</pre>
 *
 * <p>Clients are immutable, thread-safe and meant to be shared; {@link #close()} is idempotent.
 *
 * @since 0.1
 */
public interface ConfidentialClient extends AutoCloseable {
    /** Returns a new builder. */
    static Builder builder() {
        return new Builder();
    }

    /** Returns dataset sealing. */
    Datasets datasets();

    /** Returns model sealing. */
    Models models();

    /** Returns evidence verification. */
    Attestations attestations();

    /** Returns key grants. */
    Keys keys();

    /** Returns report verification and result decryption. */
    Results results();

    /**
     * Opens the SDK's runtime inside a TEE: generates the node's keys and prepares its evidence collector.
     *
     * @param options the TEE type, output directory and (for simulation) simulation options
     * @return the node; close it to destroy its keys
     * @throws ProviderException if no provider for that TEE type can collect evidence
     */
    TeeNode openNode(NodeOptions options);

    /** Returns the TEE types that have a provider in this client. */
    Set<TeeType> teeTypes();

    /** Releases resources; idempotent. */
    @Override
    void close();

    /**
     * Builds a {@link ConfidentialClient}. {@link #build()} reads the {@code csdk.*} system properties once,
     * finds the engine and the TEE providers, and fails fast if any is missing or duplicated.
     *
     * <p>This builder is not thread-safe.
     */
    final class Builder {
        private Clock clock = Clock.systemUTC();
        private InputLimits limits = InputLimits.defaults();
        private CollateralSource collateral = CollateralSource.none();
        private final List<TeeProvider> providers = new ArrayList<>();
        private final List<X509Certificate> simulationRoots = new ArrayList<>();
        private final List<TrustAnchor> trustAnchors = new ArrayList<>();

        Builder() {}

        /** Sets the clock that gives verification instants (default: the system UTC clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Sets the input size limits (default {@link InputLimits#defaults()}). */
        public Builder limits(InputLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Sets where verifiers find collateral (default: none, so TCB status is not evaluated). */
        public Builder collateral(CollateralSource collateral) {
            this.collateral = Objects.requireNonNull(collateral, "collateral");
            return this;
        }

        /**
         * Registers a provider explicitly; it overrides the discovered provider of the same TEE type.
         *
         * @param provider the provider
         * @return this builder
         */
        public Builder teeProvider(TeeProvider provider) {
            providers.add(Objects.requireNonNull(provider, "provider"));
            return this;
        }

        /**
         * Adds a trust anchor for a TEE type whose roots are configuration rather than pinned (Arm CCA platform
         * keys). Evidence verified against it is hardware-backed: add only keys of real platforms.
         *
         * @param anchor the anchor
         * @return this builder
         */
        public Builder trustAnchor(TrustAnchor anchor) {
            trustAnchors.add(Objects.requireNonNull(anchor, "anchor"));
            return this;
        }

        /**
         * Trusts a simulation root for development. Evidence chaining to it is verified but always marked
         * not hardware-backed, so only {@link io.confidentialai.sdk.attestation.AttestationPolicy#insecureDevelopmentPolicy()}
         * accepts it.
         *
         * @param root the simulation root certificate
         * @return this builder
         */
        public Builder insecureTrustSimulationRoot(X509Certificate root) {
            simulationRoots.add(Objects.requireNonNull(root, "root"));
            return this;
        }

        /**
         * Trusts a simulation root read from a PEM or DER certificate file.
         *
         * @param certificateFile the simulation root certificate file
         * @return this builder
         * @throws TransportException if the file cannot be read
         * @throws IllegalArgumentException if it is not a certificate
         */
        public Builder insecureTrustSimulationRoot(Path certificateFile) {
            Objects.requireNonNull(certificateFile, "certificateFile");
            try (InputStream in = Files.newInputStream(certificateFile)) {
                return insecureTrustSimulationRoot((X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(in));
            } catch (IOException e) {
                throw new TransportException("cannot read simulation root " + certificateFile, e, false);
            } catch (CertificateException | ClassCastException e) {
                throw new IllegalArgumentException("not an X.509 certificate: " + certificateFile, e);
            }
        }

        /**
         * Builds the client.
         *
         * @return the client
         * @throws ProviderException if the engine ({@code confidential-sdk-impl}) is missing or incompatible,
         *     or a provider is incompatible
         * @throws IllegalStateException if two providers serve one TEE type
         */
        public ConfidentialClient build() {
            Map<String, String> properties = new LinkedHashMap<>();
            for (String name : System.getProperties().stringPropertyNames()) {
                if (name.startsWith("csdk.")) {
                    properties.put(name, System.getProperty(name));
                }
            }
            ClientOptions options = new ClientOptions(clock, limits, collateral, providers, simulationRoots, trustAnchors,
                    properties);
            ClientEngineProvider engine = null;
            List<String> found = new ArrayList<>();
            Iterator<ClientEngineProvider> it = ServiceLoader.load(ClientEngineProvider.class,
                    ConfidentialClient.class.getClassLoader()).iterator();
            while (true) {
                ClientEngineProvider p;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    p = it.next();
                } catch (ServiceConfigurationError e) {
                    throw new ProviderException("the SDK engine could not be loaded: " + e.getMessage(), e);
                }
                found.add(p.getClass().getName());
                if (engine == null) {
                    engine = p;
                }
            }
            if (engine == null) {
                throw new ProviderException("no SDK engine found: add the runtime dependency "
                        + "io.confidentialai:confidential-sdk-impl");
            }
            if (found.size() > 1) {
                throw new IllegalStateException("several SDK engines found " + found + ": keep only one on the class or module path");
            }
            if (engine.spiVersion() != ClientEngineProvider.SPI_VERSION) {
                throw new ProviderException("SDK engine " + found.get(0) + " implements SPI version " + engine.spiVersion()
                        + ", this API needs " + ClientEngineProvider.SPI_VERSION + ": align confidential-sdk-impl "
                        + "with confidential-sdk-api");
            }
            return engine.create(options, new VerdictIssuer());
        }
    }
}
