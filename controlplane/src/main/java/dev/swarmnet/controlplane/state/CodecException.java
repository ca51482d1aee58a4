package dev.swarmnet.controlplane.state;

/**
 * Bytes that {@link StateCodec} cannot turn back into a state or a command: another format, an
 * unknown format version, or malformed JSON. For a Raft shell this is fatal for the entry or
 * snapshot at hand; the message says which and why.
 */
public final class CodecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CodecException(String message) {
        super(message);
    }

    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
