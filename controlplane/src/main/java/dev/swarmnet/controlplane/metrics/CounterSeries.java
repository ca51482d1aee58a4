package dev.swarmnet.controlplane.metrics;

import dev.swarmnet.dataplane.stats.Counter;
import io.micrometer.core.instrument.Tags;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where each data-plane {@link Counter} appears in the scrape: a metric name and one label, so
 * that the loop counters become a dozen labelled families ({@code drops} by {@code reason},
 * {@code dns queries} by {@code result}, ...). Every counter id maps to exactly one series;
 * drop reasons take their name from {@link Counter#name} without its {@code drop_} prefix.
 * Pure and immutable; any thread.
 */
final class CounterSeries {
    /** One counter's place: metric name, labels, and the metric's help text. */
    record Series(String metric, Tags tags, String help) {
    }

    static final String FRAMES = "swarmnet.dataplane.frames";
    static final String DROPS = "swarmnet.dataplane.drops";
    static final String ANSWERS = "swarmnet.dataplane.answers";
    static final String VIP_FLOWS = "swarmnet.dataplane.vip.flows";
    static final String VIP_PACKETS = "swarmnet.dataplane.vip.packets";
    static final String TAP_FRAMES = "swarmnet.dataplane.tap.frames";
    static final String TAP_BYTES = "swarmnet.dataplane.tap.bytes";
    static final String TAP_SUPERFRAMES = "swarmnet.dataplane.tap.superframes";
    static final String TAP_SEGMENTS = "swarmnet.dataplane.tap.rx.segments";
    static final String TAP_TX_DROPS = "swarmnet.dataplane.tap.tx.drops";
    static final String TAP_ERRORS = "swarmnet.dataplane.tap.errors";
    static final String UNDERLAY_DATAGRAMS = "swarmnet.dataplane.underlay.datagrams";
    static final String UNDERLAY_BYTES = "swarmnet.dataplane.underlay.bytes";
    static final String UNDERLAY_TX_ERRORS = "swarmnet.dataplane.underlay.tx.errors";
    static final String DNS_QUERIES = "swarmnet.dns.queries";
    static final String DNS_UPSTREAM = "swarmnet.dns.upstream.replies";
    static final String DNS_TCP = "swarmnet.dns.tcp.segments";
    static final String DNS_UPSTREAM_TCP = "swarmnet.dns.upstream.tcp";

    private static final Series[] BY_ID = new Series[Counter.COUNT];

    static {
        String frames = "frames handed to the data plane's processor (outcome=processed) and what became of them";
        map(Counter.FRAMES_IN, FRAMES, "outcome", "processed", frames);
        map(Counter.FORWARDED_LOCAL, FRAMES, "outcome", "forwarded_local", frames);
        map(Counter.FORWARDED_REMOTE, FRAMES, "outcome", "forwarded_remote", frames);
        map(Counter.ANSWERED, FRAMES, "outcome", "answered", frames);
        map(Counter.DROPPED, FRAMES, "outcome", "dropped", frames);
        String answers = "frames the data plane answered itself, by kind of answer";
        map(Counter.ARP_REPLIES, ANSWERS, "kind", "arp", answers);
        map(Counter.ECHO_REPLIES, ANSWERS, "kind", "echo", answers);
        map(Counter.TCP_RESETS, ANSWERS, "kind", "tcp_reset", answers);
        map(Counter.FRAGMENTATION_NEEDED, ANSWERS, "kind", "fragmentation_needed", answers);
        map(Counter.VIP_NEW_FLOWS, VIP_FLOWS, null, null, "new flows load-balanced from a VIP to a backend");
        String vip = "packets rewritten by VIP NAT, toward the backend (original) or back from it (reply)";
        map(Counter.VIP_ORIGINAL_PACKETS, VIP_PACKETS, "direction", "original", vip);
        map(Counter.VIP_REPLY_PACKETS, VIP_PACKETS, "direction", "reply", vip);
        String tapFrames = "frames read from (rx) and written to (tx) TAP ports";
        map(Counter.TAP_RX_FRAMES, TAP_FRAMES, "direction", "rx", tapFrames);
        map(Counter.TAP_TX_FRAMES, TAP_FRAMES, "direction", "tx", tapFrames);
        String tapBytes = "bytes read from (rx) and written to (tx) TAP ports";
        map(Counter.TAP_RX_BYTES, TAP_BYTES, "direction", "rx", tapBytes);
        map(Counter.TAP_TX_BYTES, TAP_BYTES, "direction", "tx", tapBytes);
        String superframes = "TCP super-frames read from or written to TAPs with segmentation offload";
        map(Counter.TAP_RX_SUPERFRAMES, TAP_SUPERFRAMES, "direction", "rx", superframes);
        map(Counter.TAP_TX_SUPERFRAMES, TAP_SUPERFRAMES, "direction", "tx", superframes);
        map(Counter.TAP_RX_SEGMENTS, TAP_SEGMENTS, null, null, Counter.description(Counter.TAP_RX_SEGMENTS));
        map(Counter.TAP_TX_DROPS, TAP_TX_DROPS, null, null, Counter.description(Counter.TAP_TX_DROPS));
        map(Counter.TAP_ERRORS, TAP_ERRORS, null, null, Counter.description(Counter.TAP_ERRORS));
        String datagrams = "VXLAN datagrams received (rx) and handed to the underlay socket (tx)";
        map(Counter.UNDERLAY_RX_DATAGRAMS, UNDERLAY_DATAGRAMS, "direction", "rx", datagrams);
        map(Counter.UNDERLAY_TX_DATAGRAMS, UNDERLAY_DATAGRAMS, "direction", "tx", datagrams);
        String underlayBytes = "VXLAN payload bytes received (rx) and handed to the underlay socket (tx)";
        map(Counter.UNDERLAY_RX_BYTES, UNDERLAY_BYTES, "direction", "rx", underlayBytes);
        map(Counter.UNDERLAY_TX_BYTES, UNDERLAY_BYTES, "direction", "tx", underlayBytes);
        map(Counter.UNDERLAY_TX_ERRORS, UNDERLAY_TX_ERRORS, null, null,
                Counter.description(Counter.UNDERLAY_TX_ERRORS));
        String queries = "DNS queries to a gateway's port 53, by result: answered, nxdomain, formerr, notimp, "
                + "forwarded (to an upstream resolver) or refused (not forwarded: too many pending or no upstream)";
        map(Counter.DNS_ANSWERED, DNS_QUERIES, "result", "answered", queries);
        map(Counter.DNS_NXDOMAIN, DNS_QUERIES, "result", "nxdomain", queries);
        map(Counter.DNS_FORMERR, DNS_QUERIES, "result", "formerr", queries);
        map(Counter.DNS_NOTIMP, DNS_QUERIES, "result", "notimp", queries);
        map(Counter.DNS_FORWARDED, DNS_QUERIES, "result", "forwarded", queries);
        map(Counter.DNS_FORWARD_REFUSED, DNS_QUERIES, "result", "refused", queries);
        String upstream = "forwarded DNS queries by upstream outcome: relayed (reply), timeout (SERVFAIL sent), "
                + "error (reply dropped)";
        map(Counter.DNS_FORWARD_REPLIES, DNS_UPSTREAM, "outcome", "reply", upstream);
        map(Counter.DNS_FORWARD_TIMEOUTS, DNS_UPSTREAM, "outcome", "timeout", upstream);
        map(Counter.DNS_FORWARD_ERRORS, DNS_UPSTREAM, "outcome", "error", upstream);
        String tcp = "DNS over TCP at a gateway: connections accepted (SYN-ACK sent), segments with part of a query "
                + "(gathered), segments refused with a RST, answers sent in several segments, answers cut to the "
                + "client's window";
        map(Counter.DNS_TCP_CONNECTIONS, DNS_TCP, "event", "connection", tcp);
        map(Counter.DNS_TCP_PARTIAL, DNS_TCP, "event", "partial", tcp);
        map(Counter.DNS_TCP_REFUSED, DNS_TCP, "event", "refused", tcp);
        map(Counter.DNS_TCP_MULTI_SEGMENT, DNS_TCP, "event", "multi_segment_answer", tcp);
        map(Counter.DNS_TCP_WINDOW_CUT, DNS_TCP, "event", "window_cut", tcp);
        String upstreamTcp = "forwarded DNS queries sent to an upstream resolver over TCP (outcome=query) and TCP "
                + "exchanges that failed (outcome=error: refused, reset, closed early, wrong id)";
        map(Counter.DNS_FORWARD_TCP, DNS_UPSTREAM_TCP, "outcome", "query", upstreamTcp);
        map(Counter.DNS_FORWARD_TCP_ERRORS, DNS_UPSTREAM_TCP, "outcome", "error", upstreamTcp);
        String drops = "frames dropped by the data plane, by reason (see the stats Counter descriptions)";
        for (int id = 0; id < Counter.COUNT; id++) {
            if (Counter.isDropReason(id)) {
                map(id, DROPS, "reason", Counter.name(id).substring("drop_".length()), drops);
            }
        }
        for (int id = 0; id < Counter.COUNT; id++) {
            if (BY_ID[id] == null) {
                throw new IllegalStateException("data-plane counter " + Counter.name(id) + " has no metric");
            }
        }
    }

    private CounterSeries() {
    }

    private static void map(int id, String metric, String tag, String value, String help) {
        if (BY_ID[id] != null) {
            throw new IllegalStateException("data-plane counter " + Counter.name(id) + " mapped twice");
        }
        BY_ID[id] = new Series(metric, tag == null ? Tags.empty() : Tags.of(tag, value), help);
    }

    /** The series of counter {@code id}. */
    static Series of(int id) {
        return BY_ID[id];
    }

    /** The loop counters {@code values} (indexed by counter id) grouped by metric name, then labels. */
    static Map<String, Map<Tags, Long>> group(long[] values) {
        Map<String, Map<Tags, Long>> grouped = new LinkedHashMap<>();
        for (int id = 0; id < Counter.COUNT && id < values.length; id++) {
            Series series = BY_ID[id];
            grouped.computeIfAbsent(series.metric(), m -> new LinkedHashMap<>()).put(series.tags(), values[id]);
        }
        return grouped;
    }

    /** Every metric name with its help text, in counter-id order. */
    static Map<String, String> metrics() {
        Map<String, String> metrics = new LinkedHashMap<>();
        for (Series series : BY_ID) {
            metrics.putIfAbsent(series.metric(), series.help());
        }
        return metrics;
    }
}
