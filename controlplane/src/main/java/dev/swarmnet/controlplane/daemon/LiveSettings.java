package dev.swarmnet.controlplane.daemon;

import dev.swarmnet.controlplane.config.SwarmnetConfig;
import dev.swarmnet.dataplane.conntrack.FlowTimeouts;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The tunables a running daemon changes without a restart ({@link SwarmnetConfig#LIVE_KEYS}):
 * one cell that a reload writes and the node's agent reads when it plans, and listens to so
 * that it replans at once. Thread-safe: values are replaced whole (volatile); listeners run on
 * the thread that sets, one after the other, and must not block for long.
 */
public final class LiveSettings {

    /**
     * One set of live values.
     *
     * @param lbAlgorithm    the default VIP and routing-mesh algorithm ({@code dataplane.lb.LbAlgorithm})
     * @param tcpIdleTimeout idle timeout of published TCP flows of services without an idle-timeout label
     * @param udpIdleTimeout the same for UDP
     * @param flowTimeouts   the data plane's connection-table idle timeouts per flow state
     */
    public record Values(int lbAlgorithm, Duration tcpIdleTimeout, Duration udpIdleTimeout,
                         FlowTimeouts flowTimeouts) {
        public Values {
            Objects.requireNonNull(tcpIdleTimeout, "tcpIdleTimeout");
            Objects.requireNonNull(udpIdleTimeout, "udpIdleTimeout");
            Objects.requireNonNull(flowTimeouts, "flowTimeouts");
        }

        /** The live values of a whole configuration. */
        public static Values of(SwarmnetConfig config) {
            return new Values(config.loadBalancer().algorithm(), config.ingress().tcpIdleTimeout(),
                    config.ingress().udpIdleTimeout(), config.dataplane().conntrack().flowTimeouts());
        }
    }

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile Values current;

    public LiveSettings(Values initial) {
        this.current = Objects.requireNonNull(initial, "initial");
    }

    /** The defaults of an empty configuration file. */
    public static LiveSettings defaults() {
        return new LiveSettings(Values.of(SwarmnetConfig.defaults()));
    }

    public Values current() {
        return current;
    }

    /** Replaces the values, then runs every listener on this thread. */
    public void set(Values next) {
        current = Objects.requireNonNull(next, "next");
        for (Runnable listener : listeners) {
            listener.run();
        }
    }

    /** Runs {@code listener} after each {@link #set} until the returned handle is run. */
    public Runnable listen(Runnable listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
