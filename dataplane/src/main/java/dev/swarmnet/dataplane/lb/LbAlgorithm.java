package dev.swarmnet.dataplane.lb;

import java.util.Locale;

/**
 * Load-balancing algorithm of a service, as {@code int} constants so that the data plane can
 * switch on them without touching an enum or a string.
 *
 * <p>Thread: stateless; {@link #parse(String)} is meant for the control plane (configuration,
 * API), {@link #name(int)} for logs and diagnostics, never per packet.
 */
public final class LbAlgorithm {
    /** Next eligible backend after a per-service cursor; see {@link RoundRobin}. */
    public static final int ROUND_ROBIN = 0;
    /** Eligible backend with the fewest active flows per unit of weight; see {@link LeastConnections}. */
    public static final int LEAST_CONNECTIONS = 1;
    /** Consistent hash of the flow onto a {@link MaglevTable}. */
    public static final int MAGLEV = 2;

    private static final String ALLOWED = "round-robin (rr), least-conn (least-connections), maglev";

    private LbAlgorithm() {
    }

    /**
     * Parses a configuration value, case-insensitively and ignoring surrounding blanks.
     *
     * @throws IllegalArgumentException naming the allowed values when {@code text} is none of them
     */
    public static int parse(final String text) {
        if (text != null) {
            switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "round-robin":
                case "rr":
                    return ROUND_ROBIN;
                case "least-conn":
                case "least-connections":
                    return LEAST_CONNECTIONS;
                case "maglev":
                    return MAGLEV;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException(
            "unknown load-balancing algorithm '" + text + "'; allowed: " + ALLOWED);
    }

    /** Canonical name of {@code algorithm}, as accepted by {@link #parse(String)}. */
    public static String name(final int algorithm) {
        switch (algorithm) {
            case ROUND_ROBIN:
                return "round-robin";
            case LEAST_CONNECTIONS:
                return "least-conn";
            case MAGLEV:
                return "maglev";
            default:
                throw new IllegalArgumentException("unknown load-balancing algorithm " + algorithm);
        }
    }
}
