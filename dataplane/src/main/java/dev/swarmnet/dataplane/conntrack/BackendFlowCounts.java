package dev.swarmnet.dataplane.conntrack;

import java.util.HashMap;
import java.util.Map;

/**
 * How many tracked flows each VIP backend carries, counted from a {@link FlowTable} at one
 * moment: per (VNI, protocol, VIP, backend address), the flows still open and those closing
 * ({@link FlowState#TIME_WAIT} or {@link FlowState#CLOSE}), as {@code ipvsadm -Ln} shows
 * ActiveConn and InActConn. Immutable once counted; any thread may read it.
 *
 * <p>{@link #count} scans every slot of the table (as {@link FlowTable#removeIf} does when a
 * program is installed) and allocates a small map: call it on the table's event loop, off the
 * per-packet path, for diagnostics only.
 */
public final class BackendFlowCounts {
    /** No flow for any backend (an empty table). */
    public static final BackendFlowCounts NONE = new BackendFlowCounts(Map.of());

    private final Map<Key, int[]> counts;

    private BackendFlowCounts(Map<Key, int[]> counts) {
        this.counts = counts;
    }

    /** The flows {@code table} holds now, by backend. On the table's event loop. */
    public static BackendFlowCounts count(FlowTable table) {
        Map<Key, int[]> counts = new HashMap<>();
        for (int id = 0, n = table.capacity(); id < n; id++) {
            if (!table.contains(id)) {
                continue;
            }
            Key key = new Key(table.vni(id), table.proto(id), table.origDstIp(id), table.replySrcIp(id));
            int state = table.state(id);
            boolean closing = state == FlowState.TIME_WAIT || state == FlowState.CLOSE;
            counts.computeIfAbsent(key, k -> new int[2])[closing ? 1 : 0]++;
        }
        return new BackendFlowCounts(counts);
    }

    /** Open flows of {@code protocol} to {@code vip} on {@code vni} translated to {@code backend}. */
    public int active(int vni, int protocol, int vip, int backend) {
        int[] pair = counts.get(new Key(vni, protocol, vip, backend));
        return pair == null ? 0 : pair[0];
    }

    /** Closing flows (TIME_WAIT, CLOSE) of {@code protocol} to {@code vip} on {@code vni} translated to {@code backend}. */
    public int closing(int vni, int protocol, int vip, int backend) {
        int[] pair = counts.get(new Key(vni, protocol, vip, backend));
        return pair == null ? 0 : pair[1];
    }

    private record Key(int vni, int protocol, int vip, int backend) {
    }
}
