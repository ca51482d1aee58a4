package dev.swarmnet.controlplane.daemon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmnet.controlplane.trust.ClusterCa;
import dev.swarmnet.controlplane.trust.NodeIdentity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The node's state directory (default {@code /var/lib/swarmnet}, mode 0700):
 * <pre>
 * node.json                          {@link Membership}: present only while in a swarm
 * certificates/swarm-node.key        this node's private key (0600)
 * certificates/swarm-node.crt        its certificate, CN = node id, OU = role, O = cluster id
 * certificates/swarm-root-ca.crt     the cluster CA certificate
 * certificates/swarm-root-ca.key     the CA private key, managers only (0600)
 * raft/&lt;group uuid&gt;/                Ratis log, metadata and snapshots, managers only
 * </pre>
 * Files are written to a temporary file and moved into place. Control thread only (the
 * backend's lifecycle lock).
 */
final class DataDir {
    static final String MEMBERSHIP_FILE = "node.json";
    static final String CERTIFICATES = "certificates";
    static final String CA_KEY_FILE = "swarm-root-ca.key";
    static final String RAFT = "raft";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private final Path root;

    DataDir(Path root) {
        this.root = root.toAbsolutePath();
    }

    Path root() {
        return root;
    }

    Path certificates() {
        return root.resolve(CERTIFICATES);
    }

    /** Creates the directory (0700) if it is missing. */
    void create() throws IOException {
        if (!Files.isDirectory(root)) {
            Files.createDirectories(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }

    /** The membership, or empty when this node is in no swarm. */
    Optional<Membership> membership() throws IOException {
        Path file = root.resolve(MEMBERSHIP_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Membership membership = JSON.readValue(file.toFile(), Membership.class);
        if (membership.version() != Membership.FORMAT_VERSION) {
            throw new IOException(file + " has format version " + membership.version() + "; this build reads "
                    + Membership.FORMAT_VERSION);
        }
        return Optional.of(membership);
    }

    void saveMembership(Membership membership) throws IOException {
        writePrivate(root.resolve(MEMBERSHIP_FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(membership));
    }

    NodeIdentity identity() throws IOException {
        return NodeIdentity.load(certificates());
    }

    void saveIdentity(NodeIdentity identity) throws IOException {
        identity.save(certificates());
    }

    /** The signing CA of a manager: the CA certificate of the identity and the CA key file. */
    ClusterCa signingCa() throws IOException {
        String certificate = Files.readString(certificates().resolve(NodeIdentity.CA_FILE), StandardCharsets.US_ASCII);
        String key = Files.readString(certificates().resolve(CA_KEY_FILE), StandardCharsets.US_ASCII);
        return ClusterCa.fromPem(certificate, key);
    }

    void saveCaKey(String pem) throws IOException {
        writePrivate(certificates().resolve(CA_KEY_FILE), pem);
    }

    /** A demoted manager forgets the CA key. */
    void deleteCaKey() throws IOException {
        Files.deleteIfExists(certificates().resolve(CA_KEY_FILE));
    }

    /** Removes the Raft state (a demoted manager; a promoted worker starts from an empty one). */
    void deleteRaft() throws IOException {
        deleteTree(root.resolve(RAFT));
    }

    /**
     * Forgets the swarm: the membership first (so a crash half-way leaves a node in no swarm),
     * then the certificates, keys and Raft state.
     */
    void clearSwarmState() throws IOException {
        Files.deleteIfExists(root.resolve(MEMBERSHIP_FILE));
        deleteTree(certificates());
        deleteTree(root.resolve(RAFT));
    }

    private static void writePrivate(Path target, String text) throws IOException {
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.SYNC);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
