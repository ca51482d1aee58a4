package dev.swarmnet.dataplane.programfile;

import dev.swarmnet.dataplane.lb.BackendState;
import dev.swarmnet.dataplane.lb.LbAlgorithm;
import dev.swarmnet.dataplane.program.Network;
import dev.swarmnet.dataplane.wire.Ipv4;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one kind of value is written in a program file: a description for type errors
 * ("an IPv4 address") and a parser whose {@link IllegalArgumentException} message says what is
 * wrong with the text and what would be right. Stateless; off the packet path.
 *
 * @param description what a value looks like, as used after "expected"
 * @param parser text to value; throws {@link IllegalArgumentException} with the user-facing reason
 */
record Notation<T>(String description, Function<String, T> parser) {

    /** A subnet as written {@code a.b.c.d/n}. */
    record Cidr(int subnet, int prefixLength) {
    }

    /** An underlay address with an optional UDP port, {@code a.b.c.d[:port]}; port 0 when absent. */
    record HostPort(int address, int port) {
    }

    static final Notation<String> NAME = new Notation<>("a name", text -> matching(text,
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}"),
            "is not a name (letters, digits, '_', '.', '-'; at most 63)"));
    static final Notation<String> NAMESPACE = new Notation<>("a network namespace name", text -> matching(text,
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,254}"),
            "is not a namespace name (letters, digits, '_', '.', '-'; no '/')"));
    static final Notation<String> INTERFACE = new Notation<>("an interface name", text -> matching(text,
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,14}"),
            "is not an interface name (at most 15 letters, digits, '_', '.', '-')"));
    static final Notation<Integer> IPV4 = new Notation<>("an IPv4 address", Notation::ipv4);
    static final Notation<Cidr> CIDR = new Notation<>("an IPv4 subnet (a.b.c.d/n)", Notation::cidr);
    static final Notation<HostPort> HOST_PORT = new Notation<>("an IPv4 address with an optional port",
            Notation::hostPort);
    static final Notation<Long> MAC = new Notation<>("a MAC address (xx:xx:xx:xx:xx:xx)", Notation::mac);
    static final Notation<Long> DURATION = new Notation<>("a duration such as 0s, 90s, 10m, 1h30m",
            Notation::durationNanos);
    static final Notation<Integer> ALGORITHM = choice("round-robin, least-conn, maglev", LbAlgorithm::parse);
    static final Notation<Integer> BACKEND_STATE = choice("active, draining, down", BackendState::parse);
    static final Notation<Integer> PROTOCOL = choice("tcp, udp", text -> {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "tcp":
                return Ipv4.PROTO_TCP;
            case "udp":
                return Ipv4.PROTO_UDP;
            default:
                throw new IllegalArgumentException();
        }
    });

    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final Pattern MAC_TEXT = Pattern.compile("\\p{XDigit}{2}(:\\p{XDigit}{2}){5}");

    /** Whole numbers in {@code min..max}. */
    static Notation<Integer> integer(int min, int max) {
        return new Notation<>("an integer in " + min + ".." + max, text -> {
            int value;
            try {
                value = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not an integer in " + min + ".." + max);
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException(value + " is outside " + min + ".." + max);
            }
            return value;
        });
    }

    T parse(String text) {
        return parser.apply(text);
    }

    /** One of {@code allowed}, parsed by {@code parse}, which may throw anything for a wrong value. */
    private static Notation<Integer> choice(String allowed, Function<String, Integer> parse) {
        return new Notation<>("one of " + allowed, text -> {
            try {
                return parse.apply(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + text + "' is not one of " + allowed);
            }
        });
    }

    private static String matching(String text, Pattern pattern, String otherwise) {
        if (!pattern.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' " + otherwise);
        }
        return text;
    }

    private static int ipv4(String text) {
        try {
            return Ipv4.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 address (a.b.c.d)");
        }
    }

    private static Cidr cidr(String text) {
        int slash = text.indexOf('/');
        int address;
        int prefix;
        try {
            address = Ipv4.parse(text.substring(0, slash < 0 ? text.length() : slash));
            prefix = slash < 0 ? -1 : Integer.parseInt(text.substring(slash + 1));
        } catch (IllegalArgumentException e) {
            prefix = -1;
            address = 0;
        }
        if (prefix < 8 || prefix > 30) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 subnet a.b.c.d/n with n in 8..30");
        }
        int subnet = address & Network.mask(prefix);
        if (subnet != address) {
            throw new IllegalArgumentException("'" + text + "' has host bits set (the subnet is "
                    + Ipv4.format(subnet) + "/" + prefix + ")");
        }
        return new Cidr(subnet, prefix);
    }

    private static HostPort hostPort(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            return new HostPort(ipv4(text), 0);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 0xffff) {
            throw new IllegalArgumentException("'" + text + "' is not a.b.c.d or a.b.c.d:port with port in 1..65535");
        }
        return new HostPort(ipv4(text.substring(0, colon)), port);
    }

    private static long mac(String text) {
        if (!MAC_TEXT.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a MAC address (xx:xx:xx:xx:xx:xx)");
        }
        long mac = Long.parseLong(text.replace(":", ""), 16);
        if ((mac & 0x0100_0000_0000L) != 0 || mac == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a unicast MAC address");
        }
        return mac;
    }

    private static long durationNanos(String text) {
        if (text.equals("0")) {
            return 0;
        }
        Matcher part = DURATION_PART.matcher(text);
        long nanos = 0;
        int end = 0;
        try {
            while (part.find() && part.start() == end) {
                nanos = Math.addExact(nanos, Math.multiplyExact(Long.parseLong(part.group(1)), unitNanos(part.group(2))));
                end = part.end();
            }
        } catch (ArithmeticException | NumberFormatException e) {
            end = -1;
        }
        if (end <= 0 || end != text.length()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 0s, 90s, 10m, 1h30m, 500ms");
        }
        return nanos;
    }

    private static long unitNanos(String unit) {
        switch (unit) {
            case "ms":
                return 1_000_000L;
            case "s":
                return 1_000_000_000L;
            case "m":
                return 60_000_000_000L;
            default:
                return 3_600_000_000_000L;
        }
    }
}
