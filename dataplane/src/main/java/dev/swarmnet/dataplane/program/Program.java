package dev.swarmnet.dataplane.program;

import dev.swarmnet.dataplane.wire.Ipv4;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.collections.IntHashSet;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * An immutable snapshot of what one node's data plane serves: networks, endpoints (local ports
 * and remote VTEPs), and virtual services with their backends.
 *
 * <p>Built off the packet thread by {@link Builder#build()}, which validates everything; read by
 * any number of event loops without synchronisation. Every lookup used per packet is a primitive
 * hash probe or an array index.
 */
public final class Program {
    private static final long MISSING = -1L;

    private final long generation;
    private final List<Network> networks;
    private final List<Endpoint> endpoints;
    private final List<ServiceEntry> services;
    private final Int2IntHashMap networkByVni;
    private final int[] vnis;
    private final int[] gateways;
    private final int[] mtus;
    private final Long2LongHashMap forwarding;
    private final Long2LongHashMap arp;
    private final Long2ObjectHashMap<ServiceEntry[]> vips;
    private final IntHashSet peers = new IntHashSet();
    private final int[] portNetwork;
    private final int[] portAddress;
    private final long[] portMac;
    private final DnsTable[] dnsTables;

    private Program(long generation, List<Network> networks, List<Endpoint> endpoints, List<VirtualService> specs,
                    Map<Integer, DnsTable> dns) {
        this.generation = generation;
        this.networks = List.copyOf(networks);
        this.endpoints = List.copyOf(endpoints);
        int n = networks.size();
        if (n > 0xffff) {
            throw new IllegalArgumentException("a node serves at most 65535 networks, not " + n);
        }
        networkByVni = new Int2IntHashMap(Math.max(8, n * 2), 0.5f, -1);
        vnis = new int[n];
        gateways = new int[n];
        mtus = new int[n];
        arp = new Long2LongHashMap(Math.max(8, (endpoints.size() + n + specs.size()) * 2), 0.5f, MISSING);
        forwarding = new Long2LongHashMap(Math.max(8, endpoints.size() * 2), 0.5f, MISSING);
        for (int i = 0; i < n; i++) {
            Network net = networks.get(i);
            if (networkByVni.containsKey(net.vni())) {
                throw new IllegalArgumentException("network " + net.name() + ": VNI " + net.vni() + " is used twice");
            }
            networkByVni.put(net.vni(), i);
            vnis[i] = net.vni();
            gateways[i] = net.gateway();
            mtus[i] = net.mtu();
            arp.put(addressKey(i, net.gateway()), Endpoint.macFor(net.gateway()));
        }

        int maxPort = -1;
        for (Endpoint e : endpoints) {
            maxPort = Math.max(maxPort, e.port());
        }
        portNetwork = new int[maxPort + 1];
        portAddress = new int[maxPort + 1];
        portMac = new long[maxPort + 1];
        Arrays.fill(portNetwork, -1);
        for (Endpoint e : endpoints) {
            int net = requireNetwork(e.vni(), "endpoint " + Ipv4.format(e.address()));
            Network network = networks.get(net);
            String what = "endpoint " + Ipv4.format(e.address()) + " on network " + network.name();
            if (!network.contains(e.address()) || e.address() == network.gateway()) {
                throw new IllegalArgumentException(what + ": address is outside the subnet or is its gateway");
            }
            if (arp.put(addressKey(net, e.address()), e.mac()) != MISSING) {
                throw new IllegalArgumentException(what + ": address is used twice");
            }
            long location = e.isLocal() ? Location.local(e.port()) : Location.remote(e.node());
            if (!e.isLocal()) {
                peers.add(e.node());
            }
            if (forwarding.put(macKey(net, e.mac()), location) != MISSING) {
                throw new IllegalArgumentException(what + ": MAC " + Long.toHexString(e.mac()) + " is used twice");
            }
            if (e.isLocal()) {
                if (portNetwork[e.port()] != -1) {
                    throw new IllegalArgumentException(what + ": local port " + e.port() + " already belongs to "
                            + Ipv4.format(portAddress[e.port()]));
                }
                portNetwork[e.port()] = net;
                portAddress[e.port()] = e.address();
                portMac[e.port()] = e.mac();
            }
        }

        vips = new Long2ObjectHashMap<>();
        List<ServiceEntry> compiled = new ArrayList<>(specs.size());
        Map<Long, List<ServiceEntry>> byVip = new HashMap<>();
        for (VirtualService spec : specs) {
            String what = "service " + spec.name() + " (" + Ipv4.format(spec.vip()) + ":" + spec.port() + ")";
            int net = requireNetwork(spec.vni(), what);
            long key = addressKey(net, spec.vip());
            long existing = arp.get(key);
            if (existing != MISSING && !byVip.containsKey(key)) {
                throw new IllegalArgumentException(what + ": VIP is already an endpoint or gateway address");
            }
            if (!networks.get(net).contains(spec.vip())) {
                throw new IllegalArgumentException(what + ": VIP is outside network " + networks.get(net).name());
            }
            long[] macs = new long[spec.backends().size()];
            for (int i = 0; i < macs.length; i++) {
                Backend b = spec.backends().get(i);
                long mac = arp.get(addressKey(net, b.address()));
                if (mac == MISSING || byVip.containsKey(addressKey(net, b.address()))) {
                    throw new IllegalArgumentException(what + ": backend " + Ipv4.format(b.address())
                            + " is not an endpoint of network " + networks.get(net).name());
                }
                macs[i] = mac;
            }
            List<ServiceEntry> same = byVip.computeIfAbsent(key, k -> new ArrayList<>());
            for (ServiceEntry other : same) {
                if (other.protocol == spec.protocol() && other.port == spec.port()) {
                    throw new IllegalArgumentException(what + ": the same VIP port is published twice ("
                            + other.name + ")");
                }
            }
            ServiceEntry entry = new ServiceEntry(compiled.size(), spec, macs);
            same.add(entry);
            compiled.add(entry);
            arp.put(key, entry.vipMac);
        }
        byVip.forEach((key, list) -> vips.put(key.longValue(), list.toArray(new ServiceEntry[0])));
        this.services = List.copyOf(compiled);
        dnsTables = new DnsTable[n];
        Arrays.fill(dnsTables, DnsTable.EMPTY);
        dns.forEach((vni, table) -> dnsTables[requireNetwork(vni, "DNS table")] = table);
    }

    private int requireNetwork(int vni, String what) {
        int net = networkByVni.get(vni);
        if (net < 0) {
            throw new IllegalArgumentException(what + ": VNI " + vni + " is not a network of this program");
        }
        return net;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A program that serves nothing. */
    public static Program empty() {
        return builder().build();
    }

    static long addressKey(int network, int address) {
        return (long) network << 32 | (address & 0xffff_ffffL);
    }

    static long macKey(int network, long mac) {
        return (long) network << 48 | mac;
    }

    /** Monotonic number the control plane gives each program, for diagnostics. */
    public long generation() {
        return generation;
    }

    /** The program's index of the network with this VNI, or -1 when it is not served. */
    public int networkIndex(int vni) {
        return networkByVni.get(vni);
    }

    public int vni(int network) {
        return vnis[network];
    }

    public int gateway(int network) {
        return gateways[network];
    }

    public int mtu(int network) {
        return mtus[network];
    }

    /** Where {@code mac} lives on {@code network}: see {@link Location}; {@link Location#NONE} if nowhere. */
    public long location(int network, long mac) {
        return forwarding.get(macKey(network, mac));
    }

    /** The MAC that answers ARP for {@code address} (endpoint, gateway or VIP), or -1. */
    public long arp(int network, int address) {
        return arp.get(addressKey(network, address));
    }

    /**
     * The service published at {@code vip:port/protocol}: the exact-port entry if there is one,
     * else the VIP's any-port entry ({@link VirtualService#ANY_PORT}) for that protocol, else null.
     */
    public ServiceEntry service(int network, int vip, int protocol, int port) {
        ServiceEntry[] entries = vips.get(addressKey(network, vip));
        if (entries == null) {
            return null;
        }
        ServiceEntry any = null;
        for (ServiceEntry e : entries) {
            if (e.protocol == protocol) {
                if (e.port == port) {
                    return e;
                }
                if (e.port == VirtualService.ANY_PORT) {
                    any = e;
                }
            }
        }
        return any;
    }

    /** True when {@code address} is a VIP on {@code network}. */
    public boolean isVip(int network, int address) {
        return vips.get(addressKey(network, address)) != null;
    }

    /** True when {@code node} hosts an endpoint of this program: the only senders the underlay accepts. */
    public boolean isPeer(int node) {
        return peers.contains(node);
    }

    /** The network of a local port, or -1 when the port is not programmed. */
    public int portNetwork(int port) {
        return port >= 0 && port < portNetwork.length ? portNetwork[port] : -1;
    }

    public int portAddress(int port) {
        return portAddress[port];
    }

    public long portMac(int port) {
        return portMac[port];
    }

    /** The names a task on {@code network} resolves through its gateway; {@link DnsTable#EMPTY} when none. */
    public DnsTable dns(int network) {
        return dnsTables[network];
    }

    public List<Network> networks() {
        return networks;
    }

    public List<Endpoint> endpoints() {
        return endpoints;
    }

    public List<ServiceEntry> services() {
        return services;
    }

    /** Collects records and compiles them into a {@link Program}. Not thread-safe; use off-loop. */
    public static final class Builder {
        private long generation;
        private final List<Network> networks = new ArrayList<>();
        private final List<Endpoint> endpoints = new ArrayList<>();
        private final List<VirtualService> services = new ArrayList<>();
        private final Map<Integer, DnsTable> dns = new HashMap<>();

        public Builder generation(long generation) {
            this.generation = generation;
            return this;
        }

        public Builder network(Network network) {
            networks.add(network);
            return this;
        }

        public Builder endpoint(Endpoint endpoint) {
            endpoints.add(endpoint);
            return this;
        }

        public Builder service(VirtualService service) {
            services.add(service);
            return this;
        }

        /** The names tasks on network {@code vni} resolve (replaces an earlier table for it). */
        public Builder dns(int vni, DnsTable table) {
            dns.put(vni, java.util.Objects.requireNonNull(table, "table"));
            return this;
        }

        /** @throws IllegalArgumentException naming the first inconsistent entry */
        public Program build() {
            return new Program(generation, networks, endpoints, services, dns);
        }
    }
}
