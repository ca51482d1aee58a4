package dev.swarmnet.dataplane.io;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the embedded resolver forwards names outside the cluster, and how patiently.
 *
 * @param upstreams resolvers tried in order, the next one when the previous has not answered
 *     within {@code timeoutMillis / upstreams.size()}; empty: such names get SERVFAIL
 * @param timeoutMillis how long a forwarded query may wait in all before the task gets SERVFAIL
 * @param maxPending most queries forwarded and unanswered at once; more get SERVFAIL at once
 */
public record ResolverConfig(List<InetSocketAddress> upstreams, long timeoutMillis, int maxPending) {
    /** The path the daemon reads its own resolvers from. */
    public static final Path RESOLV_CONF = Path.of("/etc/resolv.conf");
    public static final long DEFAULT_TIMEOUT_MILLIS = 2000;
    public static final int DEFAULT_MAX_PENDING = 256;
    public static final int DNS_PORT = 53;

    public ResolverConfig {
        upstreams = List.copyOf(upstreams);
        if (timeoutMillis < 10 || timeoutMillis > 60_000) {
            throw new IllegalArgumentException("resolver timeout " + timeoutMillis + " ms is outside 10..60000");
        }
        if (maxPending < 1 || maxPending > 4096) {
            throw new IllegalArgumentException("resolver max pending " + maxPending + " is outside 1..4096");
        }
    }

    /** These upstreams with the default timeout (2 s) and bound (256 pending). */
    public static ResolverConfig of(List<InetSocketAddress> upstreams) {
        return new ResolverConfig(upstreams, DEFAULT_TIMEOUT_MILLIS, DEFAULT_MAX_PENDING);
    }

    /** The {@code nameserver} lines of {@link #RESOLV_CONF}, or none if it cannot be read. */
    public static ResolverConfig system() {
        try {
            return of(nameservers(Files.readString(RESOLV_CONF)));
        } catch (NoSuchFileException e) {
            return of(List.of());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOLV_CONF + ": " + e.getMessage(), e);
        }
    }

    /** The resolvers of a resolv.conf text, port 53, in order; lines that are not IP literals are skipped. */
    public static List<InetSocketAddress> nameservers(String resolvConf) {
        List<InetSocketAddress> servers = new ArrayList<>();
        for (String line : resolvConf.split("\n")) {
            String[] words = line.strip().split("\\s+");
            if (words.length >= 2 && words[0].equals("nameserver")) {
                String address = words[1];
                int zone = address.indexOf('%');
                if (zone >= 0) {
                    address = address.substring(0, zone);
                }
                if (!address.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
                    continue;
                }
                try {
                    servers.add(new InetSocketAddress(InetAddress.getByName(address), DNS_PORT));
                } catch (UnknownHostException e) {
                    // not a literal after all: skipped, as the C library does
                }
            }
        }
        return servers;
    }

    public ResolverConfig withTimeoutMillis(long millis) {
        return new ResolverConfig(upstreams, millis, maxPending);
    }

    public ResolverConfig withMaxPending(int pending) {
        return new ResolverConfig(upstreams, timeoutMillis, pending);
    }
}
