package dev.swarmnet.dataplane.wire.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class DnsNamesTest {
    @Test
    void shouldEncodeADottedNameAsLowerCaseWireForm() {
        assertThat(DnsNames.encode("WhoAmI.SwarmNet.")).isEqualTo(DnsTestMessages.bytes("06 77686f616d69 08 737761726d6e6574 00"));
        assertThat(DnsNames.encode("whoami.swarmnet")).isEqualTo(DnsNames.encode("whoami.swarmnet."));
        assertThat(DnsNames.encode("_http._tcp.web")).startsWith(0x05, '_', 'h');
    }

    @Test
    void shouldEncodeTheRootName() {
        assertThat(DnsNames.encode(".")).containsExactly(0);
        assertThat(DnsNames.encode("")).containsExactly(0);
    }

    @Test
    void shouldNameTheBadLabelWhenEncodingFails() {
        String longLabel = "a".repeat(64);
        assertThatThrownBy(() -> DnsNames.encode("x." + longLabel + ".net"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + longLabel + "'");
        assertThatThrownBy(() -> DnsNames.encode("a..b"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty label");
        assertThatThrownBy(() -> DnsNames.encode("bad label.net"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'bad label'");
        assertThatThrownBy(() -> DnsNames.encode("caf\u00e9.net"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+00E9");
        String label = "a".repeat(63);
        assertThatThrownBy(() -> DnsNames.encode(label + "." + label + "." + label + "." + "b".repeat(62)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than 255");
        assertThat(DnsNames.encode(label + "." + label + "." + label + "." + "b".repeat(61))).hasSize(255);
    }

    @Test
    void shouldBuildTheInAddrArpaNameInReverseOctetOrder() {
        assertThat(DnsNames.toDotted(DnsNames.reverseName(0xc0a80a01))).isEqualTo("1.10.168.192.in-addr.arpa.");
        assertThat(DnsNames.reverseName(0x0a000002)).isEqualTo(DnsNames.encode("2.0.0.10.in-addr.arpa"));
        assertThat(DnsNames.reverseName(0xffffffff)).isEqualTo(DnsNames.encode("255.255.255.255.in-addr.arpa"));
    }

    @Test
    void shouldHashNamesIgnoringAsciiCase() {
        byte[] upper = {6, 'W', 'H', 'O', 'A', 'M', 'I', 0};
        assertThat(DnsNames.hash(upper)).isEqualTo(DnsNames.hash(DnsNames.encode("whoami")));
        assertThat(DnsNames.hash(DnsNames.encode("a.b"))).isNotEqualTo(DnsNames.hash(DnsNames.encode("ab")));
        assertThatThrownBy(() -> DnsNames.hash(new byte[] {(byte) 0xc0, 0x0c}))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldEscapeUnprintableOctetsAndDotsWhenDecoding() {
        byte[] wire = {3, 'a', '.', 0x07, 0};
        assertThat(DnsNames.toDotted(wire)).isEqualTo("a\\.\\007.");
    }

    @Test
    void shouldRefuseToDecodeAMalformedName() {
        ByteBuf buf = DnsTestMessages.buffer("0000 0000 0001 0000 0000 0000 c00c");
        try {
            assertThatThrownBy(() -> DnsNames.decode(buf, 0x0c))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FORWARD_POINTER");
        } finally {
            buf.release();
        }
    }

    @Test
    void shouldDecodeRelativeToTheGivenMessageStart() {
        ByteBuf buf = Unpooled.buffer();
        try {
            buf.writeZero(5).writeBytes(DnsTestMessages.bytes(DnsTestMessages.COMPRESSED_RESPONSE));
            assertThat(DnsNames.decode(buf, 5, buf.readableBytes() - 5, 5 + 0x2d)).isEqualTo("web.example.com.");
        } finally {
            buf.release();
        }
    }
}
