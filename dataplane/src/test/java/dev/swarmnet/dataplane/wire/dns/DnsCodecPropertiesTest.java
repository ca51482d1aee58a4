package dev.swarmnet.dataplane.wire.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import dev.swarmnet.dataplane.testing.Trials;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DnsCodecPropertiesTest {
    private static final int MAX_MESSAGE = 0xffff;

    /** One record to write: TYPE plus the values its RDATA is made from. */
    record Rec(int type, int ttl, int ipv4, long high, long low, int priority, int weight, int port, String target) {
    }

    @Test
    void written_questions_and_records_read_back_identical() {
        Trials.forAll(300, random -> roundTrips(name(random), recordSet(random)));
    }

    private static void roundTrips(String name, List<Rec> records) {
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

    @Test
    void reader_never_throws_on_arbitrary_bytes() {
        Trials.forAll(2000, random -> walkEverything(Trials.bytes(random, 0, 600)));
    }

    @Test
    void reader_never_throws_on_mutated_valid_messages() {
        Trials.forAll(2000, random -> walkEverything(mutation(random)));
    }

    @Test
    void hash_and_equality_ignore_ascii_case() {
        Trials.forAll(500, random -> ignoresAsciiCase(name(random), anyLong(random)));
    }

    private static void ignoresAsciiCase(String name, long caseSeed) {
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

    private static final String LABEL_CHARS =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";

    private static final List<byte[]> MUTATION_SEEDS = List.of(
        DnsTestMessages.bytes(DnsTestMessages.WHOAMI_RESPONSE),
        DnsTestMessages.bytes(DnsTestMessages.COMPRESSED_RESPONSE),
        DnsTestMessages.bytes(DnsTestMessages.EDNS_QUERY));

    /**
     * A dotted name of 1..6 labels, each 1..63 characters from [A-Za-z0-9_-], that fits the
     * 255-byte wire limit. Label lengths favour the bounds 1 and 63 one time in four.
     */
    private static String name(SplittableRandom random) {
        while (true) {
            int labels = Trials.between(random, 1, 6);
            StringBuilder joined = new StringBuilder();
            for (int i = 0; i < labels; i++) {
                if (i > 0) {
                    joined.append('.');
                }
                int length = switch (random.nextInt(8)) {
                    case 0 -> 1;
                    case 1 -> 63;
                    default -> Trials.between(random, 1, 63);
                };
                for (int c = 0; c < length; c++) {
                    joined.append(LABEL_CHARS.charAt(random.nextInt(LABEL_CHARS.length())));
                }
            }
            if (joined.length() + 2 <= DnsNames.MAX_WIRE_LENGTH) {
                return joined.toString();
            }
        }
    }

    /** 0..20 records, each an A, AAAA, PTR or SRV with equal odds. */
    private static List<Rec> recordSet(SplittableRandom random) {
        int count = Trials.between(random, 0, 20);
        List<Rec> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int ttl = edgeOr(random, 0, Integer.MAX_VALUE, (int) random.nextLong(0, Integer.MAX_VALUE + 1L));
            records.add(switch (random.nextInt(4)) {
                case 0 -> new Rec(DnsHeader.TYPE_A, ttl, anyInt(random), 0, 0, 0, 0, 0, null);
                case 1 -> new Rec(DnsHeader.TYPE_AAAA, ttl, 0, anyLong(random), anyLong(random), 0, 0, 0, null);
                case 2 -> new Rec(DnsHeader.TYPE_PTR, ttl, 0, 0, 0, 0, 0, 0, name(random).toLowerCase() + ".");
                default -> new Rec(DnsHeader.TYPE_SRV, ttl, 0, 0, 0, u16(random), u16(random), u16(random),
                    name(random).toLowerCase() + ".");
            });
        }
        return records;
    }

    /** One of the valid seed messages with 0..6 bytes overwritten at random positions. */
    private static byte[] mutation(SplittableRandom random) {
        byte[] copy = MUTATION_SEEDS.get(random.nextInt(MUTATION_SEEDS.size())).clone();
        int edits = Trials.between(random, 0, 6);
        for (int i = 0; i < edits; i++) {
            int edit = Trials.between(random, 0, 0xffff);
            copy[(edit >>> 8) % copy.length] = (byte) edit;
        }
        return copy;
    }

    /** Returns {@code low} or {@code high} one time in ten each, else {@code otherwise}. */
    private static int edgeOr(SplittableRandom random, int low, int high, int otherwise) {
        int pick = random.nextInt(10);
        return pick == 0 ? low : pick == 1 ? high : otherwise;
    }

    private static int u16(SplittableRandom random) {
        return edgeOr(random, 0, 0xffff, Trials.between(random, 0, 0xffff));
    }

    private static int anyInt(SplittableRandom random) {
        return switch (random.nextInt(10)) {
            case 0 -> 0;
            case 1 -> -1;
            case 2 -> Integer.MIN_VALUE;
            case 3 -> Integer.MAX_VALUE;
            default -> random.nextInt();
        };
    }

    private static long anyLong(SplittableRandom random) {
        return switch (random.nextInt(10)) {
            case 0 -> 0L;
            case 1 -> -1L;
            case 2 -> Long.MIN_VALUE;
            case 3 -> Long.MAX_VALUE;
            default -> random.nextLong();
        };
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
