package dev.swarmnet.dataplane.testing;

import static dev.swarmnet.dataplane.testing.Frames.ip;
import static dev.swarmnet.dataplane.testing.Frames.macOf;

import dev.swarmnet.dataplane.conntrack.FlowTable;
import dev.swarmnet.dataplane.conntrack.FlowTimeouts;
import dev.swarmnet.dataplane.lb.BackendLoad;
import dev.swarmnet.dataplane.lb.BackendState;
import dev.swarmnet.dataplane.lb.ClientAffinity;
import dev.swarmnet.dataplane.lb.LbAlgorithm;
import dev.swarmnet.dataplane.nat.BackendChooser;
import dev.swarmnet.dataplane.pipeline.FrameProcessor;
import dev.swarmnet.dataplane.program.Backend;
import dev.swarmnet.dataplane.program.Endpoint;
import dev.swarmnet.dataplane.program.Network;
import dev.swarmnet.dataplane.program.Program;
import dev.swarmnet.dataplane.program.ProgramDoor;
import dev.swarmnet.dataplane.program.VirtualService;
import dev.swarmnet.dataplane.stats.Counters;
import java.util.List;

/**
 * The program most data-plane tests run against: one node serving two networks.
 *
 * <pre>
 * blue, VNI 4097, 10.0.1.0/24, gateway .1, MTU 1450
 *   A 10.0.1.5  local port 1         B 10.0.1.6  local port 2
 *   C 10.0.1.7  on node 198.18.0.2   E 10.0.1.8  on node 198.18.0.3
 *   web  10.0.1.2 tcp/80  → C:8080 (round robin)
 *   dns  10.0.1.2 udp/53  → C:5353
 *   api  10.0.1.3 tcp/80  → B:8080
 *   dead 10.0.1.4 tcp/80  → B:8080 down
 * red, VNI 4098, 10.0.2.0/24
 *   D 10.0.2.5  local port 3
 * </pre>
 */
public final class Lab {
    public static final int BLUE = 4097;
    public static final int RED = 4098;
    public static final int GATEWAY = ip("10.0.1.1");
    public static final int A = ip("10.0.1.5");
    public static final int B = ip("10.0.1.6");
    public static final int C = ip("10.0.1.7");
    public static final int E = ip("10.0.1.8");
    public static final int D = ip("10.0.2.5");
    public static final int WEB = ip("10.0.1.2");
    public static final int API = ip("10.0.1.3");
    public static final int DEAD = ip("10.0.1.4");
    public static final int NODE_C = ip("198.18.0.2");
    public static final int NODE_E = ip("198.18.0.3");
    public static final int PORT_A = 1;
    public static final int PORT_B = 2;
    public static final int PORT_D = 3;

    private Lab() {
    }

    public static Program.Builder builder() {
        return Program.builder()
                .network(Network.of("blue", BLUE, "10.0.1.0/24"))
                .network(Network.of("red", RED, "10.0.2.0/24"))
                .endpoint(Endpoint.local(BLUE, A, macOf(A), PORT_A))
                .endpoint(Endpoint.local(BLUE, B, macOf(B), PORT_B))
                .endpoint(Endpoint.remote(BLUE, C, macOf(C), NODE_C))
                .endpoint(Endpoint.remote(BLUE, E, macOf(E), NODE_E))
                .endpoint(Endpoint.local(RED, D, macOf(D), PORT_D));
    }

    public static Program program() {
        return withServices(List.of(Backend.active(C, 8080)), LbAlgorithm.ROUND_ROBIN);
    }

    /** The lab with "web" balanced over {@code webBackends}. */
    public static Program withServices(List<Backend> webBackends, int webAlgorithm) {
        return builder()
                .service(VirtualService.tcp("web", BLUE, WEB, 80, webAlgorithm, webBackends))
                .service(VirtualService.udp("dns", BLUE, WEB, 53, LbAlgorithm.ROUND_ROBIN, List.of(Backend.active(C, 5353))))
                .service(VirtualService.tcp("api", BLUE, API, 80, LbAlgorithm.ROUND_ROBIN, List.of(Backend.active(B, 8080))))
                .service(VirtualService.tcp("dead", BLUE, DEAD, 80, LbAlgorithm.ROUND_ROBIN,
                        List.of(new Backend(B, 8080, 1, BackendState.DOWN))))
                .build();
    }

    public static FrameProcessor processor(ProgramDoor door, int conntrackCapacity) {
        return new FrameProcessor(door, new FlowTable(conntrackCapacity, FlowTimeouts.defaults()),
                new BackendChooser(new BackendLoad(64), new ClientAffinity(1024)), new Counters());
    }

    public static FrameProcessor processor(Program program) {
        return processor(new ProgramDoor(program), 1024);
    }
}
