package dev.swarmnet.dataplane.lb;

import java.util.Locale;

/**
 * Administrative/health state of one backend, as {@code int} constants stored in a parallel
 * {@code int[] states} array next to the backend ids and weights.
 *
 * <p>Only {@link #ACTIVE} backends receive new flows. {@link #DRAINING} and {@link #DOWN}
 * backends receive none; what happens to their existing flows is decided by the conntrack,
 * not by the load balancer.
 *
 * <p>Thread: stateless; {@link #isActive(int)} is safe per packet, {@link #parse(String)} and
 * {@link #name(int)} are for the control plane and diagnostics.
 */
public final class BackendState {
    /** Eligible for new flows. */
    public static final int ACTIVE = 0;
    /** Finishing existing flows; no new flows. */
    public static final int DRAINING = 1;
    /** Failed or removed; no new flows. */
    public static final int DOWN = 2;

    private BackendState() {
    }

    /** {@code true} when a backend in {@code state} may be chosen for a new flow. */
    public static boolean isActive(final int state) {
        return state == ACTIVE;
    }

    /**
     * Parses "active", "draining" or "down", case-insensitively.
     *
     * @throws IllegalArgumentException naming the allowed values otherwise
     */
    public static int parse(final String text) {
        if (text != null) {
            switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "active":
                    return ACTIVE;
                case "draining":
                    return DRAINING;
                case "down":
                    return DOWN;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException(
            "unknown backend state '" + text + "'; allowed: active, draining, down");
    }

    /** Lower-case name of {@code state}, as accepted by {@link #parse(String)}. */
    public static String name(final int state) {
        switch (state) {
            case ACTIVE:
                return "active";
            case DRAINING:
                return "draining";
            case DOWN:
                return "down";
            default:
                throw new IllegalArgumentException("unknown backend state " + state);
        }
    }
}
