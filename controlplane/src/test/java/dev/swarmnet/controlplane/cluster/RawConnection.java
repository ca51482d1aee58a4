package dev.swarmnet.controlplane.cluster;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A blocking TLS connection to the cluster port that writes frames as given, for tests of bad
 * input: it trusts the cluster CA and presents a client certificate only if given one. Test
 * thread only.
 */
final class RawConnection implements AutoCloseable {
    private static final char[] PASSWORD = "test".toCharArray();

    private final SSLSocket socket;
    private final DataOutputStream out;
    private final DataInputStream in;

    RawConnection(InetSocketAddress server, X509Certificate trustedCa, PrivateKey key, X509Certificate... chain)
            throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", trustedCa);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
        trustManagers.init(trust);
        KeyManagerFactory keyManagers = null;
        if (key != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("node", key, PASSWORD, (Certificate[]) chain);
            keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, PASSWORD);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers == null ? null : keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        socket = (SSLSocket) context.getSocketFactory().createSocket(server.getAddress(), server.getPort());
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        out = new DataOutputStream(socket.getOutputStream());
        in = new DataInputStream(socket.getInputStream());
    }

    /** A connection without a client certificate. */
    static RawConnection anonymous(InetSocketAddress server, X509Certificate trustedCa) throws Exception {
        return new RawConnection(server, trustedCa, null);
    }

    void sendFrame(String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        out.writeInt(body.length);
        out.write(body);
        out.flush();
    }

    /** Writes only a 4-byte length header announcing {@code length} bytes, then {@code sent} zero bytes. */
    void sendLengthOnly(int length, int sent) throws IOException {
        out.writeInt(length);
        out.write(new byte[sent]);
        out.flush();
    }

    /** The next reply as JSON text. */
    String readFrame() throws IOException {
        int length = in.readInt();
        byte[] body = new byte[length];
        in.readFully(body);
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Whether the server has closed the connection (end of stream). */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (javax.net.ssl.SSLException | java.net.SocketException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
