package dev.swarmnet.controlplane.config;

import dev.swarmnet.dataplane.io.Transport;
import dev.swarmnet.dataplane.lb.LbAlgorithm;
import dev.swarmnet.dataplane.programfile.Problem;
import dev.swarmnet.dataplane.programfile.TextFile;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The daemon's configuration file ({@code /etc/swarmnet/swarmnet.yaml}, {@code --config FILE}):
 * reads and validates it into a {@link SwarmnetConfig}, with the defaults for what it leaves
 * out. Validation is strict and reports every problem at once, each located as
 * {@code file:line: section.key: message} with the allowed values; unknown keys are problems
 * too. The documented example with every default is {@link #exampleText()}. Stateless.
 */
public final class ConfigFile {
    public static final Path DEFAULT_PATH = Path.of("/etc/swarmnet/swarmnet.yaml");
    /** The example file on the class path, every key at its default. */
    public static final String EXAMPLE_RESOURCE = "swarmnet.example.yaml";

    private static final int MAX_CODE_POINTS = 1 << 20;
    /** Flat keys of the first file format, and where each went. */
    private static final Map<String, String> MOVED = moved();

    private ConfigFile() {
    }

    /** A configuration file that cannot be used, with every problem in it (one per line of the message). */
    public static final class InvalidException extends Exception {
        private static final long serialVersionUID = 1L;

        private final transient List<Problem> problems;

        InvalidException(List<Problem> problems) {
            super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")), null, false, false);
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    /**
     * Reads and validates {@code file}; problems name it as given.
     *
     * @throws InvalidException listing every problem found (a missing or unreadable file is one)
     */
    public static SwarmnetConfig read(Path file) throws InvalidException {
        String label = file.toString();
        String text;
        try {
            text = TextFile.read(file);
        } catch (TextFile.Unreadable e) {
            throw new InvalidException(List.of(new Problem(label, 0, "", e.getMessage())));
        }
        return parse(label, text);
    }

    /**
     * Parses and validates {@code text} as if read from a file named {@code label}. An empty
     * document (or one with only comments) gives the defaults.
     *
     * @throws InvalidException listing every problem found
     */
    public static SwarmnetConfig parse(String label, String text) throws InvalidException {
        Optional<Node> root;
        try {
            LoadSettings settings = LoadSettings.builder()
                    .setLabel(label)
                    .setCodePointLimit(MAX_CODE_POINTS)
                    .setMaxAliasesForCollections(50)
                    .setAllowRecursiveKeys(false)
                    .build();
            root = new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().or(e::getContextMark).map(Mark::getLine).orElse(-1) + 1;
            String context = e.getContext();
            String message = context == null || context.isEmpty() ? e.getProblem() : context + ", " + e.getProblem();
            throw new InvalidException(List.of(new Problem(label, line, "", "not valid YAML: " + message)));
        } catch (YamlEngineException e) {
            throw new InvalidException(List.of(new Problem(label, 0, "", "not valid YAML: " + e.getMessage())));
        }
        if (root.isEmpty()) {
            return SwarmnetConfig.defaults();
        }
        List<Problem> problems = new ArrayList<>();
        SwarmnetConfig config = read(label, root.get(), problems);
        if (!problems.isEmpty()) {
            problems.sort(java.util.Comparator.comparingInt(Problem::line));
            throw new InvalidException(problems);
        }
        return config;
    }

    /**
     * {@code IP:PORT} (IPv6 as {@code [IP]:PORT}) as the file reads it, port {@code minPort..65535},
     * an IP literal only; for command-line options that set the same values.
     *
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    public static InetSocketAddress socketAddress(String text, int minPort) {
        return YamlSection.socketAddress(text, minPort);
    }

    /** The documented example file: every key at its default, with comments. */
    public static String exampleText() {
        try (InputStream in = ConfigFile.class.getResourceAsStream(EXAMPLE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the example configuration " + EXAMPLE_RESOURCE + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the example configuration: " + e.getMessage(), e);
        }
    }

    private static SwarmnetConfig read(String label, Node root, List<Problem> problems) {
        YamlSection top = new YamlSection(label, "", root, problems, MOVED);
        SwarmnetConfig.Node node = node(top.section("node"));
        SwarmnetConfig.Api api = api(top.section("api"));
        SwarmnetConfig.Cluster cluster = cluster(top.section("cluster"));
        SwarmnetConfig.Dataplane dataplane = dataplane(top.section("dataplane"));
        SwarmnetConfig.LoadBalancer loadBalancer = loadBalancer(top.section("loadBalancer"));
        SwarmnetConfig.Ingress ingress = ingress(top.section("ingress"));
        SwarmnetConfig.Dns dns = dns(top.section("dns"));
        Map<String, List<String>> images = images(top);
        SwarmnetConfig.Logging logging = logging(top.section("logging"));
        SwarmnetConfig.Metrics metrics = metrics(top.section("metrics"));
        top.finish();
        return new SwarmnetConfig(node, api, cluster, dataplane, loadBalancer, ingress, dns, images, logging, metrics);
    }

    private static SwarmnetConfig.Node node(YamlSection s) {
        SwarmnetConfig.Node d = SwarmnetConfig.Node.DEFAULTS;
        Path dataDir = Path.of(s.text("dataDir", "a directory path", d.dataDir().toString()));
        String hostname = s.parsed("hostname", "a hostname", d.hostname(), text -> {
            if (!text.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?")) {
                throw new IllegalArgumentException("a hostname is 1 to 253 letters, digits, '.' and '-', "
                        + "starting and ending with a letter or digit");
            }
            return text;
        });
        String prefix = s.parsed("taskPrefix", "a namespace name prefix", d.taskPrefix(), text -> {
            if (!text.matches("[A-Za-z0-9_.-]{1,32}")) {
                throw new IllegalArgumentException("must be 1 to 32 letters, digits, '.', '_' or '-'");
            }
            return text;
        });
        s.finish();
        return new SwarmnetConfig.Node(dataDir, hostname, prefix);
    }

    private static SwarmnetConfig.Api api(YamlSection s) {
        SwarmnetConfig.Api d = SwarmnetConfig.Api.DEFAULTS;
        Path socket = s.parsed("socket", "a unix socket path or none", d.socket(),
                text -> text.equals("none") ? null : Path.of(text));
        InetSocketAddress tcp = s.parsed("tcp", "a loopback IP:PORT or none", d.tcp(), text -> {
            if (text.equals("none")) {
                return null;
            }
            InetSocketAddress address = YamlSection.socketAddress(text, 1);
            if (!address.getAddress().isLoopbackAddress()) {
                throw new IllegalArgumentException("not a loopback address; the API has no authentication, "
                        + "so it listens on loopback only (e.g. 127.0.0.1:2375) or none");
            }
            return address;
        });
        Duration idle = s.duration("idleTimeout", Duration.ofSeconds(1), Duration.ofHours(24), d.idleTimeout());
        int maxRequest = s.integer("maxRequestBytes", 1024, 1 << 30, d.maxRequestBytes());
        int workers = s.integer("workers", 1, 256, d.workers());
        if (socket == null && tcp == null) {
            s.add(s.value("socket") != null ? s.value("socket") : s.value("tcp"), "api.socket",
                    "the API needs somewhere to listen: socket and tcp cannot both be none");
            socket = d.socket();
        }
        s.finish();
        return new SwarmnetConfig.Api(socket, tcp, idle, maxRequest, workers);
    }

    private static SwarmnetConfig.Cluster cluster(YamlSection s) {
        SwarmnetConfig.Cluster d = SwarmnetConfig.Cluster.DEFAULTS;
        int port = s.integer("port", 1, 65535, d.port());
        int raftPort = s.integer("raftPort", 1, 65535, d.raftPort());
        Duration heartbeat = s.duration("heartbeatPeriod", Duration.ofMillis(100), Duration.ofHours(1),
                d.heartbeatPeriod());
        YamlSection r = s.section("raft");
        SwarmnetConfig.Raft rd = d.raft();
        SwarmnetConfig.Raft raft = new SwarmnetConfig.Raft(
                r.duration("electionTimeout", Duration.ofMillis(100), Duration.ofMinutes(1), rd.electionTimeout()),
                r.duration("requestTimeout", Duration.ofMillis(100), Duration.ofMinutes(1), rd.requestTimeout()),
                r.duration("submitTimeout", Duration.ofSeconds(1), Duration.ofMinutes(10), rd.submitTimeout()));
        r.finish();
        s.finish();
        if (raft.submitTimeout().compareTo(raft.requestTimeout()) < 0) {
            r.add(r.value("submitTimeout") != null ? r.value("submitTimeout") : r.value("requestTimeout"),
                    "cluster.raft.submitTimeout", "must be at least requestTimeout ("
                            + dev.swarmnet.controlplane.cli.client.GoDuration.format(raft.requestTimeout().toNanos())
                            + "): a change is retried within it");
            raft = rd;
        }
        if (port == raftPort) {
            s.add(s.value("raftPort") != null ? s.value("raftPort") : s.value("port"), "cluster.raftPort",
                    "the Raft port and the cluster port must differ, both are " + port);
            return d;
        }
        return new SwarmnetConfig.Cluster(port, raftPort, heartbeat, raft);
    }

    private static SwarmnetConfig.Dataplane dataplane(YamlSection s) {
        SwarmnetConfig.Dataplane d = SwarmnetConfig.Dataplane.DEFAULTS;
        int port = s.integer("port", 1, 65535, d.port());
        String transport = s.choice("transport", List.of("epoll", "io_uring", "nio"),
                d.transport().name().toLowerCase(Locale.ROOT));
        boolean offloads = s.bool("offloads", d.offloads());
        int mtu = s.integer("mtu", SwarmnetConfig.Dataplane.MIN_MTU, SwarmnetConfig.Dataplane.MAX_MTU, d.mtu());
        YamlSection c = s.section("conntrack");
        int capacity = c.integer("capacity", 1024, 1 << 24, d.conntrack().capacity());
        YamlSection t = c.section("timeouts");
        Map<String, Duration> timeouts = new LinkedHashMap<>();
        SwarmnetConfig.Conntrack.STATES.keySet().forEach(key -> timeouts.put(key,
                t.duration(key, Duration.ofSeconds(1), Duration.ofDays(7), d.conntrack().timeouts().get(key))));
        t.finish();
        c.finish();
        s.finish();
        return new SwarmnetConfig.Dataplane(port, Transport.parse(transport), offloads,
                mtu, new SwarmnetConfig.Conntrack(capacity, timeouts));
    }

    private static SwarmnetConfig.LoadBalancer loadBalancer(YamlSection s) {
        int algorithm = s.parsed("algorithm", "round-robin, least-conn or maglev",
                SwarmnetConfig.LoadBalancer.DEFAULTS.algorithm(), LbAlgorithm::parse);
        s.finish();
        return new SwarmnetConfig.LoadBalancer(algorithm);
    }

    private static SwarmnetConfig.Ingress ingress(YamlSection s) {
        SwarmnetConfig.Ingress d = SwarmnetConfig.Ingress.DEFAULTS;
        List<InetAddress> listen = s.list("listen", "IP addresses", null, null, d.listen(), YamlSection::ip);
        if (listen.isEmpty()) {
            if (s.value("listen") instanceof SequenceNode given && given.getValue().isEmpty()) {
                s.add(given, "ingress.listen", "expected at least one address; [0.0.0.0] listens on all");
            }
            listen = d.listen();
        }
        int threads = s.integer("threads", 1, 64, d.threads());
        Duration tcp = s.duration("tcpIdleTimeout", Duration.ofSeconds(1), Duration.ofDays(7), d.tcpIdleTimeout());
        Duration udp = s.duration("udpIdleTimeout", Duration.ofSeconds(1), Duration.ofDays(7), d.udpIdleTimeout());
        s.finish();
        return new SwarmnetConfig.Ingress(listen, threads, tcp, udp);
    }

    private static SwarmnetConfig.Dns dns(YamlSection s) {
        SwarmnetConfig.Dns d = SwarmnetConfig.Dns.DEFAULTS;
        List<InetSocketAddress> upstreams = s.list("upstreams", "IP or IP:PORT resolvers", "system", null,
                d.upstreams(), ConfigFile::resolver);
        Duration timeout = s.duration("timeout", Duration.ofMillis(10), Duration.ofSeconds(60), d.timeout());
        int forwards = s.integer("maxConcurrentForwards", 1, 4096, d.maxConcurrentForwards());
        s.finish();
        return new SwarmnetConfig.Dns(upstreams, timeout, forwards);
    }

    /** {@code 1.1.1.1}, {@code 1.1.1.1:5353}, {@code [2606:4700::1111]:53} or a bare IPv6 literal. */
    private static InetSocketAddress resolver(String text) {
        boolean bareIpv4 = text.matches("[0-9.]+");
        boolean bareIpv6 = !text.startsWith("[") && text.indexOf(':') != text.lastIndexOf(':');
        if (bareIpv4 || bareIpv6) {
            return new InetSocketAddress(YamlSection.ip(text), 53);
        }
        return YamlSection.socketAddress(text, 1);
    }

    private static SwarmnetConfig.Logging logging(YamlSection s) {
        String level = s.choice("level", SwarmnetConfig.Logging.LEVELS, SwarmnetConfig.Logging.DEFAULTS.level());
        Map<String, String> loggers = s.names("loggers", "a mapping from logger name to level, e.g. {io.netty: debug}",
                name -> name.matches("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*") ? null
                        : "a logger is a package or class name such as dev.swarmnet.controlplane.ingress or io.netty, "
                        + "not '" + name + "'",
                (value, key) -> {
                    String text = s.scalar(value, key, "a level");
                    if (text != null && !SwarmnetConfig.Logging.LEVELS.contains(text)) {
                        s.add(value, key, "'" + text + "': not one of the allowed values "
                                + String.join(", ", SwarmnetConfig.Logging.LEVELS));
                        return null;
                    }
                    return text;
                });
        s.finish();
        return new SwarmnetConfig.Logging(level, loggers);
    }

    private static SwarmnetConfig.Metrics metrics(YamlSection s) {
        InetSocketAddress listen = s.parsed("listen", "IP:PORT or none", SwarmnetConfig.Metrics.DEFAULTS.listen(),
                text -> text.equals("none") ? null : YamlSection.socketAddress(text, 1));
        s.finish();
        return new SwarmnetConfig.Metrics(listen);
    }

    /**
     * {@code images:} maps an image reference to the command that runs it, as a list of words:
     * <pre>
     * images:
     *   nginx: [/usr/sbin/nginx, -g, "daemon off;"]
     * </pre>
     */
    private static Map<String, List<String>> images(YamlSection top) {
        return top.names("images", "a mapping from image to command (a list of words)",
                image -> image.isEmpty() ? "an image must be a plain name, not an empty one" : null,
                (value, key) -> {
                    if (!(value instanceof SequenceNode words) || words.getValue().isEmpty()) {
                        top.add(value, key, "expected the command as a non-empty list of words, e.g. "
                                + "[/usr/bin/python3, -m, http.server, \"80\"], got " + YamlSection.kind(value));
                        return null;
                    }
                    List<String> argv = new ArrayList<>();
                    for (Node word : words.getValue()) {
                        String text = top.scalar(word, key, "a word");
                        if (text != null) {
                            argv.add(text);
                        }
                    }
                    return List.copyOf(argv);
                });
    }

    private static Map<String, String> moved() {
        Map<String, String> moved = new LinkedHashMap<>();
        Map.of("dataDir", "node.dataDir", "socket", "api.socket", "tcp", "api.tcp", "raftPort", "cluster.raftPort",
                "clusterPort", "cluster.port", "hostname", "node.hostname", "taskPrefix", "node.taskPrefix")
                .forEach((old, now) -> moved.put(old, "this key is now " + now + " (in the " + now.split("\\.")[0]
                        + ": section)"));
        return moved;
    }
}
