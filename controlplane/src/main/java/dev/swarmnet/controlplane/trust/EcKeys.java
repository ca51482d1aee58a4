package dev.swarmnet.controlplane.trust;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;

/**
 * ECDSA P-256 key pairs, the only key type in the cluster (as Docker's, via cfssl). Generated
 * where they are used: the CA key on the manager that runs {@code swarm init}, a node key on
 * its node. Stateless; any thread.
 */
public final class EcKeys {
    /** The curve of every key in the cluster (NIST P-256). */
    public static final String CURVE = "secp256r1";
    /** The signature algorithm of every certificate and CSR in the cluster. */
    static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

    private static final SecureRandom RANDOM = new SecureRandom();

    private EcKeys() {
    }

    /** A fresh P-256 key pair from the platform's {@link SecureRandom}. */
    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(CURVE), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot generate EC P-256 keys", e);
        }
    }

    /** Throws unless {@code privateKey} signs what {@code publicKey} verifies. */
    static void requirePair(PublicKey publicKey, PrivateKey privateKey, String what) {
        byte[] probe = "swarmnet key pair check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(SIGNATURE_ALGORITHM);
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            signer.initVerify(publicKey);
            signer.update(probe);
            if (signer.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(what + " does not belong to the certificate: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(what + " does not belong to the certificate");
    }
}
