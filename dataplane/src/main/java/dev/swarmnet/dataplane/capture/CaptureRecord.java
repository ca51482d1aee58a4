package dev.swarmnet.dataplane.capture;

/**
 * Layout of one captured frame in the capture ring: a fixed header, then the captured bytes.
 * The {@link CapturePoint} travels as the ring's message type id, not in the record.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 Timestamp (ns, monotonic clock)               |
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 Original length (bytes on the wire)           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 Local port id (port points), else -1          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 Peer IPv4 address (underlay points)           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 Peer UDP port (underlay points)               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 Captured bytes (up to the snap length) ...    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Fields are in the ring buffer's native order; the record never leaves the process. The
 * captured length is the ring record's length minus {@link #HEADER_LENGTH}. Constants only.
 */
final class CaptureRecord {
    static final int TIMESTAMP_OFFSET = 0;
    static final int ORIGINAL_LENGTH_OFFSET = 8;
    static final int PORT_OFFSET = 12;
    static final int PEER_ADDRESS_OFFSET = 16;
    static final int PEER_PORT_OFFSET = 20;
    static final int HEADER_LENGTH = 24;

    private CaptureRecord() {
    }
}
