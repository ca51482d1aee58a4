package dev.swarmnet.dataplane.wire.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.swarmnet.dataplane.testing.WarmAllocations;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class DnsCodecAllocationTest {
    private static final int ROUNDS = 20_000;

    private final DnsMessageReader reader = new DnsMessageReader();
    private final DnsMessageWriter writer = new DnsMessageWriter();
    private final byte[] table = DnsNames.encode("www.example.com");
    private final byte[] target = DnsNames.encode("task-1.web.swarmnet");
    private final byte[] scratch = new byte[DnsNames.MAX_WIRE_LENGTH];
    private long sink;

    @Test
    void shouldReadAndAnswerQueriesWithoutAllocating() {
        assumeTrue(WarmAllocations.measurable(), "needs HotSpot allocation counters");
        ByteBuf query = DnsTestMessages.buffer(DnsTestMessages.EDNS_QUERY);
        ByteBuf response = DnsTestMessages.buffer(DnsTestMessages.COMPRESSED_RESPONSE);
        ByteBuf out = Unpooled.buffer(0x200, 0x200);
        try {
            long allocated = WarmAllocations.afterWarmUp(() -> runRounds(query, response, out), 1024);

            assertThat(sink).isNotZero();
            assertThat(allocated).as("bytes allocated over %d rounds", ROUNDS).isLessThan(1024);
        } finally {
            query.release();
            response.release();
            out.release();
        }
    }

    private void runRounds(ByteBuf query, ByteBuf response, ByteBuf out) {
        for (int i = 0; i < ROUNDS; i++) {
            reader.wrap(query, 0, query.readableBytes());
            sink += reader.questionNameHash() + (reader.questionNameEquals(table) ? 1 : 0)
                + reader.copyQuestionNameLowerCase(scratch) + reader.ednsUdpPayloadSize();
            writer.wrap(out, 0, Math.max(DnsHeader.MAX_UDP_LENGTH, reader.ednsUdpPayloadSize()));
            writer.beginResponse(reader, true, DnsHeader.RCODE_NOERROR);
            writer.reserveOpt(0x04d0);
            writer.srv(DnsMessageWriter.QUESTION_NAME_OFFSET, 0x3c, 1, 1, 0x50, target);
            writer.section(DnsMessageReader.SECTION_ADDITIONAL);
            writer.aaaa(writer.lastNameOffset(), 0x3c, i, ~i);
            sink += writer.finish();

            reader.wrap(response, 0, response.readableBytes());
            while (reader.nextRecord() == DnsReadStatus.OK) {
                sink += reader.recordNameHash() + reader.recordType();
            }
        }
    }
}
