package dev.swarmnet.controlplane.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LogEntryCodecTest {

    @Test
    void shouldCarryTheTimestampAndTheCommandThroughARoundTrip() {
        final byte[] command = {0x7b, 0x00, (byte) 0xff};
        final byte[] entry = LogEntryCodec.encode(0x0102030405060708L, command);

        assertThat(entry).startsWith(0x01, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08);
        final LogEntryCodec.Entry decoded = LogEntryCodec.decode(entry);
        assertThat(decoded.timestampMillis()).isEqualTo(0x0102030405060708L);
        assertThat(decoded.command()).containsExactly(command);
    }

    @Test
    void shouldAcceptAnEmptyCommand() {
        assertThat(LogEntryCodec.decode(LogEntryCodec.encode(42, new byte[0])).command()).isEmpty();
    }

    @Test
    void shouldRejectAnUnknownVersionOrATruncatedEntry() {
        final byte[] entry = LogEntryCodec.encode(1, new byte[] {1});
        entry[0] = 0x02;
        assertThatThrownBy(() -> LogEntryCodec.decode(entry)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 0x2");
        assertThatThrownBy(() -> LogEntryCodec.decode(new byte[] {0x01, 0x00}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
