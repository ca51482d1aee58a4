package dev.swarmnet.dataplane.answer;

import dev.swarmnet.dataplane.wire.Tcp;
import io.netty.buffer.ByteBuf;

/**
 * A DNS answer sent over TCP by the gateway's stateless endpoint, cut into segments: the stream
 * is the message's 2-octet length and then the message (RFC 1035 §4.2.2), segment {@code i}
 * carries stream octets {@code [i * mss, min((i + 1) * mss, length + 2))} with sequence number
 * {@code sequence + i * mss}, every segment acknowledges the query, and the last one also has
 * PSH and FIN (one answer per connection). All segments leave at once: the endpoint keeps no
 * state, so it never retransmits and sends no more than the client's receive window (the caller
 * checks it with {@link #fits}).
 *
 * <pre>
 *   stream:  | len(2) | message ...................................... |
 *   frames:  [ hdr | mss octets ][ hdr | mss octets ] ... [ hdr | rest, PSH FIN ]
 * </pre>
 *
 * <p>Stateless; allocation-free (the caller brings one buffer per segment).
 */
public final class TcpAnswer {
    /** The length prefix before the message. */
    public static final int PREFIX = 2;

    private TcpAnswer() {
    }

    /** Whether a message of {@code messageLength} octets, prefix included, fits a receive window of {@code window}. */
    public static boolean fits(int messageLength, int window) {
        return PREFIX + messageLength <= window;
    }

    /** How many segments of at most {@code mss} stream octets a message of {@code messageLength} octets takes. */
    public static int segments(int messageLength, int mss) {
        checkMss(mss);
        return (PREFIX + messageLength + mss - 1) / mss;
    }

    /** Stream octets in segment {@code index} (of {@link #segments}). */
    public static int payloadLength(int messageLength, int mss, int index) {
        int start = index * mss;
        return Math.min(mss, PREFIX + messageLength - start);
    }

    /**
     * Writes segment {@code index} as a whole frame at {@code frameOffset} of {@code frame} (which
     * needs {@code TcpReply.HEADERS_LENGTH + payloadLength(...)} octets of room there): its part
     * of the stream, copied from the message at {@code message[messageOffset, messageOffset +
     * messageLength)}, then the headers ({@link TcpReply#write}); the buffer's indices are set to
     * the frame.
     */
    public static void write(ByteBuf frame, int frameOffset, ByteBuf message, int messageOffset, int messageLength,
                             int mss, int index, long sourceMac, long destinationMac, int source, int destination,
                             int sourcePort, int destinationPort, int sequence, int acknowledgment) {
        int count = segments(messageLength, mss);
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("segment " + index + " of " + count);
        }
        int start = index * mss;
        int length = payloadLength(messageLength, mss, index);
        int at = frameOffset + TcpReply.HEADERS_LENGTH;
        int streamOctet = start;
        // The prefix octets this segment carries (only the first one has any, as mss >= PREFIX).
        while (streamOctet < PREFIX && streamOctet < start + length) {
            frame.setByte(at++, streamOctet == 0 ? messageLength >>> 8 : messageLength);
            streamOctet++;
        }
        int fromMessage = start + length - streamOctet;
        if (fromMessage > 0) {
            frame.setBytes(at, message, messageOffset + streamOctet - PREFIX, fromMessage);
        }
        boolean last = index == count - 1;
        TcpReply.write(frame, frameOffset, sourceMac, destinationMac, source, destination, sourcePort, destinationPort,
                sequence + start, acknowledgment, last ? Tcp.ACK | Tcp.PSH | Tcp.FIN : Tcp.ACK, length);
    }

    private static void checkMss(int mss) {
        if (mss < PREFIX + 1) {
            throw new IllegalArgumentException("segment size " + mss + " is below " + (PREFIX + 1));
        }
    }
}
