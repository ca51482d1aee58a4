package dev.swarmnet.controlplane.ingress;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class ProxyProtocolV2Test {
    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Test
    @DisplayName("a TCP over IPv4 header is the signature, 0x21, 0x11, length 12, addresses then ports")
    void tcp4HeaderIsByteExact() {
        byte[] header = ProxyProtocolV2.header(new InetSocketAddress("198.18.0.200", 51234),
                new InetSocketAddress("198.18.0.11", 8080), false);
        assertThat(hex(header)).isEqualTo("0d0a0d0a000d0a515549540a" + "21" + "11" + "000c"
                + "c61200c8" + "c612000b" + "c822" + "1f90");
    }

    @Test
    @DisplayName("a UDP over IPv4 header says 0x12")
    void udp4HeaderSaysDgram() {
        byte[] header = ProxyProtocolV2.header(new InetSocketAddress("10.1.2.3", 53),
                new InetSocketAddress("10.9.8.7", 5353), true);
        assertThat(hex(header)).isEqualTo("0d0a0d0a000d0a515549540a" + "21" + "12" + "000c"
                + "0a010203" + "0a090807" + "0035" + "14e9");
    }

    @Test
    @DisplayName("a v4-mapped IPv6 client is written as IPv4")
    void v4MappedIsIpv4() {
        byte[] header = ProxyProtocolV2.header(new InetSocketAddress("::ffff:198.18.0.200", 1),
                new InetSocketAddress("198.18.0.11", 2), false);
        assertThat(header).hasSize(28);
        assertThat(header[13]).isEqualTo((byte) 0x11);
    }

    @Test
    @DisplayName("an IPv6 flow uses family 0x21 and a 36-byte address block")
    void tcp6Header() {
        byte[] header = ProxyProtocolV2.header(new InetSocketAddress("2001:db8::1", 443),
                new InetSocketAddress("2001:db8::2", 8443), false);
        assertThat(header).hasSize(16 + 36);
        assertThat(hex(header).substring(24, 32)).isEqualTo("21210024");
        assertThat(hex(header).substring(32, 64)).isEqualTo("20010db8000000000000000000000001");
    }
}
