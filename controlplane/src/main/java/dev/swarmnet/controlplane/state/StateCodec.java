package dev.swarmnet.controlplane.state;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.swarmnet.controlplane.model.Cluster;
import dev.swarmnet.controlplane.model.Network;
import dev.swarmnet.controlplane.model.Node;
import dev.swarmnet.controlplane.model.Service;
import dev.swarmnet.controlplane.model.Task;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * JSON for Raft snapshots and log entries. Never Java serialization.
 *
 * <p>A snapshot is {@code {"format":"swarmnet-state","version":3,"appliedIndex":N,"cluster":…,
 * "nodes":[…],"networks":[…],"services":[…],"tasks":[…]}} with objects in ID order; a log entry
 * is {@code {"format":"swarmnet-command","version":3,"timestampMillis":T,"command":{"type":…}}}.
 * Encoding is canonical (same value, same bytes) and decoding is strict: unknown fields, missing
 * fields, another format or another version are refused with a {@link CodecException}, because a
 * replica that silently dropped a field it does not know would diverge from the others. Any change
 * of shape bumps {@link #VERSION}; a build reads only the versions it names.
 *
 * <p>Thread-safe: one instance may serve the Raft applier, snapshotter and proposers at once.
 */
public final class StateCodec {
    /** The {@code format} of snapshots. */
    public static final String STATE_FORMAT = "swarmnet-state";
    /** The {@code format} of log entries. */
    public static final String COMMAND_FORMAT = "swarmnet-command";
    /** The only version this build writes and reads, for both formats. */
    public static final int VERSION = 4;
    /** The oldest version this build still reads, migrating it on the way in ({@link #migrate}). */
    public static final int OLDEST_READ = 3;

    private final JsonMapper mapper = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    /** A snapshot of {@code state}. */
    public byte[] encodeState(ClusterState state) {
        Objects.requireNonNull(state, "state");
        return write(new Snapshot(STATE_FORMAT, VERSION, state.appliedIndex(), state.cluster(),
                List.copyOf(state.nodes().values()), List.copyOf(state.networks().values()),
                List.copyOf(state.services().values()), List.copyOf(state.tasks().values())));
    }

    /** The state in a snapshot made by {@link #encodeState}. */
    public ClusterState decodeState(byte[] bytes) {
        Snapshot s = read(bytes, STATE_FORMAT, "snapshot", Snapshot.class);
        try {
            return ClusterState.of(s.appliedIndex(), s.cluster(), s.nodes(), s.networks(), s.services(), s.tasks());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CodecException("malformed " + STATE_FORMAT + " snapshot: " + e.getMessage(), e);
        }
    }

    /** A log entry carrying {@code command} stamped at {@code timestampMillis}. */
    public byte[] encodeCommand(Command command, long timestampMillis) {
        return encodeCommand(new StampedCommand(command, timestampMillis));
    }

    /** A log entry carrying {@code entry}. */
    public byte[] encodeCommand(StampedCommand entry) {
        Objects.requireNonNull(entry, "entry");
        return write(new Entry(COMMAND_FORMAT, VERSION, entry.timestampMillis(), entry.command()));
    }

    /** The stamped command in a log entry made by {@link #encodeCommand}. */
    public StampedCommand decodeCommand(byte[] bytes) {
        Entry e = read(bytes, COMMAND_FORMAT, "log entry", Entry.class);
        if (e.command() == null) {
            throw new CodecException("malformed " + COMMAND_FORMAT + " log entry: no command");
        }
        return new StampedCommand(e.command(), e.timestampMillis());
    }

    private byte[] write(Object envelope) {
        try {
            return mapper.writeValueAsBytes(envelope);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot encode " + envelope.getClass().getSimpleName(), e);
        }
    }

    private <T> T read(byte[] bytes, String format, String what, Class<T> type) {
        Objects.requireNonNull(bytes, "bytes");
        JsonNode tree;
        try {
            tree = mapper.readTree(bytes);
        } catch (IOException e) {
            throw new CodecException("malformed " + format + " " + what + ": " + detail(e), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new CodecException("not a " + format + " " + what + ": want a JSON object");
        }
        JsonNode formatNode = tree.get("format");
        if (formatNode == null || !formatNode.isTextual() || !formatNode.textValue().equals(format)) {
            throw new CodecException("not a " + format + " " + what + ": format is "
                    + (formatNode == null ? "missing" : formatNode.toString()));
        }
        JsonNode versionNode = tree.get("version");
        if (versionNode == null || !versionNode.isIntegralNumber()) {
            throw new CodecException(format + " " + what + " has no integer version");
        }
        if (!versionNode.canConvertToInt() || versionNode.intValue() < OLDEST_READ || versionNode.intValue() > VERSION) {
            throw new CodecException("unsupported " + format + " version " + versionNode.asText()
                    + ": this build reads versions " + OLDEST_READ + " to " + VERSION);
        }
        if (versionNode.intValue() < VERSION) {
            migrate(tree);
        }
        try {
            return mapper.treeToValue(tree, type);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new CodecException("malformed " + format + " " + what + ": " + detail(e), e);
        }
    }

    /**
     * Version 3 to 4: container specs gained {@code healthcheck} (none in version 3). Every
     * container spec (the only objects with both {@code image} and {@code stopGracePeriodNanos})
     * gets an explicit null.
     */
    private static void migrate(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("image") && object.has("stopGracePeriodNanos") && !object.has("healthcheck")) {
                object.putNull("healthcheck");
            }
            object.elements().forEachRemaining(StateCodec::migrate);
        } else if (node.isArray()) {
            node.elements().forEachRemaining(StateCodec::migrate);
        }
    }

    private static String detail(Exception e) {
        return e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
    }

    /**
     * Version 4 snapshot layout (version 1 had no networks, services or tasks in use; version 3
     * added node attachments; version 4 container specs' health checks).
     */
    record Snapshot(String format, int version, long appliedIndex, Cluster cluster, List<Node> nodes,
                    List<Network> networks, List<Service> services, List<Task> tasks) {
    }

    /**
     * Version 4 log entry layout (version 2 added the network, service and task commands; 3 node
     * attachments; 4 health checks).
     */
    record Entry(String format, int version, long timestampMillis, Command command) {
    }
}
