package dev.swarmnet.linux;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * Hand-built Ethernet frames for talking to the kernel through a TAP fd. The data plane's wire
 * codecs live in the dataplane module, which depends on this one, so the few bytes needed here
 * are spelled out with their RFCs: ARP (RFC 826), IPv4 (RFC 791), ICMP echo (RFC 792).
 */
final class TestFrames {

    static final int ETHERTYPE_OFFSET = 12;
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_ARP = 0x0806;
    static final int ARP_OPER_OFFSET = 14 + 6;
    static final int ARP_REQUEST = 1;
    static final int ARP_REPLY = 2;
    static final int IPV4_PROTOCOL_OFFSET = 14 + 9;
    static final int ICMP_OFFSET = 14 + 20;
    static final int IP_PROTOCOL_ICMP = 0x01;
    static final int ICMP_ECHO_REPLY = 0x00;
    static final int ICMP_ECHO_REQUEST = 0x08;

    private static final byte[] BROADCAST = {-1, -1, -1, -1, -1, -1};

    private TestFrames() {
    }

    /** ARP request from {@code senderMac}/{@code senderIp}, broadcast, asking who has {@code targetIp}. */
    static byte[] arpRequest(byte[] senderMac, Inet4Address senderIp, Inet4Address targetIp) {
        return arp(BROADCAST, senderMac, ARP_REQUEST, senderMac, senderIp, new byte[6], targetIp);
    }

    /** The ARP reply {@code senderMac} sends to {@code targetMac}: "{@code senderIp} is at {@code senderMac}". */
    static byte[] arpReply(byte[] senderMac, Inet4Address senderIp, byte[] targetMac, Inet4Address targetIp) {
        return arp(targetMac, senderMac, ARP_REPLY, senderMac, senderIp, targetMac, targetIp);
    }

    private static byte[] arp(byte[] dst, byte[] src, int oper, byte[] sha, Inet4Address spa, byte[] tha,
            Inet4Address tpa) {
        byte[] f = new byte[14 + 28];
        ethernet(f, dst, src, ETHERTYPE_ARP);
        int a = 14;
        putShort(f, a, 0x0001);                     // htype Ethernet
        putShort(f, a + 2, ETHERTYPE_IPV4);         // ptype
        f[a + 4] = 6;                               // hlen
        f[a + 5] = 4;                               // plen
        putShort(f, a + 6, oper);
        System.arraycopy(sha, 0, f, a + 8, 6);
        System.arraycopy(spa.getAddress(), 0, f, a + 14, 4);
        System.arraycopy(tha, 0, f, a + 18, 6);
        System.arraycopy(tpa.getAddress(), 0, f, a + 24, 4);
        return f;
    }

    /** ICMP echo request with identifier {@code id}, sequence 1 and {@code payload}, checksums filled in. */
    static byte[] icmpEchoRequest(byte[] dstMac, byte[] srcMac, Inet4Address src, Inet4Address dst, int id,
            byte[] payload) {
        int icmpLength = 8 + payload.length;
        byte[] f = new byte[14 + 20 + icmpLength];
        ethernet(f, dstMac, srcMac, ETHERTYPE_IPV4);
        int ip = 14;
        f[ip] = 0x45;                               // version 4, IHL 5
        putShort(f, ip + 2, 20 + icmpLength);       // total length
        putShort(f, ip + 4, 0x5357);                // identification
        putShort(f, ip + 6, 0x4000);                // DF
        f[ip + 8] = 0x40;                           // TTL 64
        f[ip + 9] = IP_PROTOCOL_ICMP;
        System.arraycopy(src.getAddress(), 0, f, ip + 12, 4);
        System.arraycopy(dst.getAddress(), 0, f, ip + 16, 4);
        putShort(f, ip + 10, checksum(f, ip, 20));
        int icmp = ICMP_OFFSET;
        f[icmp] = ICMP_ECHO_REQUEST;
        putShort(f, icmp + 4, id);
        putShort(f, icmp + 6, 0x0001);              // sequence
        System.arraycopy(payload, 0, f, icmp + 8, payload.length);
        putShort(f, icmp + 2, checksum(f, icmp, icmpLength));
        return f;
    }

    static boolean isArp(byte[] frame, int oper) {
        return frame.length >= 14 + 28 && getShort(frame, ETHERTYPE_OFFSET) == ETHERTYPE_ARP
            && getShort(frame, ARP_OPER_OFFSET) == oper;
    }

    static boolean isIcmp(byte[] frame, int type) {
        return frame.length >= ICMP_OFFSET + 8 && getShort(frame, ETHERTYPE_OFFSET) == ETHERTYPE_IPV4
            && frame[IPV4_PROTOCOL_OFFSET] == IP_PROTOCOL_ICMP && frame[ICMP_OFFSET] == type;
    }

    /**
     * Reads frames from a non-blocking TAP fd until one is {@code wanted}, waiting in
     * {@code poll(2)} at most until {@code timeout} has passed; other frames are skipped.
     */
    static byte[] awaitFrame(int fd, Predicate<byte[]> wanted, Duration timeout) throws LinuxException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buf = new byte[65536];
        List<String> skipped = new ArrayList<>();
        while (true) {
            long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (remainingMillis <= 0) {
                throw new AssertionError("no wanted frame within " + timeout + "; skipped " + skipped);
            }
            if ((LibC.poll(fd, LibC.POLLIN, (int) remainingMillis) & LibC.POLLIN) == 0) {
                continue;
            }
            int n = LibC.read(fd, buf);
            if (n > 0) {
                byte[] frame = Arrays.copyOf(buf, n);
                if (wanted.test(frame)) {
                    return frame;
                }
                skipped.add(n + " bytes, ethertype 0x" + Integer.toHexString(getShort(frame, ETHERTYPE_OFFSET)));
            }
        }
    }

    static int getShort(byte[] f, int offset) {
        return ((f[offset] & 0xff) << 8) | (f[offset + 1] & 0xff);
    }

    private static void ethernet(byte[] f, byte[] dst, byte[] src, int ethertype) {
        System.arraycopy(dst, 0, f, 0, 6);
        System.arraycopy(src, 0, f, 6, 6);
        putShort(f, ETHERTYPE_OFFSET, ethertype);
    }

    private static void putShort(byte[] f, int offset, int value) {
        f[offset] = (byte) (value >>> 8);
        f[offset + 1] = (byte) value;
    }

    /** RFC 1071 Internet checksum of {@code f[offset, offset + length)}. */
    private static int checksum(byte[] f, int offset, int length) {
        long sum = 0;
        for (int i = 0; i < length; i += 2) {
            int hi = f[offset + i] & 0xff;
            int lo = i + 1 < length ? f[offset + i + 1] & 0xff : 0;
            sum += (hi << 8) | lo;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) ~sum & 0xffff;
    }
}
