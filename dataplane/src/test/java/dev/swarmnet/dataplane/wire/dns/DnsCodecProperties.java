package dev.swarmnet.dataplane.wire.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class DnsCodecProperties {
    private static final int MAX_MESSAGE = 0xffff;

    /** One record to write: TYPE plus the values its RDATA is made from. */
    record Rec(int type, int ttl, int ipv4, long high, long low, int priority, int weight, int port, String target) {
    }

    @Property(tries = 300)
    void writtenQuestionsAndRecordsReadBackIdentical(@ForAll("names") String name, @ForAll("recordSets") List<Rec> records) {
        byte[] wireName = DnsNames.encode(name);
        ByteBuf buf = Unpooled.buffer(MAX_MESSAGE, MAX_MESSAGE);
        try {
            DnsMessageWriter writer = new DnsMessageWriter();
            writer.wrap(buf, 0, MAX_MESSAGE);
            writer.header().id(0x4242).qr(true);
            assertThat(writer.question(wireName, DnsHeader.TYPE_ANY, DnsHeader.CLASS_IN)).isTrue();
            for (Rec rec : records) {
                assertThat(write(writer, rec)).isTrue();
            }
            int length = writer.finish();

            DnsMessageReader reader = new DnsMessageReader();
            assertThat(reader.wrap(buf, 0, length)).isEqualTo(DnsReadStatus.OK);
            assertThat(reader.questionNameEquals(wireName)).isTrue();
            assertThat(reader.questionNameHash()).isEqualTo(DnsNames.hash(wireName));
            assertThat(DnsNames.decode(buf, 0, length, reader.questionNameOffset())).isEqualTo(name.toLowerCase() + ".");
            for (Rec rec : records) {
                assertThat(reader.nextRecord()).isEqualTo(DnsReadStatus.OK);
                assertThat(reader.recordNameHash()).isEqualTo(reader.questionNameHash());
                assertThat(reader.recordType()).isEqualTo(rec.type());
                assertThat(reader.recordClass()).isEqualTo(DnsHeader.CLASS_IN);
                assertThat(reader.recordTtl()).isEqualTo(rec.ttl());
                assertThat(readBack(buf, length, reader)).isEqualTo(rec);
            }
            assertThat(reader.nextRecord()).isEqualTo(DnsReadStatus.END_OF_RECORDS);
            assertThat(reader.recordsEnd()).isEqualTo(length);
        } finally {
            buf.release();
        }
    }

    @Property(tries = 2000)
    void readerNeverThrowsOnArbitraryBytes(@ForAll @Size(max = 600) byte[] bytes) {
        walkEverything(bytes);
    }

    @Property(tries = 2000)
    void readerNeverThrowsOnMutatedValidMessages(@ForAll("mutations") byte[] bytes) {
        walkEverything(bytes);
    }

    @Property(tries = 500)
    void hashAndEqualityIgnoreAsciiCase(@ForAll("names") String name, @ForAll long caseSeed) {
        byte[] lower = DnsNames.encode(name);
        byte[] mixed = lower.clone();
        for (int i = 0; i < mixed.length; i++) {
            if (mixed[i] >= 'a' && mixed[i] <= 'z' && ((caseSeed >>> (i & 63)) & 1) != 0) {
                mixed[i] = (byte) (mixed[i] - 0x20);
            }
        }
        ByteBuf buf = Unpooled.buffer();
        try {
            buf.writeBytes(DnsTestMessages.bytes("0000 0000 0001 0000 0000 0000")).writeBytes(mixed).writeInt(0x00010001);
            DnsMessageReader reader = new DnsMessageReader();
            assertThat(reader.wrap(buf, 0, buf.readableBytes())).isEqualTo(DnsReadStatus.OK);
            assertThat(reader.questionNameEquals(lower)).isTrue();
            assertThat(reader.questionNameHash()).isEqualTo(DnsNames.hash(lower)).isEqualTo(DnsNames.hash(mixed));
        } finally {
            buf.release();
        }
    }

    /** Wraps, reads every accessor, walks every record and name; must not throw. */
    static void walkEverything(byte[] bytes) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        try {
            DnsMessageReader reader = new DnsMessageReader(4);
            byte[] scratch = new byte[DnsNames.MAX_WIRE_LENGTH];
            if (reader.wrap(buf, 0, bytes.length) != DnsReadStatus.OK) {
                assertThat(reader.nextRecord()).isEqualTo(DnsReadStatus.NOT_WRAPPED);
                return;
            }
            int copied = reader.copyQuestionNameLowerCase(scratch);
            assertThat(copied).isEqualTo(reader.questionNameWireLength()).isBetween(1, 255);
            byte[] name = Arrays.copyOf(scratch, copied);
            assertThat(reader.questionNameEquals(name)).isTrue();
            assertThat(DnsNames.hash(name)).isEqualTo(reader.questionNameHash());
            int status;
            while ((status = reader.nextRecord()) == DnsReadStatus.OK) {
                reader.recordNameHash();
                int type = reader.recordType();
                if (type == DnsHeader.TYPE_CNAME || type == DnsHeader.TYPE_PTR || type == DnsHeader.TYPE_NS) {
                    int result = reader.copyNameLowerCase(reader.recordRdataOffset(), scratch);
                    assertThat(result).isNotZero();
                }
            }
            assertThat(status).isEqualTo(DnsReadStatus.END_OF_RECORDS);
        } finally {
            buf.release();
        }
    }

    @Provide
    Arbitrary<String> names() {
        Arbitrary<String> label = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z')
            .withCharRange('0', '9').withChars('-', '_').ofMinLength(1).ofMaxLength(63);
        return label.list().ofMinSize(1).ofMaxSize(6)
            .map(labels -> String.join(".", labels))
            .filter(joined -> joined.length() + 2 <= DnsNames.MAX_WIRE_LENGTH);
    }

    @Provide
    Arbitrary<List<Rec>> recordSets() {
        Arbitrary<Integer> ttl = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        Arbitrary<Integer> u16 = Arbitraries.integers().between(0, 0xffff);
        Arbitrary<Rec> a = Combinators.combine(ttl, Arbitraries.integers())
            .as((t, ip) -> new Rec(DnsHeader.TYPE_A, t, ip, 0, 0, 0, 0, 0, null));
        Arbitrary<Rec> aaaa = Combinators.combine(ttl, Arbitraries.longs(), Arbitraries.longs())
            .as((t, h, l) -> new Rec(DnsHeader.TYPE_AAAA, t, 0, h, l, 0, 0, 0, null));
        Arbitrary<Rec> ptr = Combinators.combine(ttl, names())
            .as((t, n) -> new Rec(DnsHeader.TYPE_PTR, t, 0, 0, 0, 0, 0, 0, n.toLowerCase() + "."));
        Arbitrary<Rec> srv = Combinators.combine(ttl, u16, u16, u16, names())
            .as((t, p, w, port, n) -> new Rec(DnsHeader.TYPE_SRV, t, 0, 0, 0, p, w, port, n.toLowerCase() + "."));
        return Arbitraries.oneOf(a, aaaa, ptr, srv).list().ofMaxSize(20);
    }

    @Provide
    Arbitrary<byte[]> mutations() {
        List<byte[]> seeds = List.of(
            DnsTestMessages.bytes(DnsTestMessages.WHOAMI_RESPONSE),
            DnsTestMessages.bytes(DnsTestMessages.COMPRESSED_RESPONSE),
            DnsTestMessages.bytes(DnsTestMessages.EDNS_QUERY));
        return Combinators.combine(Arbitraries.of(seeds), Arbitraries.integers().between(0, 0xffff).list().ofMaxSize(6))
            .as((seed, edits) -> {
                byte[] copy = seed.clone();
                for (int edit : edits) {
                    copy[(edit >>> 8) % copy.length] = (byte) edit;
                }
                return copy;
            });
    }

    private static boolean write(DnsMessageWriter writer, Rec rec) {
        int owner = DnsMessageWriter.QUESTION_NAME_OFFSET;
        switch (rec.type()) {
            case DnsHeader.TYPE_A:
                return writer.a(owner, rec.ttl(), rec.ipv4());
            case DnsHeader.TYPE_AAAA:
                return writer.aaaa(owner, rec.ttl(), rec.high(), rec.low());
            case DnsHeader.TYPE_PTR:
                return writer.ptr(owner, rec.ttl(), DnsNames.encode(rec.target()));
            default:
                return writer.srv(owner, rec.ttl(), rec.priority(), rec.weight(), rec.port(), DnsNames.encode(rec.target()));
        }
    }

    private static Rec readBack(ByteBuf buf, int length, DnsMessageReader reader) {
        int rdata = reader.recordRdataOffset();
        int ttl = reader.recordTtl();
        switch (reader.recordType()) {
            case DnsHeader.TYPE_A:
                assertThat(reader.recordRdataLength()).isEqualTo(4);
                return new Rec(DnsHeader.TYPE_A, ttl, buf.getInt(rdata), 0, 0, 0, 0, 0, null);
            case DnsHeader.TYPE_AAAA:
                assertThat(reader.recordRdataLength()).isEqualTo(16);
                return new Rec(DnsHeader.TYPE_AAAA, ttl, 0, buf.getLong(rdata), buf.getLong(rdata + 8), 0, 0, 0, null);
            case DnsHeader.TYPE_PTR:
                return new Rec(DnsHeader.TYPE_PTR, ttl, 0, 0, 0, 0, 0, 0, DnsNames.decode(buf, 0, length, rdata));
            default:
                return new Rec(DnsHeader.TYPE_SRV, ttl, 0, 0, 0, buf.getUnsignedShort(rdata), buf.getUnsignedShort(rdata + 2),
                    buf.getUnsignedShort(rdata + 4), DnsNames.decode(buf, 0, length, rdata + 6));
        }
    }
}
