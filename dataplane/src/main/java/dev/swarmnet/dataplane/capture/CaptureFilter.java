package dev.swarmnet.dataplane.capture;

import dev.swarmnet.dataplane.wire.Vxlan;
import java.util.Locale;
import java.util.function.IntUnaryOperator;

/**
 * Which frames a capture keeps: one local port's, one network's (every port of the network and
 * the underlay datagrams carrying its VNI), the underlay's (every VXLAN datagram), or all of
 * them; in one direction or both (directions as in {@link CapturePoint}).
 *
 * <p>Immutable; the {@code selects*} methods run on the event loop for every frame while a
 * capture is on and allocate nothing.
 *
 * @param scope what is captured
 * @param id the port id for {@link Scope#PORT}, the VNI for {@link Scope#NETWORK}, else 0
 * @param direction rx, tx or both
 */
public record CaptureFilter(Scope scope, int id, Direction direction) {
    private static final String SYNTAX = "expected port=<id>, network=<vni>, underlay or all, "
            + "optionally followed by ,rx ,tx or ,both";

    /** What a capture selects. */
    public enum Scope { PORT, NETWORK, UNDERLAY, ALL }

    /** Which way frames travel, from the data plane's point of view. */
    public enum Direction {
        RX, TX, BOTH;

        /** True when frames seen at {@code point} (a {@link CapturePoint}) travel this way. */
        public boolean includes(int point) {
            return this == BOTH || (this == RX) == CapturePoint.isReceive(point);
        }
    }

    public CaptureFilter {
        if (scope == null || direction == null) {
            throw new IllegalArgumentException("a capture filter needs a scope and a direction");
        }
        if (scope == Scope.PORT && id < 0) {
            throw new IllegalArgumentException("port id " + id + " is negative");
        }
        if (scope == Scope.NETWORK && (id < 0 || id > Vxlan.MAX_VNI)) {
            throw new IllegalArgumentException("VNI " + id + " is outside 0.." + Vxlan.MAX_VNI);
        }
        if ((scope == Scope.UNDERLAY || scope == Scope.ALL) && id != 0) {
            throw new IllegalArgumentException(scope.name().toLowerCase(Locale.ROOT) + " takes no id");
        }
    }

    public static CaptureFilter port(int id) {
        return new CaptureFilter(Scope.PORT, id, Direction.BOTH);
    }

    public static CaptureFilter network(int vni) {
        return new CaptureFilter(Scope.NETWORK, vni, Direction.BOTH);
    }

    public static CaptureFilter underlay() {
        return new CaptureFilter(Scope.UNDERLAY, 0, Direction.BOTH);
    }

    public static CaptureFilter all() {
        return new CaptureFilter(Scope.ALL, 0, Direction.BOTH);
    }

    /** This filter restricted to one direction (or opened to both). */
    public CaptureFilter direction(Direction direction) {
        return new CaptureFilter(scope, id, direction);
    }

    /**
     * Parses {@code port=3}, {@code network=4097}, {@code underlay} or {@code all}, optionally
     * followed by {@code ,rx}, {@code ,tx} or {@code ,both} (commas or spaces separate terms).
     *
     * @throws IllegalArgumentException saying what was wrong and what is expected
     */
    public static CaptureFilter parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("empty capture filter: " + SYNTAX);
        }
        String[] terms = trimmed.split("[,\\s]+");
        if (terms.length > 2) {
            throw new IllegalArgumentException("capture filter '" + text + "' has " + terms.length + " terms: " + SYNTAX);
        }
        CaptureFilter filter = parseScope(terms[0], text);
        return terms.length == 1 ? filter : filter.direction(parseDirection(terms[1], text));
    }

    /** True when a frame seen at a port-side {@code point} of local port {@code port} is kept. */
    public boolean selectsPort(int point, int port, IntUnaryOperator portVni) {
        if (!direction.includes(point)) {
            return false;
        }
        switch (scope) {
            case ALL:
                return true;
            case PORT:
                return port == id;
            case NETWORK:
                return portVni.applyAsInt(port) == id;
            default:
                return false;
        }
    }

    /** True when a datagram seen at an underlay {@code point} carrying {@code vni} (or -1) is kept. */
    public boolean selectsUnderlay(int point, int vni) {
        if (!direction.includes(point)) {
            return false;
        }
        switch (scope) {
            case ALL:
            case UNDERLAY:
                return true;
            case NETWORK:
                return vni == id;
            default:
                return false;
        }
    }

    /** The filter in {@link #parse} syntax. */
    @Override
    public String toString() {
        String head = scope.name().toLowerCase(Locale.ROOT);
        if (scope == Scope.PORT || scope == Scope.NETWORK) {
            head += "=" + id;
        }
        return direction == Direction.BOTH ? head : head + "," + direction.name().toLowerCase(Locale.ROOT);
    }

    private static CaptureFilter parseScope(String term, String text) {
        int eq = term.indexOf('=');
        String key = (eq < 0 ? term : term.substring(0, eq)).toLowerCase(Locale.ROOT);
        String value = eq < 0 ? null : term.substring(eq + 1);
        switch (key) {
            case "port":
                return port(number("port id", value, text));
            case "network":
                return network(number("network VNI", value, text));
            case "underlay":
            case "all":
                if (value != null) {
                    throw new IllegalArgumentException("'" + key + "' takes no value in capture filter '" + text + "'");
                }
                return key.equals("all") ? all() : underlay();
            default:
                throw new IllegalArgumentException("unknown capture scope '" + term + "' in '" + text + "': " + SYNTAX);
        }
    }

    private static Direction parseDirection(String term, String text) {
        switch (term.toLowerCase(Locale.ROOT)) {
            case "rx":
                return Direction.RX;
            case "tx":
                return Direction.TX;
            case "both":
                return Direction.BOTH;
            default:
                throw new IllegalArgumentException("unknown direction '" + term + "' in capture filter '" + text
                        + "': expected rx, tx or both");
        }
    }

    private static int number(String what, String value, String text) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " missing in capture filter '" + text + "': " + SYNTAX);
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + value + "' in capture filter '" + text
                    + "' is not a decimal number");
        }
    }
}
