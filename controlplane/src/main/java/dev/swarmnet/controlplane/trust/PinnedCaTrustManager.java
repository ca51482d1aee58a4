package dev.swarmnet.controlplane.trust;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a server only if the last certificate of the chain it sends is the CA pinned by a
 * join token (SHA-256 match, constant time) and the chain verifies against that CA with the
 * JDK's PKIX checks, hostname verification included. Used by a joining node before it has a
 * certificate of its own. Stateless past construction; any thread. Never trusts clients.
 */
final class PinnedCaTrustManager extends X509ExtendedTrustManager {
    private final JoinToken token;

    PinnedCaTrustManager(JoinToken token) {
        this.token = token;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        pkixFor(chain).checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        pkixFor(chain).checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pkixFor(chain).checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("a bootstrap client trusts no clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("a bootstrap client trusts no clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a bootstrap client trusts no clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    private X509ExtendedTrustManager pkixFor(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the manager sent no certificate");
        }
        X509Certificate presentedCa = chain[chain.length - 1];
        if (!token.matchesCa(presentedCa)) {
            throw new CertificateException("the CA presented by the manager does not match the join token (token pins "
                    + token.caDigest() + ", manager presented " + JoinToken.caDigest(presentedCa) + ")");
        }
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            anchors.setCertificateEntry("swarm-ca", presentedCa);
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(anchors);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager pkix) {
                    return pkix;
                }
            }
            throw new CertificateException("no PKIX trust manager in this JVM");
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new CertificateException("cannot build trust in the pinned CA: " + e.getMessage(), e);
        }
    }
}
