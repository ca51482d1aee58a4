package dev.swarmnet.controlplane.raft;

import java.time.Duration;
import java.util.List;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.netty.NettyConfigKeys;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/**
 * Translates a {@link RaftStoreConfig} into Ratis' own properties. Stateless; any thread.
 *
 * <p>Choices that matter for correctness are set explicitly even where they equal Ratis'
 * defaults: the log is fsynced before an append is acknowledged (no unsafe or asynchronous
 * flush), so an entry counted towards a majority survives a crash; reads are linearizable
 * (ReadIndex), so a read after an acknowledged write sees it.
 */
final class RatisProperties {

    /** Log segments rolled at this size; a closed segment below the last snapshot can be purged. */
    static final SizeInBytes SEGMENT_SIZE = SizeInBytes.valueOf("1MB");
    /** Snapshot files kept; older ones are deleted after a new one is written. */
    static final int SNAPSHOTS_RETAINED = 2;
    /** The shortest wait of one request between servers. */
    static final Duration SERVER_REQUEST_TIMEOUT = Duration.ofSeconds(3);

    private RatisProperties() {
    }

    static RaftProperties of(RaftStoreConfig config) {
        final RaftProperties p = new RaftProperties();
        RaftConfigKeys.Rpc.setType(p, SupportedRpcType.NETTY);
        NettyConfigKeys.Server.setHost(p, config.host());
        NettyConfigKeys.Server.setPort(p, config.port());

        RaftServerConfigKeys.setStorageDir(p, List.of(config.raftDir().toFile()));
        RaftServerConfigKeys.Log.setUnsafeFlushEnabled(p, false);
        RaftServerConfigKeys.Log.setAsyncFlushEnabled(p, false);
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, SEGMENT_SIZE);
        RaftServerConfigKeys.Log.setPreallocatedSize(p, SizeInBytes.valueOf("64KB"));
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
        RaftServerConfigKeys.Log.setPurgeGap(p, (int) Math.min(Integer.MAX_VALUE, config.snapshotThreshold()));

        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, config.snapshotThreshold());
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, SNAPSHOTS_RETAINED);

        RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);

        final TimeDuration min = millis(config.electionTimeoutMin());
        final TimeDuration max = millis(config.electionTimeoutMax());
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, min);
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, max);
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(p, min);
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(p, max);
        // Between servers (append entries, votes, ReadIndex): patient. The client's own attempts
        // are short: a request in flight to a leader that died waits this long before the client
        // tries another manager, which is most of what a failover costs a caller.
        RaftServerConfigKeys.Rpc.setRequestTimeout(p, millis(max(SERVER_REQUEST_TIMEOUT, config.requestTimeout())));
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, millis(config.requestTimeout()));
        return p;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    static TimeDuration millis(Duration d) {
        return TimeDuration.valueOf(d.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }
}
