package dev.swarmnet.dataplane.programfile;

import dev.swarmnet.dataplane.program.Backend;
import dev.swarmnet.dataplane.program.Endpoint;
import dev.swarmnet.dataplane.program.Network;
import dev.swarmnet.dataplane.program.Program;
import dev.swarmnet.dataplane.program.VirtualService;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * Compiles a {@link ProgramSpec} with {@link Program.Builder} and, when Program's validation
 * refuses it, finds every entry it refuses and the line each is on.
 *
 * <p>Program checks its entries in order (networks, endpoints, services) and throws at the
 * first inconsistent one, each checked against those before it. So if a prefix of the entries
 * fails, every longer prefix fails too: a binary search over prefixes finds the first culprit in
 * O(log n) builds. It is reported, left out, and the search goes on after it. Entries that
 * depend on one left out (endpoints and services of a refused network, services whose backend
 * was a refused endpoint) are left out silently rather than reported as a second, misleading
 * problem. Only a failing program pays for the search. Single-threaded, one use.
 */
final class ProgramCompiler {
    private enum Kind { NETWORK, ENDPOINT, SERVICE }

    /** One file entry as the builder sees it (a service with several ports is one unit). */
    private record Unit(Kind kind, String path, int line, String network, int address, List<Integer> backends,
                        Consumer<Program.Builder> addTo) {
    }

    private final ProgramSpec spec;
    private final Problems problems;
    private final long generation;
    private final Set<String> refusedNetworks = new HashSet<>();
    private final Set<String> refusedEndpoints = new HashSet<>();

    ProgramCompiler(ProgramSpec spec, long generation) {
        this.spec = spec;
        this.problems = new Problems(spec.file());
        this.generation = generation;
    }

    Program compile(ToIntFunction<EndpointSpec> portIds) throws ProgramFileException {
        List<Unit> rest = units(portIds);
        List<Unit> accepted = new ArrayList<>();
        while (true) {
            Set<String> live = endpointKeys(accepted, rest);
            rest.removeIf(unit -> dependsOnRefused(unit, live));
            Program program;
            try {
                program = build(accepted, rest, rest.size());
            } catch (IllegalArgumentException e) {
                int first = firstFailingPrefix(accepted, rest);
                Unit culprit = rest.get(first - 1);
                problems.add(culprit.line(), culprit.path(), failure(accepted, rest, first).getMessage());
                refuse(culprit);
                accepted.addAll(rest.subList(0, first - 1));
                rest = new ArrayList<>(rest.subList(first, rest.size()));
                continue;
            }
            problems.throwIfAny();
            return program;
        }
    }

    /** The spec's entries as builder units; entries the records themselves refuse are reported. */
    private List<Unit> units(ToIntFunction<EndpointSpec> portIds) {
        List<Unit> units = new ArrayList<>();
        for (NetworkSpec n : spec.networks()) {
            try {
                Network network = new Network(n.name(), n.vni(), n.subnet(), n.prefixLength(), n.gateway(), n.mtu());
                units.add(new Unit(Kind.NETWORK, n.path(), n.line(), n.name(), 0, List.of(), b -> b.network(network)));
            } catch (IllegalArgumentException e) {
                problems.add(n.line(), n.path(), e.getMessage());
                refusedNetworks.add(n.name());
            }
        }
        for (EndpointSpec e : spec.endpoints()) {
            int vni = spec.network(e.network()).vni();
            try {
                Endpoint endpoint = e.isLocal()
                        ? Endpoint.local(vni, e.address(), e.mac(), portIds.applyAsInt(e))
                        : Endpoint.remote(vni, e.address(), e.mac(), e.node());
                units.add(new Unit(Kind.ENDPOINT, e.path(), e.line(), e.network(), e.address(), List.of(),
                        b -> b.endpoint(endpoint)));
            } catch (IllegalArgumentException x) {
                problems.add(e.line(), e.path(), x.getMessage());
                refusedEndpoints.add(e.network() + "/" + e.address());
            }
        }
        for (ServiceSpec s : spec.services()) {
            int vni = spec.network(s.network()).vni();
            try {
                List<VirtualService> ports = new ArrayList<>();
                for (ServiceSpec.Port p : s.ports()) {
                    List<Backend> backends = new ArrayList<>();
                    for (BackendSpec b : s.backends()) {
                        backends.add(new Backend(b.address(), p.target(), b.weight(), b.state()));
                    }
                    ports.add(new VirtualService(s.name(), vni, s.vip(), p.protocol(), p.port(), s.algorithm(),
                            s.affinityTimeoutNs(), backends));
                }
                List<Integer> backendAddresses = s.backends().stream().map(BackendSpec::address).toList();
                units.add(new Unit(Kind.SERVICE, s.path(), s.line(), s.network(), s.vip(), backendAddresses,
                        b -> ports.forEach(b::service)));
            } catch (IllegalArgumentException x) {
                problems.add(s.line(), s.path(), x.getMessage());
            }
        }
        return units;
    }

    private void refuse(Unit unit) {
        if (unit.kind() == Kind.NETWORK) {
            refusedNetworks.add(unit.network());
        } else if (unit.kind() == Kind.ENDPOINT) {
            refusedEndpoints.add(unit.network() + "/" + unit.address());
        }
    }

    private static Set<String> endpointKeys(List<Unit> accepted, List<Unit> rest) {
        Set<String> keys = new HashSet<>();
        for (List<Unit> units : List.of(accepted, rest)) {
            for (Unit unit : units) {
                if (unit.kind() == Kind.ENDPOINT) {
                    keys.add(unit.network() + "/" + unit.address());
                }
            }
        }
        return keys;
    }

    /** True for an entry of a refused network, or a service whose backend only a refused endpoint had. */
    private boolean dependsOnRefused(Unit unit, Set<String> liveEndpoints) {
        if (unit.kind() == Kind.NETWORK) {
            return false;
        }
        if (refusedNetworks.contains(unit.network())) {
            return true;
        }
        for (int backend : unit.backends()) {
            String key = unit.network() + "/" + backend;
            if (refusedEndpoints.contains(key) && !liveEndpoints.contains(key)) {
                return true;
            }
        }
        return false;
    }

    /** The smallest k such that {@code accepted + rest[0..k)} fails to build; the whole of rest fails. */
    private int firstFailingPrefix(List<Unit> accepted, List<Unit> rest) {
        int low = 1;
        int high = rest.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (failure(accepted, rest, middle) != null) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    private IllegalArgumentException failure(List<Unit> accepted, List<Unit> rest, int prefix) {
        try {
            build(accepted, rest, prefix);
            return null;
        } catch (IllegalArgumentException e) {
            return e;
        }
    }

    private Program build(List<Unit> accepted, List<Unit> rest, int prefix) {
        Program.Builder builder = Program.builder().generation(generation);
        accepted.forEach(u -> u.addTo().accept(builder));
        rest.subList(0, prefix).forEach(u -> u.addTo().accept(builder));
        return builder.build();
    }
}
