package dev.swarmnet.dataplane.wire.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DnsHeaderTest {
    private final ByteBuf buf = Unpooled.buffer(0x10, 0x10).writeZero(0x10);
    private final DnsHeader header = new DnsHeader().wrap(buf, 0x02);

    @AfterEach
    void release() {
        buf.release();
    }

    @Test
    void shouldPlaceEachFlagOnItsRfc1035Bit() {
        assertThat(flagsAfter(() -> header.qr(true))).isEqualTo(0x8000);
        assertThat(flagsAfter(() -> header.opcode(0xf))).isEqualTo(0x7800);
        assertThat(flagsAfter(() -> header.aa(true))).isEqualTo(0x0400);
        assertThat(flagsAfter(() -> header.tc(true))).isEqualTo(0x0200);
        assertThat(flagsAfter(() -> header.rd(true))).isEqualTo(0x0100);
        assertThat(flagsAfter(() -> header.ra(true))).isEqualTo(0x0080);
        assertThat(flagsAfter(() -> header.z(0x7))).isEqualTo(0x0070);
        assertThat(flagsAfter(() -> header.rcode(0xf))).isEqualTo(0x000f);
    }

    @Test
    void shouldReadBackEveryFieldItWrites() {
        header.id(0xfedc).qr(true).opcode(0x2).aa(true).tc(false).rd(true).ra(true).z(0x1)
            .rcode(DnsHeader.RCODE_REFUSED).qdCount(1).anCount(0xffff).nsCount(2).arCount(3);

        assertThat(header.id()).isEqualTo(0xfedc);
        assertThat(header.qr()).isTrue();
        assertThat(header.opcode()).isEqualTo(0x2);
        assertThat(header.aa()).isTrue();
        assertThat(header.tc()).isFalse();
        assertThat(header.rd()).isTrue();
        assertThat(header.ra()).isTrue();
        assertThat(header.z()).isEqualTo(0x1);
        assertThat(header.rcode()).isEqualTo(DnsHeader.RCODE_REFUSED);
        assertThat(header.qdCount()).isEqualTo(1);
        assertThat(header.anCount()).isEqualTo(0xffff);
        assertThat(header.nsCount()).isEqualTo(2);
        assertThat(header.arCount()).isEqualTo(3);
        assertThat(DnsTestMessages.hex(buf, 0, 0x10)).isEqualTo("0000" + "fedc" + "9595" + "0001ffff00020003" + "0000");
    }

    @Test
    void shouldClearOnlyItsTwelveOctets() {
        buf.setZero(0, 0x10);
        buf.setByte(0x01, 0xaa).setByte(0x0e, 0xbb);
        header.id(0xffff).flags(0xffff).clear();

        assertThat(DnsTestMessages.hex(buf, 0, 0x10)).isEqualTo("00aa" + "000000000000000000000000" + "bb00");
    }

    private int flagsAfter(Runnable change) {
        header.flags(0);
        change.run();
        return header.flags();
    }
}
