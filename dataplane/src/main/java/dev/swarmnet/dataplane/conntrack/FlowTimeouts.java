package dev.swarmnet.dataplane.conntrack;

import java.util.Arrays;

/**
 * Immutable per-state idle timeouts in nanoseconds, built off the event loop; a flow is removed
 * once it has been idle longer than the timeout of its current state. Safe to share between
 * threads.
 */
public final class FlowTimeouts {

    private static final long SECOND_NS = 1_000_000_000L;

    private static final FlowTimeouts DEFAULTS = new Builder()
        .timeout(FlowState.SYN_SENT, 30 * SECOND_NS)
        .timeout(FlowState.SYN_RECV, 30 * SECOND_NS)
        .timeout(FlowState.ESTABLISHED, 3600 * SECOND_NS)
        .timeout(FlowState.FIN_WAIT, 120 * SECOND_NS)
        .timeout(FlowState.CLOSE_WAIT, 60 * SECOND_NS)
        .timeout(FlowState.LAST_ACK, 30 * SECOND_NS)
        .timeout(FlowState.TIME_WAIT, 120 * SECOND_NS)
        .timeout(FlowState.CLOSE, 10 * SECOND_NS)
        .timeout(FlowState.UDP_UNREPLIED, 30 * SECOND_NS)
        .timeout(FlowState.UDP_REPLIED, 120 * SECOND_NS)
        .timeout(FlowState.ICMP, 30 * SECOND_NS)
        .build();

    private final long[] timeoutNs;

    private FlowTimeouts(long[] timeoutNs) {
        this.timeoutNs = timeoutNs;
    }

    /** Linux-like defaults: ESTABLISHED 1 h, UDP 30 s / 120 s, CLOSE 10 s, ... */
    public static FlowTimeouts defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder(DEFAULTS.timeoutNs);
    }

    /** Idle timeout of {@code state}; a plain array read. */
    public long timeoutNs(int state) {
        return timeoutNs[state];
    }

    /** A copy with one state's timeout replaced. */
    public FlowTimeouts withTimeout(int state, long timeoutNs) {
        return new Builder(this.timeoutNs).timeout(state, timeoutNs).build();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("FlowTimeouts{");
        for (int s = 0; s < FlowState.COUNT; s++) {
            sb.append(s == 0 ? "" : ", ").append(FlowState.name(s)).append('=')
                .append(timeoutNs[s]).append("ns");
        }
        return sb.append('}').toString();
    }

    /** Mutable builder; {@link #build()} validates that every state has a positive timeout. */
    public static final class Builder {

        private final long[] timeoutNs;

        private Builder() {
            this.timeoutNs = new long[FlowState.COUNT];
        }

        private Builder(long[] from) {
            this.timeoutNs = from.clone();
        }

        public Builder timeout(int state, long timeoutNs) {
            if (state < 0 || state >= FlowState.COUNT) {
                throw new IllegalArgumentException("unknown flow state " + state);
            }
            if (timeoutNs <= 0) {
                throw new IllegalArgumentException(
                    "timeout for " + FlowState.name(state) + " must be positive, was " + timeoutNs + " ns");
            }
            this.timeoutNs[state] = timeoutNs;
            return this;
        }

        public FlowTimeouts build() {
            for (int s = 0; s < FlowState.COUNT; s++) {
                if (timeoutNs[s] <= 0) {
                    throw new IllegalArgumentException("timeout for " + FlowState.name(s) + " is not set");
                }
            }
            return new FlowTimeouts(Arrays.copyOf(timeoutNs, FlowState.COUNT));
        }
    }
}
