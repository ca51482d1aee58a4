package dev.swarmnet.dataplane.programfile;

import dev.swarmnet.dataplane.program.Program;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * A program file, read and validated: this node, its networks, endpoints (local ones with the
 * namespace and interface their TAP goes in) and services, each entry with the line it came
 * from. Immutable.
 *
 * @param file the file as the user named it, for messages
 */
public record ProgramSpec(String file, NodeSpec node, List<NetworkSpec> networks, List<EndpointSpec> endpoints,
                          List<ServiceSpec> services) {

    public ProgramSpec {
        networks = List.copyOf(networks);
        endpoints = List.copyOf(endpoints);
        services = List.copyOf(services);
    }

    /** The network named {@code name}. */
    public NetworkSpec network(String name) {
        for (NetworkSpec network : networks) {
            if (network.name().equals(name)) {
                return network;
            }
        }
        throw new IllegalArgumentException("no network named '" + name + "' in " + file);
    }

    /** The local endpoints in file order; {@link #densePortIds()} numbers them 0, 1, 2, ... */
    public List<EndpointSpec> localEndpoints() {
        return endpoints.stream().filter(EndpointSpec::isLocal).toList();
    }

    /** Port ids by position in {@link #localEndpoints()}. */
    public ToIntFunction<EndpointSpec> densePortIds() {
        Map<EndpointSpec, Integer> ids = new HashMap<>();
        for (EndpointSpec endpoint : localEndpoints()) {
            ids.put(endpoint, ids.size());
        }
        return endpoint -> {
            Integer id = ids.get(endpoint);
            if (id == null) {
                throw new IllegalArgumentException(endpoint.path() + " is not a local endpoint of " + file);
            }
            return id;
        };
    }

    /**
     * Compiles the program with generation 1; see {@link #compile(ToIntFunction, long)}.
     */
    public Program compile(ToIntFunction<EndpointSpec> portIds) throws ProgramFileException {
        return compile(portIds, 1);
    }

    /**
     * Compiles the program: one {@link dev.swarmnet.dataplane.program.VirtualService} per service
     * port, whose backends listen on the port's target. Off the packet path.
     *
     * @param portIds the data-plane port id of each local endpoint (the one its TAP is attached as)
     * @throws ProgramFileException listing every entry Program's validation refuses, at its line
     */
    public Program compile(ToIntFunction<EndpointSpec> portIds, long generation) throws ProgramFileException {
        return new ProgramCompiler(this, generation).compile(portIds);
    }
}
