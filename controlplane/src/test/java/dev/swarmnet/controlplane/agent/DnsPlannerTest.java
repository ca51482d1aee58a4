package dev.swarmnet.controlplane.agent;

import static dev.swarmnet.controlplane.agent.AssignmentFixtures.id;
import static dev.swarmnet.controlplane.agent.AssignmentFixtures.network;
import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.controlplane.model.EndpointSpec;
import dev.swarmnet.controlplane.model.Network;
import dev.swarmnet.controlplane.model.NetworkAttachment;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.model.VirtualIp;
import dev.swarmnet.dataplane.lb.LbAlgorithm;
import dev.swarmnet.dataplane.program.DnsTable;
import dev.swarmnet.dataplane.program.Program;
import dev.swarmnet.dataplane.wire.Ipv4;
import dev.swarmnet.dataplane.wire.dns.DnsNames;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The names a node's tasks resolve on each network, computed from its assignment. */
class DnsPlannerTest {
    private static final String N1 = id("n1");
    private static final Network BLUE = network(id("wblue"), "blue", 4097, "10.0.1.0/24", false);
    private static final Network RED = network(id("wred"), "red", 4098, "10.0.2.0/24", false);
    private static final String T1 = id("tweb1");
    private static final String T2 = id("tweb2");
    private static final String T3 = id("tweb3");
    private static final String T4 = id("tweb4");
    private static final String TDB = id("tdb1");
    private static final String TG = id("tglob");

    private static NodeAssignment assignment() {
        AssignedService web = new AssignedService(id("sweb"), "web", EndpointSpec.VIP,
                List.of(new VirtualIp(BLUE.id(), "10.0.1.2/24")), List.of(BLUE.id()), List.of(), Map.of());
        AssignedService db = new AssignedService(id("sdb"), "db", EndpointSpec.DNSRR, List.of(), List.of(BLUE.id()),
                List.of(), Map.of());
        AssignedService idle = new AssignedService(id("sidle"), "idle", EndpointSpec.VIP,
                List.of(new VirtualIp(BLUE.id(), "10.0.1.3/24")), List.of(BLUE.id()), List.of(), Map.of());
        AssignedService redOnly = new AssignedService(id("sred"), "cache", EndpointSpec.VIP,
                List.of(new VirtualIp(RED.id(), "10.0.2.2/24")), List.of(RED.id()), List.of(), Map.of());
        AssignedService glob = new AssignedService(id("sglob"), "agent", EndpointSpec.DNSRR, List.of(),
                List.of(BLUE.id()), List.of(), Map.of());
        AssignedService bad = new AssignedService(id("sbad"), "bad name", EndpointSpec.VIP,
                List.of(new VirtualIp(BLUE.id(), "10.0.1.4/24")), List.of(BLUE.id()), List.of(), Map.of());
        TreeMap<String, AssignedService> services = new TreeMap<>();
        for (AssignedService s : List.of(web, db, idle, redOnly, glob, bad)) {
            services.put(s.id(), s);
        }
        TreeMap<String, AssignedEndpoint> endpoints = new TreeMap<>();
        endpoints.put(T1, endpoint(T1, web, 1, "10.0.1.5", TaskState.RUNNING, TaskState.RUNNING));
        endpoints.put(T2, endpoint(T2, web, 2, "10.0.1.6", TaskState.RUNNING, TaskState.RUNNING));
        endpoints.put(T3, endpoint(T3, web, 3, "10.0.1.7", TaskState.STARTING, TaskState.RUNNING));
        endpoints.put(T4, endpoint(T4, web, 4, "10.0.1.8", TaskState.RUNNING, TaskState.SHUTDOWN));
        endpoints.put(TDB, endpoint(TDB, db, 1, "10.0.1.9", TaskState.RUNNING, TaskState.RUNNING));
        endpoints.put(TG, endpoint(TG, glob, 0, "10.0.1.10", TaskState.RUNNING, TaskState.RUNNING));
        return new NodeAssignment(N1, 9, null, new TreeMap<>(Map.of(BLUE.id(), BLUE, RED.id(), RED)), endpoints,
                services);
    }

    private static AssignedEndpoint endpoint(String task, AssignedService service, int slot, String address,
                                             TaskState state, TaskState desired) {
        return new AssignedEndpoint(task, service.id(), service.name(), slot, N1, "192.168.0.1",
                List.of(new NetworkAttachment(BLUE.id(), address + "/24")), state, desired);
    }

    private static final DnsTable TABLE = DnsPlanner.table(assignment(), BLUE.id());

    /** The addresses {@code name} resolves to as dotted quads, or null when the table does not know it. */
    private static List<String> resolve(DnsTable table, String name) {
        int entry = find(table, name);
        return entry < 0 ? null : Arrays.stream(table.addresses(entry)).mapToObj(Ipv4::format).toList();
    }

    private static int find(DnsTable table, String name) {
        byte[] wire = DnsNames.encode(name);
        return table.find(wire, wire.length, DnsTable.hash(wire, wire.length));
    }

    private static String pointer(String address) {
        int entry = find(TABLE, DnsNames.toDotted(DnsNames.reverseName(Ipv4.parse(address))));
        return entry < 0 || TABLE.pointer(entry) == null ? null : DnsNames.toDotted(TABLE.pointer(entry));
    }

    @Test
    void aVipServiceResolvesToItsVipInBothFormsAndTasksToItsRunningTasks() {
        assertThat(resolve(TABLE, "web")).containsExactly("10.0.1.2");
        assertThat(resolve(TABLE, "web.blue")).containsExactly("10.0.1.2");
        assertThat(resolve(TABLE, "tasks.web")).as("starting and stopping tasks left out")
                .containsExactlyInAnyOrder("10.0.1.5", "10.0.1.6");
        assertThat(resolve(TABLE, "tasks.web.blue")).containsExactlyInAnyOrder("10.0.1.5", "10.0.1.6");
        assertThat(TABLE.rotates(find(TABLE, "tasks.web"))).isTrue();
        assertThat(TABLE.rotates(find(TABLE, "web"))).isFalse();
    }

    @Test
    void aDnsrrServiceResolvesToItsRunningTasksRotated() {
        assertThat(resolve(TABLE, "db")).containsExactly("10.0.1.9");
        assertThat(TABLE.rotates(find(TABLE, "db"))).isTrue();
        assertThat(resolve(TABLE, "tasks.db.blue")).containsExactly("10.0.1.9");
    }

    @Test
    void taskNamesCarryTheSlotOrForGlobalServicesTheNode() {
        assertThat(resolve(TABLE, "web.1." + T1)).containsExactly("10.0.1.5");
        assertThat(resolve(TABLE, "web.2." + T2 + ".blue")).containsExactly("10.0.1.6");
        assertThat(resolve(TABLE, "web.3." + T3)).as("not running yet").isNull();
        assertThat(resolve(TABLE, "agent." + N1 + "." + TG)).containsExactly("10.0.1.10");
    }

    @Test
    void reverseNamesOfTasksAndVipsPointAtTheirNamesOnTheNetwork() {
        assertThat(pointer("10.0.1.5")).isEqualTo("web.1." + T1 + ".blue.");
        assertThat(pointer("10.0.1.2")).isEqualTo("web.blue.");
        assertThat(pointer("10.0.1.7")).isNull();
    }

    @Test
    void aServiceWithoutRunningTasksIsKnownButEmptyAndOneOnAnotherNetworkIsUnknown() {
        assertThat(resolve(TABLE, "idle")).containsExactly("10.0.1.3");
        assertThat(resolve(TABLE, "tasks.idle")).isEmpty();
        assertThat(resolve(TABLE, "cache")).isNull();
        DnsTable red = DnsPlanner.table(assignment(), RED.id());
        assertThat(resolve(red, "cache.red")).containsExactly("10.0.2.2");
        assertThat(resolve(red, "web")).isNull();
    }

    @Test
    void aNameDnsCannotCarryIsLeftOutAndTheRestStillResolves() {
        assertThat(resolve(TABLE, "web")).isNotNull();
        assertThat(pointer("10.0.1.4")).as("the VIP of 'bad name'").isNull();
        byte[] zone = DnsNames.encode("x.blue");
        assertThat(TABLE.inZone(zone, zone.length)).isTrue();
        assertThat(DnsPlanner.table(assignment(), id("wnone"))).isSameAs(DnsTable.EMPTY);
    }

    @Test
    void theProgramCarriesEachNetworksTable() {
        Program program = ProgramPlanner.plan(assignment(), Map.of(), LbAlgorithm.ROUND_ROBIN);
        DnsTable blue = program.dns(program.networkIndex(4097));
        assertThat(resolve(blue, "web")).containsExactly("10.0.1.2");
        assertThat(resolve(program.dns(program.networkIndex(4098)), "cache")).containsExactly("10.0.2.2");
    }
}
