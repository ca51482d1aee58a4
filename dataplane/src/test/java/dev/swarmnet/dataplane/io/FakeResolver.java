package dev.swarmnet.dataplane.io;

import dev.swarmnet.dataplane.wire.dns.DnsHeader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.UnaryOperator;

/**
 * An upstream resolver for tests, on one address and port over both UDP and TCP (as a real one
 * listens): each query is answered by a function of the query's bytes, or not at all when it
 * returns null (over TCP the connection then stays open, silent). Queries are recorded per
 * transport. Threads are daemons; {@link #close} closes every socket.
 */
final class FakeResolver implements AutoCloseable {
    final BlockingQueue<byte[]> udpQueries = new LinkedBlockingQueue<>();
    final BlockingQueue<byte[]> tcpQueries = new LinkedBlockingQueue<>();
    volatile UnaryOperator<byte[]> udpAnswer;
    volatile UnaryOperator<byte[]> tcpAnswer;

    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final InetSocketAddress address;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    /** Binds both sockets to one free port of {@code address}, answering {@code answer} over both. */
    FakeResolver(InetAddress address, UnaryOperator<byte[]> answer) throws IOException {
        udpAnswer = answer;
        tcpAnswer = answer;
        DatagramSocket datagram = null;
        ServerSocket server = null;
        for (int attempt = 0; server == null; attempt++) {
            datagram = new DatagramSocket(new InetSocketAddress(address, 0));
            try {
                server = new ServerSocket();
                server.bind(new InetSocketAddress(address, datagram.getLocalPort()));
            } catch (IOException taken) {
                datagram.close();
                server = null;
                if (attempt == 20) {
                    throw taken;
                }
            }
        }
        udp = datagram;
        tcp = server;
        this.address = (InetSocketAddress) datagram.getLocalSocketAddress();
        start(this::serveUdp, "fake-resolver-udp");
        start(this::acceptTcp, "fake-resolver-tcp");
    }

    /** The port's address, UDP and TCP (still known once closed). */
    InetSocketAddress address() {
        return address;
    }

    @Override
    public void close() throws IOException {
        udp.close();
        tcp.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }

    private static void start(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void serveUdp() {
        byte[] buffer = new byte[65535];
        while (!udp.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                byte[] query = Arrays.copyOf(buffer, packet.getLength());
                udpQueries.add(query);
                byte[] reply = udpAnswer.apply(query);
                if (reply != null) {
                    udp.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void acceptTcp() {
        while (!tcp.isClosed()) {
            try {
                Socket socket = tcp.accept();
                accepted.add(socket);
                start(() -> serveTcp(socket), "fake-resolver-tcp-connection");
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serveTcp(Socket socket) {
        try (socket) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            byte[] query = new byte[in.readUnsignedShort()];
            in.readFully(query);
            tcpQueries.add(query);
            byte[] reply = tcpAnswer.apply(query);
            if (reply == null) {
                in.read(); // silent until the other side closes
                return;
            }
            out.writeShort(reply.length);
            out.write(reply);
            out.flush();
            in.read();
        } catch (IOException closed) {
            // the forwarder closed the connection, or the test ended
        }
    }

    /** Where the query's question ends (after its type and class). */
    static int questionEnd(byte[] query) {
        int end = DnsHeader.LENGTH;
        while (query[end] != 0) {
            end += 1 + (query[end] & 0xff);
        }
        return end + 1 + 4;
    }

    /** The answer to {@code query}: its id and question, QR RD RA, {@code records} A records 192.0.2.1, .2, ... */
    static byte[] answer(byte[] query, int records) {
        int question = questionEnd(query);
        ByteBuffer b = ByteBuffer.allocate(question + records * 16);
        b.put(query, 0, question);
        b.putShort(DnsHeader.FLAGS_OFFSET, (short) (DnsHeader.QR_MASK | DnsHeader.RD_MASK | DnsHeader.RA_MASK));
        b.putShort(6, (short) records).putShort(8, (short) 0).putShort(10, (short) 0);
        for (int i = 1; i <= records; i++) {
            b.putShort((short) 0xc00c).putShort((short) DnsHeader.TYPE_A).putShort((short) DnsHeader.CLASS_IN)
                    .putInt(60).putShort((short) 4).putInt(address(i));
        }
        return b.array();
    }

    /** A truncated answer to {@code query}: its id and question, QR RD RA TC, no records (as a UDP resolver cuts). */
    static byte[] truncated(byte[] query) {
        byte[] reply = answer(query, 0);
        ByteBuffer.wrap(reply).putShort(DnsHeader.FLAGS_OFFSET,
                (short) (DnsHeader.QR_MASK | DnsHeader.RD_MASK | DnsHeader.RA_MASK | DnsHeader.TC_MASK));
        return reply;
    }

    /** The {@code i}th address {@link #answer} gives (1-based): 192.0.2.i for i up to 254. */
    static int address(int i) {
        return (192 << 24) | (2 << 8) | i;
    }
}
