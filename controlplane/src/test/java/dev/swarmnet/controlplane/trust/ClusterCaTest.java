package dev.swarmnet.controlplane.trust;

import static dev.swarmnet.controlplane.trust.TrustFixture.CLUSTER_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterCaTest {
    private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");
    private static final String NODE_ID = "7k2m9x4q1w8e5r3t6y0u2i4o6";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private final ClusterCa ca = ClusterCa.create(NOW);

    @Test
    void shouldCreateASelfSignedP256RootNamedSwarmCaValidFor20Years() throws Exception {
        X509Certificate root = ca.certificate();

        assertThat(root.getSubjectX500Principal().getName()).isEqualTo("CN=swarm-ca");
        assertThat(root.getIssuerX500Principal()).isEqualTo(root.getSubjectX500Principal());
        root.verify(root.getPublicKey());
        assertThat(root.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(root.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(((ECPublicKey) root.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        assertThat(root.getNotAfter().toInstant()).isEqualTo(NOW.plusSeconds(630_720_000L));
        assertThat(root.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofHours(1)));
    }

    @Test
    void shouldRoundTripThroughPemAndStillSign() throws Exception {
        ClusterCa restored = ClusterCa.fromPem(ca.certificatePem(), ca.privateKeyPem().orElseThrow());

        assertThat(restored.certificate()).isEqualTo(ca.certificate());
        X509Certificate issued = restored.issueNodeCertificate(
                NODE_ID, NodeRole.WORKER, CLUSTER_ID, EcKeys.generate().getPublic(), ClusterCa.NODE_VALIDITY, NOW);
        assertThat(chainsTo(issued, ca.certificate())).isTrue();
    }

    @Test
    void shouldRefuseAKeyThatIsNotTheCas() {
        ClusterCa other = ClusterCa.create(NOW);

        assertThatThrownBy(() -> ClusterCa.fromPem(ca.certificatePem(), other.privateKeyPem().orElseThrow()))
                .hasMessageContaining("does not belong to the certificate");
    }

    @Test
    void shouldKeepNoKeyOnATrustOnlyCaAndRefuseToSign() {
        ClusterCa trustOnly = ClusterCa.trustOnly(ca.certificate());

        assertThat(trustOnly.canSign()).isFalse();
        assertThat(trustOnly.privateKeyPem()).isEmpty();
        assertThatThrownBy(() -> trustOnly.issueNodeCertificate(
                NODE_ID, NodeRole.WORKER, CLUSTER_ID, EcKeys.generate().getPublic(), ClusterCa.NODE_VALIDITY, NOW))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldIssueAWorkerCertificateInDockersShapeThatChainsToTheCa() throws Exception {
        KeyPair keys = EcKeys.generate();
        NodeCsr csr = NodeCsr.parse(NodeCsr.create(keys).pem());

        X509Certificate cert = ca.issueNodeCertificate(NODE_ID, NodeRole.WORKER, CLUSTER_ID, csr, ClusterCa.NODE_VALIDITY, NOW);

        assertThat(chainsTo(cert, ca.certificate())).isTrue();
        assertThat(cert.getPublicKey()).isEqualTo(keys.getPublic());
        assertThat(cert.getSubjectX500Principal().getName())
                .isEqualTo("CN=" + NODE_ID + ",OU=swarm-worker,O=" + CLUSTER_ID);
        assertThat(cert.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
        assertThat(dnsNames(cert)).containsExactly("swarm-worker", NODE_ID);
        assertThat(cert.getExtendedKeyUsage()).containsExactlyInAnyOrder(SERVER_AUTH, CLIENT_AUTH);
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(cert.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofHours(1)));
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(90)));
        assertThat(CertifiedNode.of(cert)).isEqualTo(new CertifiedNode(NODE_ID, NodeRole.WORKER, CLUSTER_ID));
    }

    @Test
    void shouldNameManagersSwarmManagerAndSwarmCaInTheirSans() throws Exception {
        X509Certificate cert = ca.issueNodeCertificate(
                NODE_ID, NodeRole.MANAGER, CLUSTER_ID, EcKeys.generate().getPublic(), ClusterCa.NODE_VALIDITY, NOW);

        assertThat(cert.getSubjectX500Principal().getName()).contains("OU=swarm-manager");
        assertThat(dnsNames(cert)).containsExactly("swarm-manager", NODE_ID, "swarm-ca");
    }

    @Test
    void shouldNotChainACertificateFromAnotherCa() throws Exception {
        X509Certificate foreign = ClusterCa.create(NOW).issueNodeCertificate(
                NODE_ID, NodeRole.WORKER, CLUSTER_ID, EcKeys.generate().getPublic(), ClusterCa.NODE_VALIDITY, NOW);

        assertThat(chainsTo(foreign, ca.certificate())).isFalse();
    }

    @Test
    void shouldRefuseACsrWhoseSignatureDoesNotVerify() {
        String pem = NodeCsr.create(EcKeys.generate()).pem();
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = java.util.Base64.getDecoder().decode(body);
        der[der.length - 5] ^= 0x01;
        String tampered = "-----BEGIN CERTIFICATE REQUEST-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(der) + "\n-----END CERTIFICATE REQUEST-----\n";

        assertThatThrownBy(() -> NodeCsr.parse(tampered)).hasMessageStartingWith("invalid certificate signing request");
    }

    @Test
    void shouldRefuseNodeIdsThatAreNotDnsLabelsAndValiditiesUnderAnHour() {
        assertThatThrownBy(() -> ca.issueNodeCertificate("Bad Id", NodeRole.WORKER, CLUSTER_ID,
                EcKeys.generate().getPublic(), ClusterCa.NODE_VALIDITY, NOW)).hasMessageContaining("node id");
        assertThatThrownBy(() -> ca.issueNodeCertificate(NODE_ID, NodeRole.WORKER, CLUSTER_ID,
                EcKeys.generate().getPublic(), Duration.ofMinutes(59), NOW)).hasMessageContaining("minimum");
    }

    static boolean chainsTo(X509Certificate leaf, X509Certificate root) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(NOW));
        try {
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), parameters);
            return true;
        } catch (CertPathValidatorException e) {
            return false;
        }
    }

    private static List<String> dnsNames(X509Certificate cert) throws Exception {
        return cert.getSubjectAlternativeNames().stream()
                .filter(name -> (Integer) name.get(0) == 2)
                .map(name -> (String) name.get(1))
                .toList();
    }
}
