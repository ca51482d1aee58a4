package dev.swarmnet.controlplane.metrics;

import dev.swarmnet.dataplane.io.DataPlane;
import dev.swarmnet.dataplane.stats.BackendSample;
import dev.swarmnet.dataplane.stats.PortTraffic;
import dev.swarmnet.dataplane.wire.Ipv4;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Traffic by owner: frames and bytes per data-plane port (labelled with its task and network)
 * and per network, new flows and bytes per VIP backend and per service. Port and backend
 * counters are the data plane's own ({@link PortTraffic}, {@code BackendTraffic}); network and
 * service counters are their sums, kept monotonic across ports and backends that come and go
 * ({@link MonotonicSums}).
 */
final class TrafficBinder implements ScrapeBinder {
    private static final String[] DIRECTIONS = {"rx", "rx", "tx", "tx"};
    private static final boolean[] BYTES = {false, true, false, true};

    private final MeterFamily portFrames;
    private final MeterFamily portBytes;
    private final MeterFamily networkFrames;
    private final MeterFamily networkBytes;
    private final MeterFamily backendFlows;
    private final MeterFamily backendBytes;
    private final MeterFamily serviceFlows;
    private final MeterFamily serviceBytes;
    private final MonotonicSums[] networkSums = new MonotonicSums[PortTraffic.FIELDS];
    private final MonotonicSums serviceFlowSums = new MonotonicSums();
    private final MonotonicSums serviceByteSums = new MonotonicSums();

    TrafficBinder(MeterRegistry registry) {
        portFrames = MeterFamily.counter(registry, "swarmnet.port.frames",
                "frames read from (rx) and written to (tx) one data-plane port, by task and network");
        portBytes = MeterFamily.counter(registry, "swarmnet.port.bytes",
                "bytes read from (rx) and written to (tx) one data-plane port, by task and network");
        networkFrames = MeterFamily.counter(registry, "swarmnet.network.frames",
                "frames read from (rx) and written to (tx) this node's ports on a network");
        networkBytes = MeterFamily.counter(registry, "swarmnet.network.bytes",
                "bytes read from (rx) and written to (tx) this node's ports on a network");
        backendFlows = MeterFamily.counter(registry, "swarmnet.backend.flows",
                "new flows this node's load balancer sent to a backend of a service's VIP");
        backendBytes = MeterFamily.counter(registry, "swarmnet.backend.bytes",
                "IP bytes of VIP flows to and from a backend, both directions, through this node");
        serviceFlows = MeterFamily.counter(registry, "swarmnet.service.flows",
                "new flows this node's load balancer sent to a service's VIP");
        serviceBytes = MeterFamily.counter(registry, "swarmnet.service.bytes",
                "IP bytes of a service's VIP flows, both directions, through this node");
        for (int i = 0; i < networkSums.length; i++) {
            networkSums[i] = new MonotonicSums();
        }
    }

    @Override
    public void refresh(MetricsSources sources) {
        Optional<DataPlane> plane = sources.dataPlane();
        if (plane.isEmpty()) {
            for (MeterFamily family : new MeterFamily[] {portFrames, portBytes, networkFrames, networkBytes,
                backendFlows, backendBytes, serviceFlows, serviceBytes}) {
                family.clear();
            }
            return;
        }
        ports(plane.get().portTraffic(), sources.ports());
        backends(plane.get().backendTraffic());
    }

    private void ports(long[][] traffic, List<PortOwner> owners) {
        Map<Integer, PortOwner> byId = new HashMap<>();
        owners.forEach(owner -> byId.put(owner.port(), owner));
        Map<Tags, Long> frames = new HashMap<>();
        Map<Tags, Long> bytes = new HashMap<>();
        List<Map<String, Long>> members = List.of(new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>());
        Map<String, String> networks = new HashMap<>();
        for (int id = 0; id < traffic.length; id++) {
            long[] row = traffic[id];
            if (row == null) {
                continue;
            }
            PortOwner owner = byId.getOrDefault(id, new PortOwner(id, "", ""));
            String member = id + "/" + owner.task() + "/" + owner.network();
            networks.put(member, owner.network());
            for (int field = 0; field < PortTraffic.FIELDS; field++) {
                Tags tags = Tags.of("port", Integer.toString(id), "task", owner.task(),
                        "network", owner.network(), "direction", DIRECTIONS[field]);
                (BYTES[field] ? bytes : frames).put(tags, row[field]);
                members.get(field).put(member, row[field]);
            }
        }
        portFrames.publish(frames);
        portBytes.publish(bytes);
        Map<Tags, Long> netFrames = new HashMap<>();
        Map<Tags, Long> netBytes = new HashMap<>();
        for (int field = 0; field < PortTraffic.FIELDS; field++) {
            String direction = DIRECTIONS[field];
            Map<Tags, Long> into = BYTES[field] ? netBytes : netFrames;
            networkSums[field].update(members.get(field), networks).forEach((network, total) -> {
                if (!network.isEmpty()) {
                    into.put(Tags.of("network", network, "direction", direction), total);
                }
            });
        }
        networkFrames.publish(netFrames);
        networkBytes.publish(netBytes);
    }

    private void backends(List<BackendSample> samples) {
        Map<Tags, Long> flows = new HashMap<>();
        Map<Tags, Long> bytes = new HashMap<>();
        Map<String, Long> flowMembers = new HashMap<>();
        Map<String, Long> byteMembers = new HashMap<>();
        Map<String, String> services = new HashMap<>();
        for (BackendSample sample : samples) {
            String backend = Ipv4.format(sample.address());
            Tags tags = Tags.of("service", sample.service(), "backend", backend);
            flows.put(tags, sample.flows());
            bytes.put(tags, sample.bytes());
            String member = sample.service() + "/" + sample.vni() + "/" + backend;
            flowMembers.put(member, sample.flows());
            byteMembers.put(member, sample.bytes());
            services.put(member, sample.service());
        }
        backendFlows.publish(flows);
        backendBytes.publish(bytes);
        serviceFlows.publish(byService(serviceFlowSums.update(flowMembers, services)));
        serviceBytes.publish(byService(serviceByteSums.update(byteMembers, services)));
    }

    private static Map<Tags, Long> byService(Map<String, Long> totals) {
        Map<Tags, Long> tagged = new HashMap<>();
        totals.forEach((service, total) -> tagged.put(Tags.of("service", service), total));
        return tagged;
    }
}
