package dev.swarmnet.controlplane.ingress;

import dev.swarmnet.dataplane.lb.LbAlgorithm;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Picks the backend of a new flow on one published port: round robin, least connections (fewest
 * open flows this node carries), or Maglev (a consistent hash of the client's IP and port, so a
 * backend set change moves few clients); with client affinity a client IP keeps its last backend
 * while it comes back within the affinity timeout and that backend is still active. Draining
 * backends are never chosen. Time is passed in ({@code nowNanos}).
 *
 * <p>Thread: any; every method is synchronized (called once per flow, never per packet).
 */
public final class BackendChooser {
    /** Maglev lookup-table size: a prime well above any service's task count. */
    static final int MAGLEV_TABLE = 4093;

    private final int algorithm;
    private final long affinityNanos;
    private List<MeshBackend> active = List.of();
    private int[] maglev = new int[0];
    private long next;
    private final Map<String, Integer> open = new HashMap<>();
    private final Map<String, Affinity> affinities = new HashMap<>();

    private record Affinity(String taskId, long lastNanos) {
    }

    /**
     * A chooser with {@code algorithm} ({@code LbAlgorithm} constant) and {@code affinityNanos}
     * (0: none) over {@code backends}.
     */
    public BackendChooser(int algorithm, long affinityNanos, List<MeshBackend> backends) {
        if (algorithm != LbAlgorithm.ROUND_ROBIN && algorithm != LbAlgorithm.LEAST_CONNECTIONS
                && algorithm != LbAlgorithm.MAGLEV) {
            throw new IllegalArgumentException("unknown load-balancing algorithm: " + algorithm);
        }
        if (affinityNanos < 0) {
            throw new IllegalArgumentException("affinity timeout must not be negative: " + affinityNanos);
        }
        this.algorithm = algorithm;
        this.affinityNanos = affinityNanos;
        update(backends);
    }

    /** The algorithm this chooser applies. */
    public int algorithm() {
        return algorithm;
    }

    /** The affinity timeout in nanoseconds (0: none). */
    public long affinityNanos() {
        return affinityNanos;
    }

    /** Replaces the backend set; open-flow counts and affinities of remaining backends are kept. */
    public synchronized void update(List<MeshBackend> backends) {
        Objects.requireNonNull(backends, "backends");
        List<MeshBackend> chosen = new ArrayList<>();
        for (MeshBackend backend : backends) {
            if (!backend.draining()) {
                chosen.add(backend);
            }
        }
        chosen.sort((a, b) -> a.taskId().compareTo(b.taskId()));
        active = List.copyOf(chosen);
        maglev = algorithm == LbAlgorithm.MAGLEV ? maglevTable(active) : new int[0];
    }

    /**
     * The backend for a new flow from {@code client} at {@code nowNanos}, counted as open until
     * {@link #release}; null when no backend is active.
     */
    public synchronized MeshBackend choose(InetSocketAddress client, long nowNanos) {
        Objects.requireNonNull(client, "client");
        if (active.isEmpty()) {
            return null;
        }
        String clientIp = client.getAddress() == null ? client.getHostString() : client.getAddress().getHostAddress();
        MeshBackend chosen = null;
        if (affinityNanos > 0) {
            Affinity affinity = affinities.get(clientIp);
            if (affinity != null && nowNanos - affinity.lastNanos <= affinityNanos) {
                chosen = find(affinity.taskId);
            }
        }
        if (chosen == null) {
            chosen = switch (algorithm) {
                case LbAlgorithm.LEAST_CONNECTIONS -> leastConnections();
                case LbAlgorithm.MAGLEV -> active.get(maglev[Math.floorMod(hash(clientIp + ":" + client.getPort(), 0x9e3779b9),
                        maglev.length)]);
                default -> active.get((int) Math.floorMod(next++, (long) active.size()));
            };
        }
        if (affinityNanos > 0) {
            affinities.put(clientIp, new Affinity(chosen.taskId(), nowNanos));
            if (affinities.size() > 4 * MAGLEV_TABLE) {
                affinities.values().removeIf(a -> nowNanos - a.lastNanos > affinityNanos);
            }
        }
        open.merge(chosen.taskId(), 1, Integer::sum);
        return chosen;
    }

    /** Ends the count of one flow on {@code backend} (its connection closed). */
    public synchronized void release(MeshBackend backend) {
        Objects.requireNonNull(backend, "backend");
        open.computeIfPresent(backend.taskId(), (id, count) -> count > 1 ? count - 1 : null);
    }

    /** How many flows this node carries to {@code taskId}. */
    public synchronized int openFlows(String taskId) {
        return open.getOrDefault(taskId, 0);
    }

    private MeshBackend find(String taskId) {
        for (MeshBackend backend : active) {
            if (backend.taskId().equals(taskId)) {
                return backend;
            }
        }
        return null;
    }

    private MeshBackend leastConnections() {
        MeshBackend best = null;
        int fewest = Integer.MAX_VALUE;
        int start = (int) Math.floorMod(next++, (long) active.size()); // ties rotate
        for (int i = 0; i < active.size(); i++) {
            MeshBackend backend = active.get((start + i) % active.size());
            int count = open.getOrDefault(backend.taskId(), 0);
            if (count < fewest) {
                fewest = count;
                best = backend;
            }
        }
        return best;
    }

    /** Maglev's population of a lookup table (Eisenbud et al., 2016), backends in task-id order. */
    static int[] maglevTable(List<MeshBackend> backends) {
        int[] table = new int[MAGLEV_TABLE];
        if (backends.isEmpty()) {
            return new int[0];
        }
        java.util.Arrays.fill(table, -1);
        int n = backends.size();
        long[] offset = new long[n];
        long[] skip = new long[n];
        long[] nextIndex = new long[n];
        for (int i = 0; i < n; i++) {
            String id = backends.get(i).taskId();
            offset[i] = Math.floorMod(hash(id, 0x85ebca6b), MAGLEV_TABLE);
            skip[i] = Math.floorMod(hash(id, 0xc2b2ae35), MAGLEV_TABLE - 1) + 1;
        }
        int filled = 0;
        while (true) {
            for (int i = 0; i < n; i++) {
                int slot = (int) ((offset[i] + nextIndex[i] * skip[i]) % MAGLEV_TABLE);
                while (table[slot] >= 0) {
                    nextIndex[i]++;
                    slot = (int) ((offset[i] + nextIndex[i] * skip[i]) % MAGLEV_TABLE);
                }
                table[slot] = i;
                nextIndex[i]++;
                if (++filled == MAGLEV_TABLE) {
                    return table;
                }
            }
        }
    }

    /** A stable 32-bit hash of {@code text} (FNV-1a mixed with {@code seed}, then a murmur finalizer). */
    static int hash(String text, int seed) {
        int h = 0x811c9dc5 ^ seed;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
