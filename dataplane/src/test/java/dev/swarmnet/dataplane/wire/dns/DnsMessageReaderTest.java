package dev.swarmnet.dataplane.wire.dns;

import static dev.swarmnet.dataplane.wire.dns.DnsTestMessages.buffer;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DnsMessageReaderTest {
    private static final String HEADER_ONE_QUESTION = "0001 0000 0001 0000 0000 0000";

    private final DnsMessageReader reader = new DnsMessageReader();

    @Test
    void shouldReadTheQuestionOfAHandBuiltWhoamiQuery() {
        ByteBuf buf = buffer(DnsTestMessages.WHOAMI_QUERY);
        try {
            assertThat(reader.wrap(buf, 0, buf.readableBytes())).isEqualTo(DnsReadStatus.OK);
            assertThat(reader.header().id()).isEqualTo(0x1234);
            assertThat(reader.header().qr()).isFalse();
            assertThat(reader.header().rd()).isTrue();
            assertThat(reader.header().opcode()).isEqualTo(DnsHeader.OPCODE_QUERY);
            assertThat(reader.questionType()).isEqualTo(DnsHeader.TYPE_A);
            assertThat(reader.questionClass()).isEqualTo(DnsHeader.CLASS_IN);
            assertThat(reader.questionNameOffset()).isEqualTo(0x0c);
            assertThat(reader.questionNameEncodedLength()).isEqualTo(17);
            assertThat(reader.questionNameWireLength()).isEqualTo(17);
            assertThat(reader.hasEdns()).isFalse();
            assertThat(reader.nextRecord()).isEqualTo(DnsReadStatus.END_OF_RECORDS);
            assertThat(DnsNames.decode(buf, reader.questionNameOffset())).isEqualTo("whoami.swarmnet.");
        } finally {
            buf.release();
        }
    }

    @Test
    void shouldReadAMessageThatStartsInTheMiddleOfABuffer() {
        byte[] query = DnsTestMessages.bytes(DnsTestMessages.WHOAMI_QUERY);
        ByteBuf buf = Unpooled.buffer(query.length + 40);
        try {
            buf.writeZero(14).writeBytes(query).writeZero(9);
            assertThat(reader.wrap(buf, 14, query.length)).isEqualTo(DnsReadStatus.OK);
            assertThat(reader.questionNameOffset()).isEqualTo(14 + 0x0c);
            assertThat(reader.questionNameEquals(DnsNames.encode("whoami.swarmnet"))).isTrue();
        } finally {
            buf.release();
        }
    }

    @Test
    void shouldFollowCompressionPointersToTheRightNames() {
        ByteBuf buf = buffer(DnsTestMessages.COMPRESSED_RESPONSE);
        try {
            assertThat(reader.wrap(buf, 0, buf.readableBytes())).isEqualTo(DnsReadStatus.OK);

            assertThat(reader.nextRecord()).isEqualTo(DnsReadStatus.OK);
            assertThat(reader.recordSection()).isEqualTo(DnsMessageReader.SECTION_ANSWER);
            assertThat(reader.recordType()).isEqualTo(DnsHeader.TYPE_CNAME);
            assertThat(reader.recordTtl()).isEqualTo(3600);
            assertThat(DnsNames.decode(buf, reader.recordNameOffset())).isEqualTo("www.example.com.");
            assertThat(reader.recordNameHash()).isEqualTo(reader.questionNameHash());
            int cnameTarget = reader.recordRdataOffset();
            assertThat(reader.validateName(cnameTarget)).isEqualTo(17);
            assertThat(DnsNames.decode(buf, cnameTarget)).isEqualTo("web.example.com.");
            byte[] scratch = new byte[DnsNames.MAX_WIRE_LENGTH];
            assertThat(reader.copyNameLowerCase(cnameTarget, scratch)).isEqualTo(17);

            assertThat(reader.nextRecord()).isEqualTo(DnsReadStatus.OK);
            assertThat(reader.recordType()).isEqualTo(DnsHeader.TYPE_A);
            assertThat(DnsNames.decode(buf, reader.recordNameOffset())).isEqualTo("web.example.com.");
            assertThat(reader.recordNameHash()).isEqualTo(DnsNames.hash(DnsNames.encode("web.example.com")));
            assertThat(reader.recordRdataLength()).isEqualTo(4);
            assertThat(buf.getInt(reader.recordRdataOffset())).isEqualTo(0x5db8d822);

            assertThat(reader.nextRecord()).isEqualTo(DnsReadStatus.END_OF_RECORDS);
            reader.rewindRecords();
            assertThat(reader.nextRecord()).isEqualTo(DnsReadStatus.OK);
            assertThat(reader.recordType()).isEqualTo(DnsHeader.TYPE_CNAME);
        } finally {
            buf.release();
        }
    }

    @Test
    void shouldMatchAndHashAMixedCaseQuestionLikeTheEncodedLowerCaseName() {
        byte[] expected = DnsNames.encode("whoami.swarmnet");
        ByteBuf buf = buffer(DnsTestMessages.WHOAMI_MIXED_CASE_QUERY);
        try {
            assertThat(reader.wrap(buf, 0, buf.readableBytes())).isEqualTo(DnsReadStatus.OK);
            assertThat(reader.questionNameEquals(expected)).isTrue();
            assertThat(reader.questionNameHash()).isEqualTo(DnsNames.hash(expected));
            assertThat(reader.questionNameEquals(DnsNames.encode("whoami.swarmnet.dev"))).isFalse();
            assertThat(reader.questionNameEquals(DnsNames.encode("whoami.swarm"))).isFalse();
            assertThat(reader.questionNameEquals(DnsNames.encode("whoamj.swarmnet"))).isFalse();
            assertThat(reader.questionNameHash()).isNotEqualTo(DnsNames.hash(DnsNames.encode("whoamj.swarmnet")));

            byte[] scratch = new byte[DnsNames.MAX_WIRE_LENGTH];
            assertThat(reader.copyQuestionNameLowerCase(scratch)).isEqualTo(expected.length);
            assertThat(java.util.Arrays.copyOf(scratch, expected.length)).isEqualTo(expected);
            assertThat(reader.copyQuestionNameLowerCase(new byte[16])).isEqualTo(DnsReadStatus.DESTINATION_TOO_SMALL);
            assertThat(DnsNames.decode(buf, reader.questionNameOffset())).isEqualTo("WhoAmI.SwarmNet.");
        } finally {
            buf.release();
        }
    }

    @Test
    void shouldNotFoldOctetsOutsideAsciiLetters() {
        ByteBuf buf = buffer("1234 0100 0001 0000 0000 0000 01 c1 00 0001 0001");
        try {
            assertThat(reader.wrap(buf, 0, buf.readableBytes())).isEqualTo(DnsReadStatus.OK);
            assertThat(reader.questionNameEquals(new byte[] {1, (byte) 0xe1, 0})).isFalse();
            assertThat(reader.questionNameEquals(new byte[] {1, (byte) 0xc1, 0})).isTrue();
        } finally {
            buf.release();
        }
    }

    @Test
    void shouldRecordTheEdnsPayloadSizeFromTheOptRecord() {
        ByteBuf buf = buffer(DnsTestMessages.EDNS_QUERY);
        try {
            assertThat(reader.wrap(buf, 0, buf.readableBytes())).isEqualTo(DnsReadStatus.OK);
            assertThat(reader.hasEdns()).isTrue();
            assertThat(reader.ednsUdpPayloadSize()).isEqualTo(1232);
            assertThat(reader.ednsVersion()).isZero();
            assertThat(reader.ednsFlags()).isEqualTo(0x8000);
            assertThat(reader.questionType()).isEqualTo(DnsHeader.TYPE_AAAA);
            assertThat(reader.header().z()).isEqualTo(0x2);
            assertThat(reader.nextRecord()).isEqualTo(DnsReadStatus.OK);
            assertThat(reader.recordSection()).isEqualTo(DnsMessageReader.SECTION_ADDITIONAL);
            assertThat(reader.recordType()).isEqualTo(DnsHeader.TYPE_OPT);
            assertThat(reader.nextRecord()).isEqualTo(DnsReadStatus.END_OF_RECORDS);
        } finally {
            buf.release();
        }
    }

    static Stream<Arguments> malformedMessages() {
        return Stream.of(
            Arguments.of("pointer back into its own labels", HEADER_ONE_QUESTION + "01 61 c00c 0001 0001",
                DnsReadStatus.POINTER_LOOP),
            Arguments.of("pointer to itself", HEADER_ONE_QUESTION + "c00c 0001 0001", DnsReadStatus.FORWARD_POINTER),
            Arguments.of("forward pointer", HEADER_ONE_QUESTION + "c00e 01 61 00 0001 0001",
                DnsReadStatus.FORWARD_POINTER),
            Arguments.of("pointer past the end", HEADER_ONE_QUESTION + "c0ff 0001 0001",
                DnsReadStatus.POINTER_OUT_OF_BOUNDS),
            Arguments.of("pointer into the header", HEADER_ONE_QUESTION + "01 61 c002 0001 0001",
                DnsReadStatus.POINTER_OUT_OF_BOUNDS),
            Arguments.of("label of 64 octets (0x40 type)", HEADER_ONE_QUESTION + "40" + "61".repeat(64) + "00 0001 0001",
                DnsReadStatus.BAD_LABEL),
            Arguments.of("0x80 label type", HEADER_ONE_QUESTION + "80 00 0001 0001", DnsReadStatus.BAD_LABEL),
            Arguments.of("name of 256 octets", HEADER_ONE_QUESTION + labels(63, 63, 63, 62) + "00 0001 0001",
                DnsReadStatus.NAME_TOO_LONG),
            Arguments.of("name of 256 octets built with a pointer",
                "0001 0000 0001 0001 0000 0000" + labels(63, 63, 63) + "00 0001 0001"
                    + labels(62) + "c00c 0001 0001 00000000 0000",
                DnsReadStatus.NAME_TOO_LONG),
            Arguments.of("two questions", "0001 0000 0002 0000 0000 0000 00 0001 0001 00 0001 0001",
                DnsReadStatus.TOO_MANY_QUESTIONS),
            Arguments.of("no question", "0001 0000 0000 0000 0000 0000", DnsReadStatus.NO_QUESTION),
            Arguments.of("short header", "0001 0000 0001", DnsReadStatus.TRUNCATED),
            Arguments.of("rdata longer than the message",
                "0001 8000 0001 0001 0000 0000 00 0001 0001 00 0001 0001 00000000 0005 0a000001",
                DnsReadStatus.TRUNCATED),
            Arguments.of("fewer records than ANCOUNT",
                "0001 8000 0001 0002 0000 0000 00 0001 0001 00 0001 0001 00000000 0004 0a000001",
                DnsReadStatus.TRUNCATED),
            Arguments.of("OPT in the answer section",
                "0001 8000 0001 0001 0000 0000 00 0001 0001 00 0029 0200 00000000 0000",
                DnsReadStatus.BAD_OPT),
            Arguments.of("two OPT records",
                "0001 0000 0001 0000 0000 0002 00 0001 0001 00 0029 0200 00000000 0000 00 0029 0200 00000000 0000",
                DnsReadStatus.BAD_OPT),
            Arguments.of("OPT with a non-root owner",
                "0001 0000 0001 0000 0000 0001 01 61 00 0001 0001 c00c 0029 0200 00000000 0000",
                DnsReadStatus.BAD_OPT));
    }

    @ParameterizedTest(name = "{0} is rejected as {2}")
    @MethodSource("malformedMessages")
    void shouldRejectMalformedMessagesWithASpecificCode(String description, String hex, int expected) {
        ByteBuf buf = buffer(hex);
        try {
            int status = reader.wrap(buf, 0, buf.readableBytes());
            assertThat(DnsReadStatus.describe(status)).as(description).isEqualTo(DnsReadStatus.describe(expected));
            assertThat(reader.nextRecord()).isEqualTo(DnsReadStatus.NOT_WRAPPED);
            assertThat(reader.questionNameEquals(new byte[] {0})).isFalse();
        } finally {
            buf.release();
        }
    }

    @Test
    void shouldAcceptANameOfExactly255Octets() {
        ByteBuf buf = buffer(HEADER_ONE_QUESTION + labels(63, 63, 63, 61) + "00 0001 0001");
        try {
            assertThat(reader.wrap(buf, 0, buf.readableBytes())).isEqualTo(DnsReadStatus.OK);
            assertThat(reader.questionNameWireLength()).isEqualTo(255);
        } finally {
            buf.release();
        }
    }

    @Test
    void shouldAcceptMoreQuestionsWhenTheLimitIsRaised() {
        ByteBuf buf = buffer("0001 0000 0002 0000 0000 0000 01 61 00 0001 0001 01 62 c00c 001c 0001");
        try {
            DnsMessageReader lenient = new DnsMessageReader(2);
            assertThat(lenient.wrap(buf, 0, buf.readableBytes())).isEqualTo(DnsReadStatus.OK);
            assertThat(lenient.questionNameEquals(new byte[] {1, 'a', 0})).isTrue();
        } finally {
            buf.release();
        }
    }

    @Test
    void shouldCapTheNumberOfPointerJumpsPerName() {
        int records = DnsMessageReader.MAX_POINTER_JUMPS + 1;
        StringBuilder hex = new StringBuilder(String.format("0001 8000 0001 %04x 0000 0000 01 61 00 0001 0001", records));
        int previousOwner = 0x0c;
        int position = 0x0c + 3 + 4;
        for (int i = 0; i < records; i++) {
            hex.append(String.format(" %04x 0001 0001 00000000 0000", 0xc000 | previousOwner));
            previousOwner = position;
            position += 12;
        }
        ByteBuf buf = buffer(hex.toString());
        try {
            assertThat(reader.wrap(buf, 0, buf.readableBytes())).isEqualTo(DnsReadStatus.TOO_MANY_POINTERS);
            ByteBuf shorter = buf.slice(0, buf.readableBytes() - 12);
            shorter.setShort(DnsHeader.ANCOUNT_OFFSET, records - 1);
            assertThat(reader.wrap(shorter, 0, shorter.readableBytes())).isEqualTo(DnsReadStatus.OK);
        } finally {
            buf.release();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validMessages")
    void shouldReportTruncationAtEveryByteBoundaryOfAValidMessage(String description, String hex) {
        ByteBuf buf = buffer(hex);
        try {
            int length = buf.readableBytes();
            assertThat(reader.wrap(buf, 0, length)).isEqualTo(DnsReadStatus.OK);
            for (int cut = 0; cut < length; cut++) {
                assertThat(DnsReadStatus.describe(reader.wrap(buf, 0, cut)))
                    .as("%s cut at %d", description, cut)
                    .isEqualTo("TRUNCATED");
            }
        } finally {
            buf.release();
        }
    }

    static Stream<Arguments> validMessages() {
        return Stream.of(
            Arguments.of("whoami query", DnsTestMessages.WHOAMI_QUERY),
            Arguments.of("whoami response", DnsTestMessages.WHOAMI_RESPONSE),
            Arguments.of("compressed response", DnsTestMessages.COMPRESSED_RESPONSE),
            Arguments.of("EDNS query", DnsTestMessages.EDNS_QUERY));
    }

    private static String labels(int... lengths) {
        StringBuilder hex = new StringBuilder();
        for (int length : lengths) {
            hex.append(String.format(" %02x", length)).append("61".repeat(length));
        }
        return hex.append(' ').toString();
    }
}
