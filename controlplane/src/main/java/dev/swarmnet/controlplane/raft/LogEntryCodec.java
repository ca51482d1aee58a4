package dev.swarmnet.controlplane.raft;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The bytes of one state-machine log entry: a leader-assigned timestamp and the command.
 *
 * <pre>
 *  0               1                               9
 *  +---------------+-------------------------------+------------------------+
 *  | version 0x01  | timestamp, ms since epoch, BE | command (rest of entry) |
 *  +---------------+-------------------------------+------------------------+
 * </pre>
 *
 * <p>The leader writes the timestamp into the entry when it accepts the command, so that every
 * manager applies the command with the same time. Stateless; any thread.
 */
final class LogEntryCodec {

    static final byte VERSION = 0x01;
    static final int VERSION_OFFSET = 0;
    static final int TIMESTAMP_OFFSET = 1;
    static final int COMMAND_OFFSET = 9;

    private LogEntryCodec() {
    }

    /** A decoded entry. */
    record Entry(long timestampMillis, byte[] command) {
    }

    static byte[] encode(long timestampMillis, byte[] command) {
        final byte[] entry = new byte[COMMAND_OFFSET + command.length];
        entry[VERSION_OFFSET] = VERSION;
        ByteBuffer.wrap(entry).putLong(TIMESTAMP_OFFSET, timestampMillis);
        System.arraycopy(command, 0, entry, COMMAND_OFFSET, command.length);
        return entry;
    }

    /** Decodes an entry; throws {@link IllegalArgumentException} if it is not one. */
    static Entry decode(byte[] entry) {
        if (entry.length < COMMAND_OFFSET || entry[VERSION_OFFSET] != VERSION) {
            throw new IllegalArgumentException("not a version-1 log entry: " + entry.length + " bytes"
                    + (entry.length > 0 ? ", version 0x" + Integer.toHexString(entry[VERSION_OFFSET] & 0xff) : ""));
        }
        final long timestamp = ByteBuffer.wrap(entry).getLong(TIMESTAMP_OFFSET);
        return new Entry(timestamp, Arrays.copyOfRange(entry, COMMAND_OFFSET, entry.length));
    }
}
