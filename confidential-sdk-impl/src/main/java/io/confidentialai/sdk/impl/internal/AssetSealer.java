package io.confidentialai.sdk.impl.internal;

import io.confidentialai.sdk.AssetKey;
import io.confidentialai.sdk.AssetKind;
import io.confidentialai.sdk.DatasetSpec;
import io.confidentialai.sdk.Datasets;
import io.confidentialai.sdk.DecryptionException;
import io.confidentialai.sdk.Digest;
import io.confidentialai.sdk.InsecureKeyAccess;
import io.confidentialai.sdk.ModelSpec;
import io.confidentialai.sdk.Models;
import io.confidentialai.sdk.ProgressListener;
import io.confidentialai.sdk.SealedAsset;
import io.confidentialai.sdk.TransportException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sealing and unsealing of owner assets. This class is internal and is not meant to be used by applications. */
final class AssetSealer {
    private static final Logger log = LoggerFactory.getLogger(AssetSealer.class);
    private static final int BUFFER = 1 << 16;

    Datasets datasets() {
        return new Datasets() {
            @Override
            public SealedAsset encrypt(DatasetSpec spec, AssetKey key, Path target, ProgressListener progress) {
                Objects.requireNonNull(spec, "spec");
                return seal(AssetKind.DATASET, spec.name(), spec.source(), key, target, progress);
            }

            @Override
            public Digest decrypt(Path sealed, AssetKey key, Path target, ProgressListener progress) throws DecryptionException {
                return unseal(sealed, key, target, progress);
            }
        };
    }

    Models models() {
        return new Models() {
            @Override
            public SealedAsset encrypt(ModelSpec spec, AssetKey key, Path target, ProgressListener progress) {
                Objects.requireNonNull(spec, "spec");
                return seal(AssetKind.MODEL, spec.name(), spec.source(), key, target, progress);
            }

            @Override
            public Digest decrypt(Path sealed, AssetKey key, Path target, ProgressListener progress) throws DecryptionException {
                return unseal(sealed, key, target, progress);
            }
        };
    }

    static SealedAsset seal(AssetKind kind, String name, Path source, AssetKey key, Path target, ProgressListener progress) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(progress, "progress");
        long total;
        try {
            total = Files.size(source);
        } catch (IOException e) {
            throw new TransportException("cannot read " + source.getFileName(), e, false);
        }
        Path tmp = temporaryBeside(target);
        byte[] material = key.exportKeyMaterial(InsecureKeyAccess.get());
        long started = System.nanoTime();
        try {
            Sealing.Writer writer;
            try (InputStream in = Files.newInputStream(source); OutputStream out = Files.newOutputStream(tmp)) {
                writer = Sealing.newWriter(out, material, kind, name, done -> report(progress, done, total));
                byte[] buf = new byte[BUFFER];
                int n;
                while ((n = in.read(buf)) > 0) {
                    writer.write(buf, 0, n);
                }
                writer.close();
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            SealedAsset asset = new SealedAsset(kind, name, key.keyId(), target, writer.sealedDigest(), writer.sealedSize(),
                    writer.plaintextDigest(), writer.plaintextSize());
            log.info("sealed {} {}: {} bytes -> {} in {} ms", kind, name, writer.plaintextSize(), asset.digest(),
                    (System.nanoTime() - started) / 1_000_000);
            return asset;
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new TransportException("sealing " + name + " failed", e, false);
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    static Digest unseal(Path sealed, AssetKey key, Path target, ProgressListener progress) throws DecryptionException {
        Objects.requireNonNull(sealed, "sealed");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(progress, "progress");
        Path tmp = temporaryBeside(target);
        byte[] material = key.exportKeyMaterial(InsecureKeyAccess.get());
        boolean ok = false;
        try {
            Digest digest;
            try (InputStream in = Sealing.open(Files.newInputStream(sealed), material);
                    OutputStream out = Files.newOutputStream(tmp)) {
                byte[] buf = new byte[BUFFER];
                long done = 0;
                int n;
                while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                    done += n;
                    report(progress, done, -1);
                }
                digest = Sealing.plaintextDigest(in);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            ok = true;
            return digest;
        } catch (IOException e) {
            DecryptionException d = Sealing.decryptionFailure(e);
            if (d != null) {
                throw d;
            }
            throw new TransportException("unsealing " + sealed.getFileName() + " failed", e, false);
        } finally {
            Arrays.fill(material, (byte) 0);
            if (!ok) {
                deleteQuietly(tmp);
            }
        }
    }

    static void report(ProgressListener progress, long done, long total) {
        try {
            progress.onProgress(done, total);
        } catch (RuntimeException e) {
            log.debug("progress listener threw {}; ignored", e.getClass().getName());
        }
    }

    static Path temporaryBeside(Path target) {
        Path dir = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            return Files.createTempFile(dir, "." + target.getFileName(), ".part");
        } catch (IOException e) {
            throw new TransportException("cannot create a file in " + dir, e, false);
        }
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            log.debug("could not delete {}", p.getFileName());
        }
    }
}
