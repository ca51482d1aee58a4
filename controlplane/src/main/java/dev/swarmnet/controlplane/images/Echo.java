package dev.swarmnet.controlplane.images;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code swarmnet/echo} image: echoes every TCP stream and every UDP datagram back to its
 * sender (RFC 862), on port 7 or {@code ECHO_PORT}, binding {@code BIND} when set. One thread
 * and one NIO selector serve any number of connections; a connection whose peer does not read
 * stops being read until its echo has drained (back-pressure, no unbounded buffering). Exits 0
 * on SIGTERM.
 */
public final class Echo implements AutoCloseable {
    private static final int BUFFER_SIZE = 16 * 1024;
    private static final int MAX_DATAGRAM = 65_507;

    private final Selector selector;
    private final ServerSocketChannel tcp;
    private final DatagramChannel udp;
    private final Thread loop;
    private volatile boolean stopping;

    private Echo(Selector selector, ServerSocketChannel tcp, DatagramChannel udp) {
        this.selector = selector;
        this.tcp = tcp;
        this.udp = udp;
        this.loop = new Thread(this::run, "echo");
    }

    /**
     * Binds TCP on {@code address} and UDP on the same address and the port TCP got (so port 0
     * picks one port for both), and starts serving.
     */
    public static Echo start(InetSocketAddress address) throws IOException {
        Selector selector = Selector.open();
        ServerSocketChannel tcp = ServerSocketChannel.open();
        DatagramChannel udp = DatagramChannel.open();
        try {
            tcp.bind(address, 256);
            udp.bind(new InetSocketAddress(address.getAddress(), tcp.socket().getLocalPort()));
            tcp.configureBlocking(false).register(selector, SelectionKey.OP_ACCEPT);
            udp.configureBlocking(false).register(selector, SelectionKey.OP_READ, ByteBuffer.allocate(MAX_DATAGRAM));
        } catch (IOException | RuntimeException e) {
            tcp.close();
            udp.close();
            selector.close();
            throw e;
        }
        Echo echo = new Echo(selector, tcp, udp);
        echo.loop.start();
        return echo;
    }

    public static void main(String[] args) throws IOException {
        int port = Termination.port("ECHO_PORT", 7);
        String bind = System.getenv("BIND");
        InetSocketAddress address = bind == null || bind.isBlank()
            ? new InetSocketAddress(port) : new InetSocketAddress(InetAddress.getByName(bind.strip()), port);
        AtomicReference<Echo> running = new AtomicReference<>();
        Termination.exitZeroOnTerm(() -> {
            Echo echo = running.get();
            if (echo != null) {
                echo.close();
            }
        });
        running.set(start(address));
        System.out.println("echo listening on " + address + " (tcp and udp)");
    }

    /** The bound port (TCP and UDP). */
    public int port() {
        return tcp.socket().getLocalPort();
    }

    private void run() {
        try {
            while (!stopping) {
                selector.select();
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    try {
                        serve(key);
                    } catch (IOException e) {
                        key.cancel();
                        if (key.channel() instanceof SocketChannel) {
                            key.channel().close();
                        }
                    }
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            // the selector failed: nothing more can be served
        } finally {
            closeAll();
        }
    }

    private void closeAll() {
        try {
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
        } catch (IOException | ClosedSelectorException e) {
            // closing what is already closed
        }
    }

    private void serve(SelectionKey key) throws IOException {
        if (!key.isValid()) {
            return;
        }
        if (key.channel() == tcp) {
            SocketChannel connection = tcp.accept();
            if (connection != null) {
                connection.configureBlocking(false);
                connection.register(selector, SelectionKey.OP_READ, ByteBuffer.allocate(BUFFER_SIZE));
            }
        } else if (key.channel() == udp) {
            ByteBuffer buffer = (ByteBuffer) key.attachment();
            SocketAddress from;
            while ((from = udp.receive(buffer.clear())) != null) {
                udp.send(buffer.flip(), from);
            }
        } else {
            echoStream(key, (SocketChannel) key.channel(), (ByteBuffer) key.attachment());
        }
    }

    /** The buffer is in write mode while reading and flipped while it still holds unsent bytes. */
    private static void echoStream(SelectionKey key, SocketChannel connection, ByteBuffer buffer) throws IOException {
        if (key.isReadable()) {
            int read = connection.read(buffer);
            if (read < 0) {
                connection.close();
                return;
            }
            buffer.flip();
        }
        connection.write(buffer);
        if (buffer.hasRemaining()) {
            key.interestOps(SelectionKey.OP_WRITE);
        } else {
            buffer.clear();
            key.interestOps(SelectionKey.OP_READ);
        }
    }

    /** Stops serving and closes every socket. */
    @Override
    public void close() {
        stopping = true;
        selector.wakeup();
        try {
            loop.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
