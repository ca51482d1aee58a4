package dev.swarmnet.controlplane.api;

/**
 * What a {@code /services/{id}/logs} request asks for.
 *
 * @param follow whether to keep sending lines as they are written, until the client goes away
 * @param tail   how many of the last lines of each task to send first; negative means all
 * @param stdout whether to send standard output
 * @param stderr whether to send standard error
 */
public record LogOptions(boolean follow, int tail, boolean stdout, boolean stderr) {

    /** Whether lines of this stream were asked for. */
    public boolean wants(LogEntry.Stream stream) {
        return stream == LogEntry.Stream.STDOUT ? stdout : stderr;
    }
}
