package dev.swarmnet.linux;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Namespaces, TAPs and fds a test creates, removed in reverse order by {@link #removeAll()} whatever
 * happened. Names start with {@link #PREFIX} ({@code swn-t<pid>-}) so leftovers of this run can be
 * found and asserted absent.
 */
final class TestNamespaces {

    static final String PREFIX = "swn-t" + ProcessHandle.current().pid() + "-";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final Deque<AutoCloseable> cleanups = new ArrayDeque<>();

    /** Skips the calling test unless this process may create TAPs and namespaces (root in CI). */
    static void assumeLinuxSupport() {
        assumeTrue(LinuxSupport.isAvailable(), () -> "needs root (CAP_NET_ADMIN and CAP_SYS_ADMIN) on Linux: "
            + LinuxSupport.unavailabilityCause().getMessage());
    }

    /** A fresh name with this run's prefix. */
    static String uniqueName() {
        return PREFIX + COUNTER.incrementAndGet();
    }

    /** Creates a namespace that {@link #removeAll()} closes and deletes. */
    NetworkNamespace create() throws LinuxException {
        String name = uniqueName();
        cleanups.push(() -> {
            if (NetworkNamespace.exists(name)) {
                NetworkNamespace.delete(name);
            }
        });
        NetworkNamespace namespace = NetworkNamespace.create(name);
        cleanups.push(namespace);
        return namespace;
    }

    /** Registers {@code resource} to be closed before anything registered earlier. */
    <T extends AutoCloseable> T register(T resource) {
        cleanups.push(resource);
        return resource;
    }

    /** Names in /var/run/netns and in {@code ip netns list} that carry this run's prefix. */
    static List<String> leftovers() throws IOException {
        List<String> found = new ArrayList<>();
        for (String name : NetworkNamespace.list()) {
            if (name.startsWith(PREFIX)) {
                found.add(name);
            }
        }
        for (String line : IpCommand.run("netns", "list").split("\n")) {
            if (line.startsWith(PREFIX)) {
                found.add("ip netns list: " + line);
            }
        }
        return found;
    }

    /** Closes everything registered, latest first; throws the first failure after trying all. */
    void removeAll() throws Exception {
        Exception failure = null;
        while (!cleanups.isEmpty()) {
            try {
                cleanups.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
