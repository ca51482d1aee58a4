package dev.swarmnet.controlplane.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeIdentityTest {
    private static final ClusterCa CA = ClusterCa.create(TrustFixture.NOW);

    @TempDir
    Path temp;

    @Test
    void shouldSurviveARestartWithItsFilesReadableOnlyByTheOwner() throws Exception {
        NodeIdentity identity = TrustFixture.identity(CA, "node000000000000000000001", NodeRole.MANAGER);
        Path dataDir = temp.resolve("certificates");

        identity.save(dataDir);
        NodeIdentity loaded = NodeIdentity.load(dataDir);

        assertThat(loaded.nodeId()).isEqualTo("node000000000000000000001");
        assertThat(loaded.role()).isEqualTo(NodeRole.MANAGER);
        assertThat(loaded.clusterId()).isEqualTo(TrustFixture.CLUSTER_ID);
        assertThat(loaded.certificate()).isEqualTo(identity.certificate());
        assertThat(loaded.caCertificate()).isEqualTo(CA.certificate());
        assertThat(loaded.privateKey().getEncoded()).isEqualTo(identity.privateKey().getEncoded());
        assertThat(loaded.isValidAt(TrustFixture.NOW)).isTrue();
        for (String file : new String[] {NodeIdentity.KEY_FILE, NodeIdentity.CERTIFICATE_FILE, NodeIdentity.CA_FILE}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(file))))
                    .as(file).isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
        try (var files = Files.list(dataDir)) {
            assertThat(files).hasSize(3);
        }
    }

    @Test
    void shouldReplaceFilesOnASecondSaveKeepingThemPrivate() throws Exception {
        TrustFixture.identity(CA, "node000000000000000000001", NodeRole.WORKER).save(temp);
        NodeIdentity renewed = TrustFixture.identity(CA, "node000000000000000000001", NodeRole.MANAGER);

        renewed.save(temp);

        assertThat(NodeIdentity.load(temp).role()).isEqualTo(NodeRole.MANAGER);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve(NodeIdentity.KEY_FILE))))
                .isEqualTo("rw-------");
    }

    @Test
    void shouldRefuseACertificateFromAnotherCaOrAnotherKey() {
        NodeIdentity mine = TrustFixture.identity(CA, "node000000000000000000001", NodeRole.WORKER);
        NodeIdentity foreign = TrustFixture.identity(ClusterCa.create(TrustFixture.NOW), "node000000000000000000002", NodeRole.WORKER);

        assertThatThrownBy(() -> NodeIdentity.of(foreign.privateKey(), foreign.certificate(), CA.certificate()))
                .hasMessageContaining("not issued by the cluster CA");
        assertThatThrownBy(() -> NodeIdentity.of(foreign.privateKey(), mine.certificate(), CA.certificate()))
                .hasMessageContaining("does not belong to the certificate");
    }
}
