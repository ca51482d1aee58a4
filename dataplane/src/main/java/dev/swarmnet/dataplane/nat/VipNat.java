package dev.swarmnet.dataplane.nat;

import dev.swarmnet.dataplane.wire.Ethernet;
import dev.swarmnet.dataplane.wire.Ipv4;
import dev.swarmnet.dataplane.wire.Tcp;
import dev.swarmnet.dataplane.wire.Udp;

/**
 * Rewrites a TCP or UDP packet toward its backend (destination NAT) or back from it (source
 * NAT), with incremental checksum updates. Owned by one event loop: it keeps references to the
 * loop's flyweights.
 */
public final class VipNat {
    private final Ethernet eth;
    private final Ipv4 ip;
    private final Tcp tcp;
    private final Udp udp;

    /** The flyweights must be wrapped on the current packet before each call. */
    public VipNat(Ethernet eth, Ipv4 ip, Tcp tcp, Udp udp) {
        this.eth = eth;
        this.ip = ip;
        this.tcp = tcp;
        this.udp = udp;
    }

    /** Client → VIP becomes client → backend. */
    public void toBackend(int backend, int backendPort, long backendMac) {
        int vip = ip.destination();
        ip.rewriteDestination(backend);
        if (ip.protocol() == Ipv4.PROTO_TCP) {
            tcp.addressChanged(vip, backend).rewriteDestinationPort(backendPort);
        } else {
            udp.addressChanged(vip, backend).rewriteDestinationPort(backendPort);
        }
        eth.destination(backendMac);
    }

    /** Backend → client becomes VIP → client. */
    public void fromBackend(int vip, int vipPort, long vipMac) {
        int backend = ip.source();
        ip.rewriteSource(vip);
        if (ip.protocol() == Ipv4.PROTO_TCP) {
            tcp.addressChanged(backend, vip).rewriteSourcePort(vipPort);
        } else {
            udp.addressChanged(backend, vip).rewriteSourcePort(vipPort);
        }
        eth.source(vipMac);
    }
}
