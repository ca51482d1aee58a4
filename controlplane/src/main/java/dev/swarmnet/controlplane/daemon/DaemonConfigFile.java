package dev.swarmnet.controlplane.daemon;

import dev.swarmnet.controlplane.api.ApiServerConfig;
import dev.swarmnet.controlplane.raft.RaftStoreConfig;
import dev.swarmnet.dataplane.programfile.Problem;
import dev.swarmnet.dataplane.programfile.TextFile;
import dev.swarmnet.controlplane.runtime.ImageCatalog;
import dev.swarmnet.controlplane.runtime.RuntimeSettings;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * The daemon's configuration file ({@code swarmnet daemon --config FILE}, by default
 * {@code /etc/swarmnet/swarmnet.yaml} when it exists): a YAML mapping whose keys mirror the daemon's
 * options. Validation is strict and reports every problem at once, located as
 * {@code file:line: key: message} like program files ({@link Problem}). Stateless.
 */
public final class DaemonConfigFile {
    public static final Path DEFAULT_PATH = Path.of("/etc/swarmnet/swarmnet.yaml");
    public static final List<String> KEYS = List.of("dataDir", "socket", "tcp", "raftPort", "clusterPort", "hostname",
            "taskPrefix", "images");
    public static final String DEFAULT_TCP = "127.0.0.1:2375";

    private static final int MAX_CODE_POINTS = 1 << 20;
    private static final String PORT_RANGE = "1..65535";

    private DaemonConfigFile() {
    }

    /**
     * Daemon settings, each {@code null} when not given (by the file, or on the command line).
     * {@code tcp} is {@code IP:PORT} or {@code none}.
     */
    public record Settings(Path dataDir, Path socket, String tcp, Integer raftPort, Integer clusterPort,
            String hostname, String taskPrefix, Map<String, List<String>> images) {
        public static final Settings NONE = new Settings(null, null, null, null, null, null, null, null);

        /** Settings without a task namespace prefix (the default one applies). */
        public Settings(Path dataDir, Path socket, String tcp, Integer raftPort, Integer clusterPort, String hostname) {
            this(dataDir, socket, tcp, raftPort, clusterPort, hostname, null, null);
        }

        /** These settings with every one {@code other} gives replaced by {@code other}'s. */
        public Settings overriddenBy(Settings other) {
            return new Settings(pick(other.dataDir, dataDir), pick(other.socket, socket), pick(other.tcp, tcp),
                    pick(other.raftPort, raftPort), pick(other.clusterPort, clusterPort),
                    pick(other.hostname, hostname), pick(other.taskPrefix, taskPrefix), pick(other.images, images));
        }

        /**
         * The daemon configuration, with the defaults for what is not given.
         *
         * @throws IllegalArgumentException when the settings do not make a configuration
         */
        public DaemonConfig toConfig() {
            ApiServerConfig api = ApiServerConfig.unixSocket(pick(socket, ApiServerConfig.DEFAULT_UNIX_SOCKET));
            String tcpText = pick(tcp, DEFAULT_TCP);
            if (!tcpText.equals("none")) {
                api = api.withTcp(tcpAddress(tcpText), false);
            }
            Path data = pick(dataDir, DaemonConfig.DEFAULT_DATA_DIR);
            String prefix = pick(taskPrefix, RuntimeSettings.DEFAULT_NAMESPACE_PREFIX);
            if (!prefix.matches("[A-Za-z0-9_.-]{1,32}")) {
                throw new IllegalArgumentException("task namespace prefix '" + prefix
                        + "' must be 1 to 32 letters, digits, '.', '_' or '-'");
            }
            return new DaemonConfig(data, api,
                    pick(raftPort, RaftStoreConfig.DEFAULT_PORT), pick(clusterPort, DaemonConfig.DEFAULT_CLUSTER_PORT),
                    hostname, AgentSettings.defaults(data, prefix).withImages(ImageCatalog.of(pick(images, Map.of()))));
        }

        private static <T> T pick(T preferred, T otherwise) {
            return preferred != null ? preferred : otherwise;
        }
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
     * {@code IP:PORT} as a socket address; an IP literal only, never a name lookup.
     *
     * @throws IllegalArgumentException saying what is wrong, without the text itself
     */
    public static InetSocketAddress tcpAddress(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || !text.substring(0, colon).matches("[0-9.]+|\\[[0-9a-fA-F:.]+\\]")) {
            throw new IllegalArgumentException("want IP:PORT (e.g. 127.0.0.1:2375) or none");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the port is not a number");
        }
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("the port " + port + " is outside 0..65535");
        }
        String host = text.substring(0, colon).replace("[", "").replace("]", "");
        return new InetSocketAddress(host, port);
    }

    /**
     * Reads and validates {@code file}; problems name it as given.
     *
     * @throws InvalidException listing every problem found (a missing file is one)
     */
    public static Settings read(Path file) throws InvalidException {
        String label = file.toString();
        String text;
        try {
            text = TextFile.read(file);
        } catch (TextFile.Unreadable e) {
            throw fileProblem(label, e.getMessage());
        }
        return parse(label, text);
    }

    /**
     * Parses and validates {@code text} as if read from a file named {@code label}. An empty
     * document (or one with only comments) sets nothing.
     *
     * @throws InvalidException listing every problem found, in line order
     */
    public static Settings parse(String label, String text) throws InvalidException {
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
            throw fileProblem(label, "not valid YAML: " + e.getMessage());
        }
        if (root.isEmpty()) {
            return Settings.NONE;
        }
        return new Reader(label).read(root.get());
    }

    private static InvalidException fileProblem(String label, String message) {
        return new InvalidException(List.of(new Problem(label, 0, "", message)));
    }

    /** One reading of a document. Single-threaded, one use. */
    private static final class Reader {
        private final String label;
        private final List<Problem> problems = new ArrayList<>();

        Reader(String label) {
            this.label = label;
        }

        Settings read(Node root) throws InvalidException {
            if (!(root instanceof MappingNode)) {
                add(root, "", "expected a mapping with keys " + String.join(", ", KEYS) + ", got " + kind(root));
                throw invalid();
            }
            Map<String, Node> values = new HashMap<>();
            Map<String, Integer> keyLines = new HashMap<>();
            for (NodeTuple tuple : ((MappingNode) root).getValue()) {
                Node keyNode = tuple.getKeyNode();
                if (!(keyNode instanceof ScalarNode)) {
                    add(keyNode, "", "a key must be a plain word, not " + kind(keyNode));
                    continue;
                }
                String key = ((ScalarNode) keyNode).getValue();
                if (keyLines.containsKey(key)) {
                    add(keyNode, key, "given twice (first on line " + keyLines.get(key) + ")");
                } else if (!KEYS.contains(key)) {
                    keyLines.put(key, lineOf(keyNode));
                    add(keyNode, key, "unknown key (known: " + String.join(", ", KEYS) + ")");
                } else {
                    keyLines.put(key, lineOf(keyNode));
                    values.put(key, tuple.getValueNode());
                }
            }
            Path dataDir = path(values, "dataDir");
            Path socket = path(values, "socket");
            String tcp = tcp(values.get("tcp"));
            Integer raftPort = port(values, "raftPort");
            Integer clusterPort = port(values, "clusterPort");
            String hostname = text(values, "hostname", "a hostname");
            String taskPrefix = text(values, "taskPrefix", "a namespace name prefix");
            Map<String, List<String>> images = images(values.get("images"));
            if (!problems.isEmpty()) {
                throw invalid();
            }
            return new Settings(dataDir, socket, tcp, raftPort, clusterPort, hostname, taskPrefix, images);
        }

        /**
         * {@code images:} maps an image reference to the command that runs it, as a list of words:
         * <pre>
         * images:
         *   nginx: [/usr/sbin/nginx, -g, "daemon off;"]
         * </pre>
         */
        private Map<String, List<String>> images(Node value) {
            if (value == null) {
                return null;
            }
            if (!(value instanceof MappingNode mapping)) {
                add(value, "images", "expected a mapping from image to command (a list of words), got " + kind(value));
                return null;
            }
            Map<String, List<String>> images = new java.util.LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                String image = tuple.getKeyNode() instanceof ScalarNode k ? k.getValue().strip() : "";
                String key = "images." + image;
                if (image.isEmpty()) {
                    add(tuple.getKeyNode(), "images", "an image must be a plain name, not " + kind(tuple.getKeyNode()));
                    continue;
                }
                if (images.containsKey(image)) {
                    add(tuple.getKeyNode(), key, "given twice");
                    continue;
                }
                if (!(tuple.getValueNode() instanceof SequenceNode words) || words.getValue().isEmpty()) {
                    add(tuple.getValueNode(), key, "expected the command as a non-empty list of words, e.g. "
                            + "[/usr/bin/python3, -m, http.server, \"80\"], got " + kind(tuple.getValueNode()));
                    continue;
                }
                List<String> argv = new ArrayList<>();
                for (Node word : words.getValue()) {
                    String text = scalar(word, key, "a word");
                    if (text != null) {
                        argv.add(text);
                    }
                }
                images.put(image, List.copyOf(argv));
            }
            return images;
        }

        private Path path(Map<String, Node> values, String key) {
            String text = text(values, key, "a path");
            return text == null ? null : Path.of(text);
        }

        private String text(Map<String, Node> values, String key, String what) {
            Node value = values.get(key);
            if (value == null) {
                return null;
            }
            String text = scalar(value, key, what);
            if (text != null && text.isBlank()) {
                add(value, key, "expected " + what + ", got an empty string");
                return null;
            }
            return text;
        }

        private String tcp(Node value) {
            String text = value == null ? null : scalar(value, "tcp", "IP:PORT or none");
            if (text == null || text.equals("none")) {
                return text;
            }
            try {
                tcpAddress(text);
                return text;
            } catch (IllegalArgumentException e) {
                add(value, "tcp", "'" + text + "': " + e.getMessage());
                return null;
            }
        }

        private Integer port(Map<String, Node> values, String key) {
            Node value = values.get(key);
            if (value == null) {
                return null;
            }
            String text = scalar(value, key, "an integer in " + PORT_RANGE);
            if (text == null) {
                return null;
            }
            int port;
            try {
                port = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                add(value, key, "expected an integer in " + PORT_RANGE + ", got " + kind(value));
                return null;
            }
            if (port < 1 || port > 0xffff) {
                add(value, key, port + " is outside " + PORT_RANGE);
                return null;
            }
            return port;
        }

        /** The stripped text of a scalar value, or null (and a problem) when it is not one. */
        private String scalar(Node value, String key, String what) {
            if (!(value instanceof ScalarNode) || value.getTag().equals(Tag.NULL)) {
                add(value, key, "expected " + what + ", got " + kind(value));
                return null;
            }
            return ((ScalarNode) value).getValue().strip();
        }

        private void add(Node at, String key, String message) {
            problems.add(new Problem(label, lineOf(at), key, message));
        }

        private InvalidException invalid() {
            List<Problem> byLine = new ArrayList<>(problems);
            byLine.sort((a, b) -> Integer.compare(a.line(), b.line()));
            return new InvalidException(byLine);
        }
    }

    private static int lineOf(Node node) {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
    }

    private static String kind(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node.getTag().equals(Tag.NULL)) {
            return "nothing";
        }
        return "'" + ((ScalarNode) node).getValue() + "'";
    }
}
