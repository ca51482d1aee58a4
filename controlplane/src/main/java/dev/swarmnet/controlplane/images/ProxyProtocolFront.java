package dev.swarmnet.controlplane.images;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A front for an image's server that understands the PROXY protocol v2 (what the routing mesh
 * sends with {@code swarmnet.proxy-protocol=v2}): accepts on the public address, reads the
 * binary header when a connection starts with its signature, relays the rest to the server on
 * loopback, and remembers which client each relayed connection stands for, so the server can
 * report the real client. A connection without the header is relayed as is (its peer is the
 * client). Threads: an acceptor and two copier threads per connection (daemon threads).
 */
final class ProxyProtocolFront implements AutoCloseable {
    static final byte[] SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    private final ServerSocket server;
    private final InetSocketAddress inner;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "proxy-front");
        t.setDaemon(true);
        return t;
    });
    /** Client address by the local port of the relayed connection to the inner server. */
    private final Map<Integer, InetSocketAddress> clients = new ConcurrentHashMap<>();

    private ProxyProtocolFront(ServerSocket server, InetSocketAddress inner) {
        this.server = server;
        this.inner = inner;
    }

    /** Starts accepting on {@code address}, relaying to {@code inner}. */
    static ProxyProtocolFront start(InetSocketAddress address, InetSocketAddress inner) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(address, 128);
        ProxyProtocolFront front = new ProxyProtocolFront(server, inner);
        front.threads.execute(front::accept);
        return front;
    }

    /** The client a connection to the inner server (its remote address) stands for, or that address itself. */
    InetSocketAddress clientFor(InetSocketAddress innerPeer) {
        return clients.getOrDefault(innerPeer.getPort(), innerPeer);
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; Socket upstream = new Socket()) {
            PushbackInputStream in = new PushbackInputStream(socket.getInputStream(), 16);
            InetSocketAddress client = readHeader(in, (InetSocketAddress) socket.getRemoteSocketAddress());
            upstream.connect(inner, 5_000);
            int key = upstream.getLocalPort();
            clients.put(key, client);
            try {
                OutputStream toServer = upstream.getOutputStream();
                InputStream fromServer = upstream.getInputStream();
                OutputStream toClient = socket.getOutputStream();
                threads.execute(() -> {
                    try {
                        in.transferTo(toServer);
                        upstream.shutdownOutput();
                    } catch (IOException ignored) {
                        // the connection ended
                    }
                });
                fromServer.transferTo(toClient);
                socket.shutdownOutput();
            } finally {
                clients.remove(key);
            }
        } catch (IOException ignored) {
            // the connection ended
        }
    }

    /** Reads a PROXY v2 header if the stream starts with one; the client it names, else {@code peer}. */
    static InetSocketAddress readHeader(PushbackInputStream in, InetSocketAddress peer) throws IOException {
        byte[] start = new byte[16];
        int n = in.readNBytes(start, 0, 16);
        if (n < 16 || !Arrays.equals(start, 0, 12, SIGNATURE, 0, 12)) {
            in.unread(start, 0, n);
            return peer;
        }
        int family = start[13] & 0xff;
        int length = ((start[14] & 0xff) << 8) | (start[15] & 0xff);
        byte[] block = new byte[length];
        new DataInputStream(in).readFully(block);
        int addressLength = switch (family) {
            case 0x11, 0x12 -> 4;
            case 0x21, 0x22 -> 16;
            default -> 0;
        };
        if ((start[12] & 0x0f) != 1 || addressLength == 0 || length < 2 * addressLength + 4) {
            return peer; // LOCAL command or unknown family: the peer is the client
        }
        InetAddress source = InetAddress.getByAddress(Arrays.copyOfRange(block, 0, addressLength));
        int port = ((block[2 * addressLength] & 0xff) << 8) | (block[2 * addressLength + 1] & 0xff);
        return new InetSocketAddress(source, port);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        threads.shutdownNow();
    }
}
