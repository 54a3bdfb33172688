package io.confidentialai.sdk.impl.internal;

import io.confidentialai.sdk.Attestations;
import io.confidentialai.sdk.ConfidentialClient;
import io.confidentialai.sdk.Datasets;
import io.confidentialai.sdk.Keys;
import io.confidentialai.sdk.Models;
import io.confidentialai.sdk.NodeOptions;
import io.confidentialai.sdk.ProviderException;
import io.confidentialai.sdk.Results;
import io.confidentialai.sdk.TeeNode;
import io.confidentialai.sdk.VerdictIssuer;
import io.confidentialai.sdk.attestation.SimulationOptions;
import io.confidentialai.sdk.attestation.TeeType;
import io.confidentialai.sdk.spi.ClientOptions;
import io.confidentialai.sdk.spi.EvidenceCollector;
import io.confidentialai.sdk.spi.TeeProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default client. This class is internal and is not meant to be used by applications. */
final class DefaultClient implements ConfidentialClient {
    private static final Logger log = LoggerFactory.getLogger(DefaultClient.class);

    private final ClientOptions options;
    private final ProviderRegistry registry;
    private final DefaultAttestations attestations;
    private final DefaultKeys keys;
    private final AssetSealer sealer;
    private final DefaultResults results;
    private final AtomicBoolean closed = new AtomicBoolean();

    DefaultClient(ClientOptions options, VerdictIssuer issuer, ProviderRegistry registry) {
        this.options = options;
        this.registry = registry;
        Contexts.Verifier ctx = new Contexts.Verifier(options.clock(), options.limits(), options.collateral(),
                options.simulationRoots(), options.trustAnchors());
        this.attestations = new DefaultAttestations(registry, ctx, issuer);
        this.keys = new DefaultKeys(issuer);
        this.sealer = new AssetSealer();
        this.results = new DefaultResults(attestations, issuer);
        if (!options.simulationRoots().isEmpty()) {
            log.warn("insecure: {} simulation root(s) trusted; evidence chaining to them is accepted only by the "
                    + "insecure development policy", options.simulationRoots().size());
        }
        log.info("confidential client built with TEE providers {}", registry.all().keySet());
    }

    @Override
    public Datasets datasets() {
        return sealer.datasets();
    }

    @Override
    public Models models() {
        return sealer.models();
    }

    @Override
    public Attestations attestations() {
        return attestations;
    }

    @Override
    public Keys keys() {
        return keys;
    }

    @Override
    public Results results() {
        return results;
    }

    @Override
    public TeeNode openNode(NodeOptions nodeOptions) {
        Objects.requireNonNull(nodeOptions, "nodeOptions");
        TeeType type = nodeOptions.teeType();
        TeeProvider provider = registry.require(type);
        Contexts.Collector ctx = new Contexts.Collector(options.clock(), options.limits(), nodeOptions.simulation());
        EvidenceCollector collector = collector(provider, ctx);
        List<EvidenceCollector> accelerators = new ArrayList<>();
        Optional<SimulationOptions> simulation = nodeOptions.simulation();
        if (simulation.isPresent() && simulation.get().gpus() > 0) {
            SimulationOptions gpus = SimulationOptions.builder().format(TeeType.NVIDIA_GPU_CC).gpus(simulation.get().gpus())
                    .rootDirectory(simulation.get().rootDirectory()).build();
            accelerators.add(collector(provider, new Contexts.Collector(options.clock(), options.limits(), Optional.of(gpus))));
        }
        for (TeeType accelerator : nodeOptions.accelerators()) {
            accelerators.add(collector(registry.require(accelerator),
                    new Contexts.Collector(options.clock(), options.limits(), Optional.empty())));
        }
        return new DefaultTeeNode(nodeOptions, collector, accelerators, options.clock(), results.issuer());
    }

    private static EvidenceCollector collector(TeeProvider provider, Contexts.Collector ctx) {
        return provider.newCollector(ctx).orElseThrow(() -> new ProviderException("the " + provider.teeType() + " provider "
                + provider.getClass().getName() + " cannot collect evidence in this release"));
    }

    @Override
    public Set<TeeType> teeTypes() {
        return registry.all().keySet();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            log.debug("confidential client closed");
        }
    }
}
