package dev.swarmnet.dataplane.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * Builds test frames byte by byte, with its own straightforward checksum code, so that the
 * codecs under test are checked against an independent implementation rather than themselves.
 */
public final class Frames {
    public static final int HEADROOM = 64;

    private Frames() {
    }

    public static int ip(String dotted) {
        String[] p = dotted.split("\\.");
        return Integer.parseInt(p[0]) << 24 | Integer.parseInt(p[1]) << 16 | Integer.parseInt(p[2]) << 8 | Integer.parseInt(p[3]);
    }

    public static long mac(String colon) {
        return Long.parseLong(colon.replace(":", ""), 16);
    }

    /** The Docker-style MAC of an address: 02:42 and the four address bytes. */
    public static long macOf(int address) {
        return 0x0242_0000_0000L | (address & 0xffff_ffffL);
    }

    public static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s", ""));
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** Copies bytes into a direct buffer with {@link #HEADROOM} bytes in front (reader index after it). */
    public static ByteBuf buffer(byte[] frame) {
        ByteBuf buf = Unpooled.directBuffer(HEADROOM + frame.length + 64);
        buf.writerIndex(HEADROOM);
        buf.readerIndex(HEADROOM);
        buf.writeBytes(frame);
        return buf;
    }

    /** The readable bytes of a buffer. */
    public static byte[] readable(ByteBuf buf) {
        byte[] out = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), out);
        return out;
    }

    public static byte[] ethernet(long dst, long src, int type, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(14 + payload.length);
        putMac(b, dst);
        putMac(b, src);
        b.putShort((short) type);
        b.put(payload);
        return b.array();
    }

    public static byte[] arp(int op, long senderMac, int senderIp, long targetMac, int targetIp) {
        ByteBuffer b = ByteBuffer.allocate(28);
        b.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) op);
        putMac(b, senderMac);
        b.putInt(senderIp);
        putMac(b, targetMac);
        b.putInt(targetIp);
        return b.array();
    }

    public static byte[] arpRequest(long senderMac, int senderIp, int targetIp) {
        return ethernet(0xffff_ffff_ffffL, senderMac, 0x0806, arp(1, senderMac, senderIp, 0, targetIp));
    }

    /** An IPv4 packet with a correct header checksum. {@code flags} holds DF/MF and the fragment offset. */
    public static byte[] ipv4(int src, int dst, int protocol, int ttl, int id, int flags, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + payload.length)).putShort((short) id)
                .putShort((short) flags).put((byte) ttl).put((byte) protocol).putShort((short) 0).putInt(src).putInt(dst);
        b.put(payload);
        byte[] out = b.array();
        int sum = checksum(out, 0, 20, 0);
        out[10] = (byte) (sum >>> 8);
        out[11] = (byte) sum;
        return out;
    }

    public static byte[] tcp(int src, int dst, int sport, int dport, int seq, int ack, int flags, byte[] data) {
        return tcp(src, dst, sport, dport, seq, ack, flags, 0xffff, data);
    }

    public static byte[] tcp(int src, int dst, int sport, int dport, int seq, int ack, int flags, int window, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(20 + data.length);
        b.putShort((short) sport).putShort((short) dport).putInt(seq).putInt(ack)
                .put((byte) 0x50).put((byte) flags).putShort((short) window).putShort((short) 0).putShort((short) 0);
        b.put(data);
        byte[] out = b.array();
        int sum = checksum(out, 0, out.length, pseudo(src, dst, 6, out.length));
        out[16] = (byte) (sum >>> 8);
        out[17] = (byte) sum;
        return out;
    }

    public static byte[] udp(int src, int dst, int sport, int dport, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + data.length);
        b.putShort((short) sport).putShort((short) dport).putShort((short) (8 + data.length)).putShort((short) 0);
        b.put(data);
        byte[] out = b.array();
        int sum = checksum(out, 0, out.length, pseudo(src, dst, 17, out.length));
        if (sum == 0) {
            sum = 0xffff;
        }
        out[6] = (byte) (sum >>> 8);
        out[7] = (byte) sum;
        return out;
    }

    public static byte[] icmp(int type, int code, int rest, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + data.length);
        b.put((byte) type).put((byte) code).putShort((short) 0).putInt(rest).put(data);
        byte[] out = b.array();
        int sum = checksum(out, 0, out.length, 0);
        out[2] = (byte) (sum >>> 8);
        out[3] = (byte) sum;
        return out;
    }

    /** A whole Ethernet + IPv4 + TCP frame, TTL 64, DF. */
    public static byte[] tcpFrame(long dstMac, long srcMac, int src, int dst, int sport, int dport, int seq, int ack,
                                  int flags, byte[] data) {
        return ethernet(dstMac, srcMac, 0x0800, ipv4(src, dst, 6, 64, 0, 0x4000,
                tcp(src, dst, sport, dport, seq, ack, flags, data)));
    }

    /** A whole Ethernet + IPv4 + UDP frame, TTL 64, DF. */
    public static byte[] udpFrame(long dstMac, long srcMac, int src, int dst, int sport, int dport, byte[] data) {
        return ethernet(dstMac, srcMac, 0x0800, ipv4(src, dst, 17, 64, 0, 0x4000, udp(src, dst, sport, dport, data)));
    }

    public static byte[] vxlan(int vni, byte[] inner) {
        ByteBuffer b = ByteBuffer.allocate(8 + inner.length);
        b.putInt(0x0800_0000).putInt(vni << 8).put(inner);
        return b.array();
    }

    public static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    public static byte[] slice(byte[] bytes, int from, int to) {
        byte[] out = new byte[to - from];
        System.arraycopy(bytes, from, out, 0, out.length);
        return out;
    }

    /** Plain RFC 1071 over a byte array, 16 bits at a time. */
    public static int checksum(byte[] bytes, int offset, int length, int seed) {
        long sum = seed;
        for (int i = 0; i + 1 < length; i += 2) {
            sum += ((bytes[offset + i] & 0xff) << 8) | (bytes[offset + i + 1] & 0xff);
        }
        if ((length & 1) != 0) {
            sum += (bytes[offset + length - 1] & 0xff) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    private static int pseudo(int src, int dst, int protocol, int length) {
        return (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + protocol + length;
    }

    private static void putMac(ByteBuffer b, long mac) {
        b.putShort((short) (mac >>> 32)).putInt((int) mac);
    }
}
