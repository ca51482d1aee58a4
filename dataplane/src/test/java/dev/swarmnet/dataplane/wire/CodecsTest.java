package dev.swarmnet.dataplane.wire;

import static dev.swarmnet.dataplane.testing.Frames.buffer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.dataplane.testing.Frames;
import io.netty.buffer.ByteBuf;
import dev.swarmnet.dataplane.testing.Trials;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CodecsTest {
    private final Ethernet eth = new Ethernet();
    private final Ipv4 ip = new Ipv4();
    private final Tcp tcp = new Tcp();
    private final Udp udp = new Udp();
    private final Arp arp = new Arp();
    private final Vxlan vxlan = new Vxlan();

    @Test
    void tcpFrameFieldsShouldReadBackAsWritten() {
        Trials.forAll(500, this::checkTcpFrameFields);
    }

    private void checkTcpFrameFields(SplittableRandom random) {
        int src = random.nextInt();
        int dst = random.nextInt();
        int sport = random.nextInt(0x10000);
        int dport = random.nextInt(0x10000);
        int seq = random.nextInt();
        int ack = random.nextInt();
        int flags = random.nextInt(0x40);
        byte[] data = Trials.bytes(random, 0, 40);
        byte[] frame = Frames.tcpFrame(0x0242_0a00_0001L, 0x0242_0a00_0002L, src, dst, sport, dport, seq, ack, flags, data);
        ByteBuf buf = buffer(frame);
        try {
            int start = buf.readerIndex();
            assertThat(eth.wrap(buf, start, frame.length)).isEqualTo(14);
            assertThat(eth.destination()).isEqualTo(0x0242_0a00_0001L);
            assertThat(eth.source()).isEqualTo(0x0242_0a00_0002L);
            assertThat(eth.etherType()).isEqualTo(Ethernet.TYPE_IPV4);
            assertThat(ip.wrap(buf, eth.payloadOffset(), frame.length - 14)).isEqualTo(20);
            assertThat(ip.source()).isEqualTo(src);
            assertThat(ip.destination()).isEqualTo(dst);
            assertThat(ip.protocol()).isEqualTo(Ipv4.PROTO_TCP);
            assertThat(ip.dontFragment()).isTrue();
            assertThat(ip.isFragment()).isFalse();
            assertThat(ip.checksumValid()).isTrue();
            assertThat(tcp.wrap(buf, ip.payloadOffset(), ip.payloadLength())).isEqualTo(20);
            assertThat(tcp.sourcePort()).isEqualTo(sport);
            assertThat(tcp.destinationPort()).isEqualTo(dport);
            assertThat(tcp.sequence()).isEqualTo(seq);
            assertThat(tcp.acknowledgment()).isEqualTo(ack);
            assertThat(tcp.flags()).isEqualTo(flags);
            assertThat(tcp.payloadLength()).isEqualTo(data.length);
        } finally {
            buf.release();
        }
    }

    @Test
    void rewritingAddressesAndPortsShouldKeepEveryChecksumValid() {
        Trials.forAll(1000, this::checkRewrite);
    }

    private void checkRewrite(SplittableRandom random) {
        int src = random.nextInt();
        int dst = random.nextInt();
        int newDst = random.nextInt();
        int newPort = Trials.between(random, 1, 0xffff);
        boolean isTcp = random.nextBoolean();
        byte[] data = Trials.bytes(random, 0, 33);
        byte[] frame = isTcp
                ? Frames.tcpFrame(1, 2, src, dst, 1000, 80, 7, 0, Tcp.SYN, data)
                : Frames.udpFrame(1, 2, src, dst, 1000, 53, data);
        ByteBuf buf = buffer(frame);
        try {
            eth.wrap(buf, buf.readerIndex(), frame.length);
            ip.wrap(buf, eth.payloadOffset(), frame.length - 14);
            ip.rewriteDestination(newDst);
            if (isTcp) {
                tcp.wrap(buf, ip.payloadOffset(), ip.payloadLength());
                tcp.addressChanged(dst, newDst).rewriteDestinationPort(newPort);
            } else {
                udp.wrap(buf, ip.payloadOffset(), ip.payloadLength());
                udp.addressChanged(dst, newDst).rewriteDestinationPort(newPort);
            }
            byte[] out = Frames.readable(buf);
            byte[] expected = isTcp
                    ? Frames.tcpFrame(1, 2, src, newDst, 1000, newPort, 7, 0, Tcp.SYN, data)
                    : Frames.udpFrame(1, 2, src, newDst, 1000, newPort, data);
            assertThat(Frames.hex(out)).isEqualTo(Frames.hex(expected));
        } finally {
            buf.release();
        }
    }

    @Test
    void zeroUdpChecksumShouldStayZeroThroughRewrites() {
        byte[] frame = Frames.udpFrame(1, 2, 0x0a000005, 0x0a000002, 1000, 53, new byte[4]);
        frame[14 + 20 + 6] = 0;
        frame[14 + 20 + 7] = 0;
        ByteBuf buf = buffer(frame);
        try {
            eth.wrap(buf, buf.readerIndex(), frame.length);
            ip.wrap(buf, eth.payloadOffset(), frame.length - 14);
            udp.wrap(buf, ip.payloadOffset(), ip.payloadLength());
            udp.addressChanged(0x0a000002, 0x0a000009).rewriteDestinationPort(5353);
            assertThat(udp.checksum()).isZero();
            assertThat(udp.destinationPort()).isEqualTo(5353);
        } finally {
            buf.release();
        }
    }

    @Test
    void ethernetShouldSkipOneVlanTag() {
        byte[] tagged = Frames.hex("ffffffffffff 024200000001 8100 0064 0806");
        ByteBuf buf = buffer(Frames.concat(tagged, new byte[28]));
        try {
            assertThat(eth.wrap(buf, buf.readerIndex(), buf.readableBytes())).isEqualTo(18);
            assertThat(eth.hasVlanTag()).isTrue();
            assertThat(eth.etherType()).isEqualTo(Ethernet.TYPE_ARP);
            assertThat(eth.payloadOffset() - buf.readerIndex()).isEqualTo(18);
        } finally {
            buf.release();
        }
    }

    @Test
    void ipv4ShouldRejectWhatItsHeaderCannotPromise() {
        byte[] good = Frames.ipv4(1, 2, 17, 64, 0, 0, new byte[8]);
        assertThat(wrapIp(good, good.length)).isEqualTo(20);
        assertThat(wrapIp(good, 19)).isEqualTo(WireError.TRUNCATED);
        byte[] v6 = good.clone();
        v6[0] = 0x65;
        assertThat(wrapIp(v6, v6.length)).isEqualTo(WireError.BAD_VERSION);
        byte[] ihl4 = good.clone();
        ihl4[0] = 0x44;
        assertThat(wrapIp(ihl4, ihl4.length)).isEqualTo(WireError.BAD_HEADER_LENGTH);
        byte[] ihl15 = good.clone();
        ihl15[0] = 0x4f;
        assertThat(wrapIp(ihl15, ihl15.length)).isEqualTo(WireError.BAD_HEADER_LENGTH);
        byte[] tooLong = good.clone();
        tooLong[3] = (byte) (good.length + 1);
        assertThat(wrapIp(tooLong, tooLong.length)).isEqualTo(WireError.BAD_TOTAL_LENGTH);
        byte[] tooShort = good.clone();
        tooShort[3] = 19;
        assertThat(wrapIp(tooShort, tooShort.length)).isEqualTo(WireError.BAD_TOTAL_LENGTH);
    }

    @Test
    void ipv4ShouldRecogniseFragments() {
        byte[] first = Frames.ipv4(1, 2, 17, 64, 9, 0x2000, new byte[8]);
        byte[] later = Frames.ipv4(1, 2, 17, 64, 9, 0x0003, new byte[8]);
        ByteBuf a = buffer(first);
        ByteBuf b = buffer(later);
        try {
            ip.wrap(a, a.readerIndex(), first.length);
            assertThat(ip.isFragment()).isTrue();
            assertThat(ip.isLaterFragment()).isFalse();
            ip.wrap(b, b.readerIndex(), later.length);
            assertThat(ip.isFragment()).isTrue();
            assertThat(ip.isLaterFragment()).isTrue();
        } finally {
            a.release();
            b.release();
        }
    }

    @Test
    void tcpShouldRejectDataOffsetsOutsideTheSegment() {
        byte[] seg = Frames.tcp(1, 2, 1, 2, 0, 0, Tcp.SYN, new byte[0]);
        byte[] small = seg.clone();
        small[12] = 0x40;
        byte[] large = seg.clone();
        large[12] = 0x60;
        assertThat(wrapTcp(seg)).isEqualTo(20);
        assertThat(wrapTcp(small)).isEqualTo(WireError.BAD_DATA_OFFSET);
        assertThat(wrapTcp(large)).isEqualTo(WireError.BAD_DATA_OFFSET);
    }

    @Test
    void arpShouldRefuseNonEthernetIpv4() {
        byte[] body = Frames.arp(1, 0x0242_0000_0001L, 1, 0, 2);
        assertThat(wrapArp(body)).isEqualTo(Arp.LENGTH);
        body[5] = 16;
        assertThat(wrapArp(body)).isEqualTo(WireError.UNSUPPORTED);
    }

    @Test
    void vxlanShouldWriteOnlyTheIFlagAndReadTheVni() {
        ByteBuf buf = buffer(new byte[8]);
        try {
            Vxlan.write(buf, buf.readerIndex(), 0x00abcdef);
            assertThat(Frames.hex(Frames.readable(buf))).isEqualTo("0800000000abcdef".replace("0000abcdef", "00abcdef00"));
            assertThat(vxlan.wrap(buf, buf.readerIndex(), 8)).isEqualTo(8);
            assertThat(vxlan.vni()).isEqualTo(0xabcdef);
            buf.setByte(buf.readerIndex(), 0);
            assertThat(vxlan.wrap(buf, buf.readerIndex(), 8)).isEqualTo(WireError.NO_VNI_FLAG);
            assertThat(vxlan.wrap(buf, buf.readerIndex(), 7)).isEqualTo(WireError.TRUNCATED);
        } finally {
            buf.release();
        }
    }

    private int wrapIp(byte[] bytes, int length) {
        ByteBuf buf = buffer(bytes);
        try {
            return ip.wrap(buf, buf.readerIndex(), length);
        } finally {
            buf.release();
        }
    }

    private int wrapTcp(byte[] bytes) {
        ByteBuf buf = buffer(bytes);
        try {
            return tcp.wrap(buf, buf.readerIndex(), bytes.length);
        } finally {
            buf.release();
        }
    }

    private int wrapArp(byte[] bytes) {
        ByteBuf buf = buffer(bytes);
        try {
            return arp.wrap(buf, buf.readerIndex(), bytes.length);
        } finally {
            buf.release();
        }
    }
}
