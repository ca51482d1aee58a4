package dev.swarmnet.controlplane.trust;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * A node's identity: its private key, its certificate and the cluster CA certificate it was
 * issued by. Persisted in a data directory (mode 0700) as PEM files of mode 0600, with Docker's
 * file names; each file is written to a temporary file and moved into place, so a crash leaves
 * the old or the new file, never half of one. Immutable; any thread.
 */
public final class NodeIdentity {
    public static final String KEY_FILE = "swarm-node.key";
    public static final String CERTIFICATE_FILE = "swarm-node.crt";
    public static final String CA_FILE = "swarm-root-ca.crt";

    private final PrivateKey key;
    private final X509Certificate certificate;
    private final X509Certificate caCertificate;
    private final CertifiedNode node;

    private NodeIdentity(PrivateKey key, X509Certificate certificate, X509Certificate caCertificate) {
        this.key = key;
        this.certificate = certificate;
        this.caCertificate = caCertificate;
        this.node = CertifiedNode.of(certificate);
    }

    /**
     * An identity after checking that the certificate was signed by {@code caCertificate} and
     * belongs to {@code key}. Expiry is checked where the time is known ({@link #isValidAt}).
     */
    public static NodeIdentity of(PrivateKey key, X509Certificate certificate, X509Certificate caCertificate) {
        try {
            certificate.verify(caCertificate.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the node certificate was not issued by the cluster CA", e);
        }
        EcKeys.requirePair(certificate.getPublicKey(), key, "the node private key");
        return new NodeIdentity(key, certificate, caCertificate);
    }

    /** The identity stored in {@code dataDir} by {@link #save}. */
    public static NodeIdentity load(Path dataDir) throws IOException {
        return of(
                Pem.readPrivateKey(Files.readString(dataDir.resolve(KEY_FILE), StandardCharsets.US_ASCII)),
                Pem.readCertificate(Files.readString(dataDir.resolve(CERTIFICATE_FILE), StandardCharsets.US_ASCII)),
                Pem.readCertificate(Files.readString(dataDir.resolve(CA_FILE), StandardCharsets.US_ASCII)));
    }

    /** Writes the three PEM files, each 0600, into {@code dataDir} (created 0700 if absent). */
    public void save(Path dataDir) throws IOException {
        if (!Files.isDirectory(dataDir)) {
            Files.createDirectories(dataDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        writePrivate(dataDir, CA_FILE, Pem.write(caCertificate));
        writePrivate(dataDir, CERTIFICATE_FILE, Pem.write(certificate));
        writePrivate(dataDir, KEY_FILE, Pem.write(key));
    }

    public String nodeId() {
        return node.nodeId();
    }

    public NodeRole role() {
        return node.role();
    }

    public String clusterId() {
        return node.clusterId();
    }

    public PrivateKey privateKey() {
        return key;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public X509Certificate caCertificate() {
        return caCertificate;
    }

    /** Whether the node certificate is within its validity period at {@code now}. */
    public boolean isValidAt(Instant now) {
        return !now.isBefore(certificate.getNotBefore().toInstant()) && !now.isAfter(certificate.getNotAfter().toInstant());
    }

    private static void writePrivate(Path dir, String name, String pem) throws IOException {
        Path temporary = Files.createTempFile(dir, "." + name, ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temporary, pem, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
            try {
                Files.move(temporary, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
