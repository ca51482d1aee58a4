package dev.swarmnet.controlplane.trust;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * PEM text (RFC 7468) for the trust material kept in files and in the replicated state:
 * certificates, private keys (PKCS#8 {@code PRIVATE KEY} written; Docker's SEC 1
 * {@code EC PRIVATE KEY} also read) and PKCS#10 requests. Each reader takes exactly one object. Stateless; any thread.
 */
public final class Pem {
    private Pem() {
    }

    /** PEM text of a certificate or request; a private key is written as PKCS#8 (SEC 1 would lose the curve of JDK keys). */
    public static String write(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            if (object instanceof PrivateKey key) {
                writer.writeObject(new PemObject("PRIVATE KEY", key.getEncoded()));
            } else {
                writer.writeObject(object);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** The one certificate in {@code pem}. */
    public static X509Certificate readCertificate(String pem) {
        X509CertificateHolder holder = readOne(pem, X509CertificateHolder.class, "certificate");
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("malformed certificate PEM: " + e.getMessage(), e);
        }
    }

    /** The one private key in {@code pem}, SEC 1 or PKCS#8. */
    public static PrivateKey readPrivateKey(String pem) {
        Object object = readOne(pem, Object.class, "private key");
        PrivateKeyInfo info;
        if (object instanceof PEMKeyPair pair) {
            info = pair.getPrivateKeyInfo();
        } else if (object instanceof PrivateKeyInfo pkcs8) {
            info = pkcs8;
        } else {
            throw new IllegalArgumentException("expected a private key PEM, found " + object.getClass().getSimpleName());
        }
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("malformed EC private key PEM: " + e.getMessage(), e);
        }
    }

    /** The one PKCS#10 certificate signing request in {@code pem}. */
    public static PKCS10CertificationRequest readCertificationRequest(String pem) {
        return readOne(pem, PKCS10CertificationRequest.class, "certificate signing request");
    }

    private static <T> T readOne(String pem, Class<T> type, String what) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            if (object == null) {
                throw new IllegalArgumentException("expected a " + what + " PEM, found none");
            }
            if (!type.isInstance(object)) {
                throw new IllegalArgumentException(
                        "expected a " + what + " PEM, found " + object.getClass().getSimpleName());
            }
            if (parser.readObject() != null) {
                throw new IllegalArgumentException("expected one " + what + " PEM, found more");
            }
            return type.cast(object);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed " + what + " PEM: " + e.getMessage(), e);
        }
    }
}
