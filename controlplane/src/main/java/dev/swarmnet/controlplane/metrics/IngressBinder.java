package dev.swarmnet.controlplane.metrics;

import dev.swarmnet.controlplane.ingress.MeshController;
import dev.swarmnet.controlplane.ingress.MeshPort;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Routing-mesh connections (TCP) and flows (UDP) per published port: open now and opened so far. */
final class IngressBinder implements ScrapeBinder {
    private final MeterFamily active;
    private final MeterFamily total;

    IngressBinder(MeterRegistry registry) {
        active = MeterFamily.gauge(registry, "swarmnet.ingress.connections.active",
                "routing-mesh connections (TCP) or flows (UDP) open now on a published port of this node");
        total = MeterFamily.counter(registry, "swarmnet.ingress.connections",
                "routing-mesh connections (TCP) or flows (UDP) accepted on a published port of this node");
    }

    @Override
    public void refresh(MetricsSources sources) {
        Optional<MeshController> mesh = sources.mesh();
        Map<Tags, Integer> open = new HashMap<>();
        Map<Tags, Long> opened = new HashMap<>();
        if (mesh.isPresent()) {
            for (MeshPort port : mesh.get().openPorts().keySet()) {
                Tags tags = Tags.of("port", Integer.toString(port.port()), "protocol", port.protocol());
                open.put(tags, mesh.get().openFlows(port));
                opened.put(tags, mesh.get().totalFlows(port));
            }
        }
        active.publish(open);
        total.publish(opened);
    }
}
