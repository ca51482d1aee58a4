package dev.swarmnet.dataplane.wire.dns;

import static dev.swarmnet.dataplane.wire.dns.DnsTestMessages.buffer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DnsMessageWriterTest {
    private static final int TTL = 0x3c;

    private final DnsMessageReader reader = new DnsMessageReader();
    private final DnsMessageWriter writer = new DnsMessageWriter();
    private final ByteBuf out = Unpooled.buffer(0x1000, 0x1000);

    @AfterEach
    void releaseOutput() {
        out.release();
    }

    @Test
    void shouldAnswerTheWhoamiQueryWithExactlyTheExpectedBytes() {
        ByteBuf query = buffer(DnsTestMessages.WHOAMI_QUERY);
        try {
            assertThat(reader.wrap(query, 0, query.readableBytes())).isEqualTo(DnsReadStatus.OK);
            writer.wrap(out, 0, DnsHeader.MAX_UDP_LENGTH);
            assertThat(writer.beginResponse(reader, true, DnsHeader.RCODE_NOERROR)).isTrue();
            assertThat(writer.a(DnsMessageWriter.QUESTION_NAME_OFFSET, TTL, 0x0a000002)).isTrue();
            int length = writer.finish();

            assertThat(DnsTestMessages.hex(out, 0, length))
                .isEqualTo(DnsTestMessages.WHOAMI_RESPONSE.replace(" ", ""));
            assertThat(out.getUnsignedShort(0x21)).as("owner is pointer 0xc00c").isEqualTo(0xc00c);
        } finally {
            query.release();
        }
    }

    @Test
    void shouldWriteTheSameBytesFromAPrecomputedQuestionName() {
        writer.wrap(out, 0, DnsHeader.MAX_UDP_LENGTH);
        writer.header().id(0x1234).qr(true).aa(true).rd(true).rcode(DnsHeader.RCODE_NOERROR);
        writer.question(DnsNames.encode("whoami.swarmnet."), DnsHeader.TYPE_A, DnsHeader.CLASS_IN);
        writer.a(DnsMessageWriter.QUESTION_NAME_OFFSET, TTL, 0x0a000002);
        int length = writer.finish();

        assertThat(DnsTestMessages.hex(out, 0, length)).isEqualTo(DnsTestMessages.WHOAMI_RESPONSE.replace(" ", ""));
    }

    @Test
    void shouldEchoTheQuestionWithItsOriginalCase() {
        ByteBuf query = buffer(DnsTestMessages.WHOAMI_MIXED_CASE_QUERY);
        try {
            reader.wrap(query, 0, query.readableBytes());
            writer.wrap(out, 0, DnsHeader.MAX_UDP_LENGTH);
            writer.beginResponse(reader, true, DnsHeader.RCODE_NXDOMAIN);
            int length = writer.finish();

            assertThat(DnsTestMessages.hex(out, 0x0c, length - 0x0c)).isEqualTo(DnsTestMessages.hex(query, 0x0c, 21));
            assertThat(reader.wrap(out, 0, length)).isEqualTo(DnsReadStatus.OK);
            assertThat(reader.header().rcode()).isEqualTo(DnsHeader.RCODE_NXDOMAIN);
            assertThat(reader.header().qr()).isTrue();
        } finally {
            query.release();
        }
    }

    @Test
    void shouldStopAtTheSizeCapAndSetTruncation() {
        writer.wrap(out, 0, DnsHeader.MAX_UDP_LENGTH);
        writer.header().id(0x0001).qr(true);
        writer.question(DnsNames.encode("many.swarmnet"), DnsHeader.TYPE_A, DnsHeader.CLASS_IN);
        int written = 0;
        while (writer.a(DnsMessageWriter.QUESTION_NAME_OFFSET, TTL, 0x0a000000 + written)) {
            written++;
        }
        int length = writer.finish();

        // 12 header + 19 question = 31; each A record is 16 octets: 31 + 30 * 16 = 511 <= 512.
        assertThat(written).isEqualTo(30);
        assertThat(length).isEqualTo(511);
        assertThat(writer.isFull()).isTrue();
        assertThat(writer.a(DnsMessageWriter.QUESTION_NAME_OFFSET, TTL, 1)).isFalse();
        assertThat(reader.wrap(out, 0, length)).isEqualTo(DnsReadStatus.OK);
        assertThat(reader.header().tc()).isTrue();
        assertThat(reader.header().anCount()).isEqualTo(30);
        for (int i = 0; i < 30; i++) {
            assertThat(reader.nextRecord()).isEqualTo(DnsReadStatus.OK);
            assertThat(out.getInt(reader.recordRdataOffset())).isEqualTo(0x0a000000 + i);
        }
        assertThat(reader.nextRecord()).isEqualTo(DnsReadStatus.END_OF_RECORDS);
    }

    @Test
    void shouldDropAdditionalRecordsThatDoNotFitWithoutSettingTruncation() {
        writer.wrap(out, 0, 0x40);
        writer.question(DnsNames.encode("svc.swarmnet"), DnsHeader.TYPE_SRV, DnsHeader.CLASS_IN);
        assertThat(writer.srv(DnsMessageWriter.QUESTION_NAME_OFFSET, TTL, 0, 0, 0x1f90, DnsNames.encode("t1"))).isTrue();
        writer.section(DnsMessageReader.SECTION_ADDITIONAL);
        assertThat(writer.aaaa(writer.lastNameOffset(), TTL, 0L, 1L)).isFalse();
        int length = writer.finish();

        assertThat(length).isLessThanOrEqualTo(0x40);
        assertThat(reader.wrap(out, 0, length)).isEqualTo(DnsReadStatus.OK);
        assertThat(reader.header().tc()).isFalse();
        assertThat(reader.header().arCount()).isZero();
    }

    @Test
    void shouldKeepRoomForTheOptRecordAndWriteItLast() {
        writer.wrap(out, 0, DnsHeader.MAX_UDP_LENGTH);
        writer.question(DnsNames.encode("many.swarmnet"), DnsHeader.TYPE_A, DnsHeader.CLASS_IN);
        assertThat(writer.reserveOpt(0x04d0)).isTrue();
        int written = 0;
        while (writer.a(DnsMessageWriter.QUESTION_NAME_OFFSET, TTL, written)) {
            written++;
        }
        int length = writer.finish();

        assertThat(written).isEqualTo(29);
        assertThat(length).isEqualTo(31 + 29 * 16 + 11);
        assertThat(reader.wrap(out, 0, length)).isEqualTo(DnsReadStatus.OK);
        assertThat(reader.header().tc()).isTrue();
        assertThat(reader.hasEdns()).isTrue();
        assertThat(reader.ednsUdpPayloadSize()).isEqualTo(0x04d0);
    }

    @Test
    void shouldCompressAdditionalOwnersToTheSrvTarget() {
        byte[] target = DnsNames.encode("task-1.web.swarmnet");
        byte[] ipv6 = new byte[16];
        ipv6[0] = (byte) 0xfd;
        ipv6[15] = 0x02;
        writer.wrap(out, 0, DnsHeader.MAX_UDP_LENGTH);
        writer.question(DnsNames.encode("_http._tcp.web.swarmnet"), DnsHeader.TYPE_SRV, DnsHeader.CLASS_IN);
        writer.srv(DnsMessageWriter.QUESTION_NAME_OFFSET, TTL, 0x0a, 0x05, 0x1f90, target);
        writer.section(DnsMessageReader.SECTION_ADDITIONAL);
        writer.a(writer.lastNameOffset(), TTL, 0x0a000007);
        writer.aaaa(writer.lastNameOffset(), TTL, ipv6);
        int length = writer.finish();
        out.writerIndex(length);

        assertThat(reader.wrap(out, 0, length)).isEqualTo(DnsReadStatus.OK);
        assertThat(reader.nextRecord()).isEqualTo(DnsReadStatus.OK);
        int rdata = reader.recordRdataOffset();
        assertThat(out.getUnsignedShort(rdata)).isEqualTo(0x0a);
        assertThat(out.getUnsignedShort(rdata + 2)).isEqualTo(0x05);
        assertThat(out.getUnsignedShort(rdata + 4)).isEqualTo(0x1f90);
        assertThat(DnsNames.decode(out, rdata + 6)).isEqualTo("task-1.web.swarmnet.");
        assertThat(reader.nextRecord()).isEqualTo(DnsReadStatus.OK);
        assertThat(reader.recordSection()).isEqualTo(DnsMessageReader.SECTION_ADDITIONAL);
        assertThat(reader.recordNameHash()).isEqualTo(DnsNames.hash(target));
        assertThat(reader.nextRecord()).isEqualTo(DnsReadStatus.OK);
        assertThat(reader.recordType()).isEqualTo(DnsHeader.TYPE_AAAA);
        assertThat(DnsNames.decode(out, reader.recordNameOffset())).isEqualTo("task-1.web.swarmnet.");
        assertThat(out.getLong(reader.recordRdataOffset())).isEqualTo(0xfd00000000000000L);
        assertThat(out.getLong(reader.recordRdataOffset() + 8)).isEqualTo(2L);
    }

    @Test
    void shouldAnswerAReverseLookupWithAPtrRecord() {
        writer.wrap(out, 0, DnsHeader.MAX_UDP_LENGTH);
        writer.question(DnsNames.reverseName(0x0a000002), DnsHeader.TYPE_PTR, DnsHeader.CLASS_IN);
        writer.ptr(DnsMessageWriter.QUESTION_NAME_OFFSET, TTL, DnsNames.encode("whoami.swarmnet"));
        int length = writer.finish();
        out.writerIndex(length);

        assertThat(reader.wrap(out, 0, length)).isEqualTo(DnsReadStatus.OK);
        assertThat(DnsNames.decode(out, reader.questionNameOffset())).isEqualTo("2.0.0.10.in-addr.arpa.");
        assertThat(reader.nextRecord()).isEqualTo(DnsReadStatus.OK);
        assertThat(reader.recordType()).isEqualTo(DnsHeader.TYPE_PTR);
        assertThat(DnsNames.decode(out, reader.recordRdataOffset())).isEqualTo("whoami.swarmnet.");
    }

    @Test
    void shouldRefuseAnOwnerOffsetThatDoesNotPointBackIntoTheMessage() {
        writer.wrap(out, 0, DnsHeader.MAX_UDP_LENGTH);
        writer.question(DnsNames.encode("a"), DnsHeader.TYPE_A, DnsHeader.CLASS_IN);

        assertThatThrownBy(() -> writer.a(0x400, TTL, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.a(0x02, TTL, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldNotWritePastASmallBuffer() {
        ByteBuf tiny = Unpooled.buffer(20, 20);
        try {
            assertThat(writer.wrap(tiny, 0, DnsHeader.MAX_UDP_LENGTH)).isTrue();
            assertThat(writer.question(DnsNames.encode("whoami.swarmnet"), DnsHeader.TYPE_A, DnsHeader.CLASS_IN)).isFalse();
            assertThat(writer.finish()).isEqualTo(DnsHeader.LENGTH);
        } finally {
            tiny.release();
        }
    }
}
