package dev.swarmnet.controlplane.trust;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The cluster's root certificate authority: a self-signed ECDSA P-256 certificate, CN
 * {@code swarm-ca}, valid 20 years (Docker's defaults), and, on managers only, its private key.
 * It signs node certificates in Docker's shape. Time is passed in ({@code now}), never read.
 * Immutable; any thread.
 */
public final class ClusterCa {
    /** Subject CN of the root certificate, and a DNS SAN of every manager certificate. */
    public static final String CA_COMMON_NAME = "swarm-ca";
    /** Docker's root CA expiry: 630 720 000 s. */
    public static final Duration ROOT_VALIDITY = Duration.ofSeconds(630_720_000L);
    /** Docker's node certificate expiry: 2160 h. */
    public static final Duration NODE_VALIDITY = Duration.ofHours(2160);
    /** Docker's shortest node certificate expiry. */
    public static final Duration MIN_NODE_VALIDITY = Duration.ofHours(1);
    /** Certificates start this long before they are issued, to absorb clock skew. */
    public static final Duration BACKDATE = Duration.ofHours(1);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate certificate;
    private final PrivateKey key;

    private ClusterCa(X509Certificate certificate, PrivateKey key) {
        this.certificate = certificate;
        this.key = key;
    }

    /** A new root CA with a fresh key, valid from {@code now - BACKDATE} for 20 years. */
    public static ClusterCa create(Instant now) {
        KeyPair keys = EcKeys.generate();
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, CA_COMMON_NAME).build();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    name, serialNumber(), Date.from(now.minus(BACKDATE)), Date.from(now.plus(ROOT_VALIDITY)),
                    name, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()));
            return new ClusterCa(sign(builder, keys.getPrivate()), keys.getPrivate());
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot create the cluster CA: " + e.getMessage(), e);
        }
    }

    /** A signing CA from its stored PEM (certificate and key, as kept in the replicated state). */
    public static ClusterCa fromPem(String certificatePem, String privateKeyPem) {
        X509Certificate certificate = Pem.readCertificate(certificatePem);
        PrivateKey key = Pem.readPrivateKey(privateKeyPem);
        requireRoot(certificate);
        EcKeys.requirePair(certificate.getPublicKey(), key, "the CA private key");
        return new ClusterCa(certificate, key);
    }

    /** A verify-only CA (workers): the certificate without its key. */
    public static ClusterCa trustOnly(X509Certificate certificate) {
        requireRoot(certificate);
        return new ClusterCa(certificate, null);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public String certificatePem() {
        return Pem.write(certificate);
    }

    /** The private key as PEM, present only on a signing (manager) CA. */
    public Optional<String> privateKeyPem() {
        return Optional.ofNullable(key).map(Pem::write);
    }

    public boolean canSign() {
        return key != null;
    }

    /** Signs a node's certificate for the key in its verified CSR (see {@link #issueNodeCertificate(String, NodeRole, String, PublicKey, Duration, Instant)}). */
    public X509Certificate issueNodeCertificate(
            String nodeId, NodeRole role, String clusterId, NodeCsr csr, Duration validity, Instant now) {
        return issueNodeCertificate(nodeId, role, clusterId, csr.publicKey(), validity, now);
    }

    /**
     * A node certificate in Docker's shape: subject {@code CN=<nodeId>, OU=<role>, O=<clusterId>};
     * DNS SANs the role's OU and the node id (managers also {@code swarm-ca}); EKUs serverAuth and
     * clientAuth; valid from {@code now - BACKDATE} to {@code now + validity}.
     */
    public X509Certificate issueNodeCertificate(
            String nodeId, NodeRole role, String clusterId, PublicKey nodeKey, Duration validity, Instant now) {
        if (key == null) {
            throw new IllegalStateException("this node holds only the CA certificate; only managers sign");
        }
        requireName(nodeId, "node id");
        requireName(clusterId, "cluster id");
        if (validity.compareTo(MIN_NODE_VALIDITY) < 0) {
            throw new IllegalArgumentException("node certificate validity " + validity + " is under the minimum " + MIN_NODE_VALIDITY);
        }
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, clusterId)
                .addRDN(BCStyle.OU, role.ou())
                .addRDN(BCStyle.CN, nodeId)
                .build();
        List<GeneralName> sans = new ArrayList<>();
        sans.add(new GeneralName(GeneralName.dNSName, role.ou()));
        sans.add(new GeneralName(GeneralName.dNSName, nodeId));
        if (role == NodeRole.MANAGER) {
            sans.add(new GeneralName(GeneralName.dNSName, CA_COMMON_NAME));
        }
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    certificate, serialNumber(), Date.from(now.minus(BACKDATE)), Date.from(now.plus(validity)),
                    subject, nodeKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(sans.toArray(GeneralName[]::new)))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(nodeKey))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(certificate));
            return sign(builder, key);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot issue a certificate for node " + nodeId + ": " + e.getMessage(), e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey)
            throws CertificateException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(EcKeys.SIGNATURE_ALGORITHM).build(signingKey)));
        } catch (OperatorCreationException e) {
            throw new CertificateException(e.getMessage(), e);
        }
    }

    /** A positive 127-bit random serial (RFC 5280 §4.1.2.2: at most 20 octets, unique per CA). */
    private static BigInteger serialNumber() {
        return new BigInteger(127, RANDOM).setBit(126);
    }

    private static void requireRoot(X509Certificate certificate) {
        try {
            if (certificate.getBasicConstraints() < 0) {
                throw new IllegalArgumentException("not a CA certificate: " + certificate.getSubjectX500Principal());
            }
            certificate.verify(certificate.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a self-signed root CA certificate: " + e.getMessage(), e);
        }
    }

    private static void requireName(String value, String what) {
        if (value == null || !value.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new IllegalArgumentException(what + " must be a lowercase DNS label, was '" + value + "'");
        }
    }
}
