package dev.swarmnet.controlplane.trust;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A PKCS#10 certificate signing request (RFC 2986): what a joining node sends to a manager so
 * that its private key never leaves the node. Its self-signature proves possession of the key;
 * the manager takes only the public key from it and chooses every name itself, as Docker does.
 * Node keys are EC P-256 only. Immutable; any thread.
 */
public final class NodeCsr {
    private final PKCS10CertificationRequest request;
    private final PublicKey publicKey;

    private NodeCsr(PKCS10CertificationRequest request, PublicKey publicKey) {
        this.request = request;
        this.publicKey = publicKey;
    }

    /** A request signed by the node's own key; the subject is only a hint ({@code CN=swarm-node}). */
    public static NodeCsr create(KeyPair nodeKeys) {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(EcKeys.SIGNATURE_ALGORITHM).build(nodeKeys.getPrivate());
            PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(
                    new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "swarm-node").build(),
                    nodeKeys.getPublic())
                    .build(signer);
            return new NodeCsr(request, nodeKeys.getPublic());
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign a CSR with this key: " + e.getMessage(), e);
        }
    }

    /** The request in {@code pem}, accepted only if its self-signature verifies. */
    public static NodeCsr parse(String pem) {
        PKCS10CertificationRequest request = Pem.readCertificationRequest(pem);
        try {
            PublicKey publicKey = KeyFactory.getInstance("EC")
                    .generatePublic(new X509EncodedKeySpec(request.getSubjectPublicKeyInfo().getEncoded()));
            if (!request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(publicKey))) {
                throw new IllegalArgumentException("invalid certificate signing request: bad signature");
            }
            return new NodeCsr(request, publicKey);
        } catch (OperatorCreationException | PKCSException | IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("invalid certificate signing request: " + e.getMessage(), e);
        }
    }

    /** The public key to certify. */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** The request as PEM ({@code CERTIFICATE REQUEST}), as it travels to the manager. */
    public String pem() {
        return Pem.write(request);
    }
}
