package dev.swarmnet.controlplane.state;

import static dev.swarmnet.controlplane.state.Fixtures.build;
import static dev.swarmnet.controlplane.state.Fixtures.createService;
import static dev.swarmnet.controlplane.state.Fixtures.id;
import static dev.swarmnet.controlplane.state.Fixtures.network;
import static dev.swarmnet.controlplane.state.Fixtures.next;
import static dev.swarmnet.controlplane.state.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.controlplane.model.ContainerSpec;
import dev.swarmnet.controlplane.model.EndpointSpec;
import dev.swarmnet.controlplane.model.PortConfig;
import dev.swarmnet.controlplane.model.RestartPolicy;
import dev.swarmnet.controlplane.model.Service;
import dev.swarmnet.controlplane.model.ServiceMode;
import dev.swarmnet.controlplane.model.ServiceSpec;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.model.TaskTemplate;
import dev.swarmnet.controlplane.model.UpdateConfig;
import dev.swarmnet.controlplane.model.UpdateStatus;
import dev.swarmnet.controlplane.model.VirtualIp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceCommandsTest {
    private static final String FRONT = id("front");
    private static final String BACK = id("back");

    private static ClusterState withNetworks() {
        return build(Fixtures.init(), network("front"), network("back"));
    }

    private static Result<?> create(ClusterState state, ServiceSpec spec) {
        return next(state, new Command.CreateService(id("fresh"), spec)).result();
    }

    private static Service web(ClusterState state) {
        return state.resolveService("web").value();
    }

    @Test
    void createGivesAVipOnIngressFirstThenOnEachNetworkAndKeepsExplicitPorts() {
        ClusterState state = build(Fixtures.init(), network("front"),
                createService("web", List.of(FRONT), PortConfig.tcp(8080, 80)));

        Service web = web(state);
        // 10.0.0.2 is the first node's routing-mesh endpoint
        assertThat(web.endpoint().virtualIps()).containsExactly(new VirtualIp(Fixtures.INGRESS, "10.0.0.3/24"),
                new VirtualIp(FRONT, "10.0.1.2/24"));
        assertThat(web.endpoint().ports()).containsExactly(PortConfig.tcp(8080, 80));
        assertThat(web.previousSpec()).isNull();
        assertThat(web.updateStatus()).isNull();
        assertThat(state.resolveNetwork("front").value().lastAddress()).isEqualTo("10.0.1.2");
    }

    @Test
    void aServiceWithoutPublishedPortsGetsNoIngressVip() {
        ClusterState state = build(Fixtures.init(), network("front"), createService("web", List.of(FRONT)));

        assertThat(web(state).endpoint().virtualIps()).containsExactly(new VirtualIp(FRONT, "10.0.1.2/24"));
    }

    @Test
    void portsWithoutANumberGetTheLowestFreeFromThirtyThousand() {
        ClusterState state = build(Fixtures.init(), createService("web", List.of(), PortConfig.tcp(0, 80), PortConfig.tcp(0, 443)),
                createService("api", List.of(), PortConfig.tcp(0, 80)));

        assertThat(web(state).endpoint().ports()).extracting(PortConfig::publishedPort).containsExactly(30000, 30001);
        assertThat(state.resolveService("api").value().endpoint().ports()).extracting(PortConfig::publishedPort)
                .containsExactly(30002);
    }

    @Test
    void refusesAPortAnotherServicePublishesWithTheSameProtocol() {
        ClusterState state = build(Fixtures.init(), createService("web", List.of(), PortConfig.tcp(8080, 80)));
        PortConfig udp = new PortConfig("", PortConfig.UDP, 53, 8080, PortConfig.INGRESS);

        assertThat(create(state, service("api", List.of(), PortConfig.tcp(8080, 81)))).isEqualTo(Result.failure(400,
                "port '8080' is already in use by service 'web' (" + id("web") + ") as an ingress port"));
        assertThat(create(state, service("dns", List.of(), udp)).succeeded()).isTrue();
    }

    @Test
    void refusesDuplicatePublishedPortsInOneSpec() {
        assertThat(create(build(Fixtures.init()), service("web", List.of(), PortConfig.tcp(8080, 80), PortConfig.tcp(8080, 81))))
                .isEqualTo(Result.failure(400, "EndpointSpec: duplicate published ports provided"));
    }

    @Test
    void dnsRoundRobinGetsNoVipAndRefusesIngressPorts() {
        ClusterState state = withNetworks();
        ServiceSpec dnsrr = withEndpoint(service("web", List.of(FRONT)), new EndpointSpec(EndpointSpec.DNSRR, List.of()));
        ServiceSpec published = withEndpoint(dnsrr, new EndpointSpec(EndpointSpec.DNSRR, List.of(PortConfig.tcp(8080, 80))));

        Applied applied = next(state, new Command.CreateService(id("web"), dnsrr));
        assertThat(web(applied.state()).endpoint().virtualIps()).isEmpty();
        assertThat(create(state, published)).isEqualTo(Result.failure(400,
                "EndpointSpec: port published with ingress mode can't be used with dnsrr mode"));
    }

    @Test
    void refusesANameThatIsTakenInAnyCase() {
        ClusterState state = build(Fixtures.init(), createService("web", List.of()));

        assertThat(create(state, service("WEB", List.of()))).isEqualTo(Result.failure(409,
                "name conflicts with an existing object: service WEB already exists"));
    }

    @Test
    void refusesSpecsDockerRefusesWithItsWords() {
        ClusterState state = withNetworks();
        ServiceSpec base = service("web", List.of());

        assertThat(create(state, service("bad name", List.of()))).isEqualTo(Result.failure(400,
                "invalid name \"bad name\": name must be valid as a DNS name component"));
        assertThat(create(state, service("-web", List.of())).succeeded()).isFalse();
        assertThat(create(state, withTemplate(base, new TaskTemplate(ContainerSpec.of(""), null, List.of(), List.of(), 0))))
                .isEqualTo(Result.failure(400, "ContainerSpec: image reference must be provided"));
        assertThat(create(state, withTemplate(base, new TaskTemplate(ContainerSpec.of("x"),
                new RestartPolicy("sometimes", 0, 0, 0), List.of(), List.of(), 0)))).isEqualTo(Result.failure(400,
                "TaskSpec: invalid restart condition \"sometimes\": want none, on-failure or any"));
        assertThat(create(state, withTemplate(base, new TaskTemplate(ContainerSpec.of("x"), null,
                List.of("node.role=manager"), List.of(), 0)))).isEqualTo(Result.failure(400,
                "invalid constraint \"node.role=manager\": want key==value or key!=value"));
        assertThat(create(state, withTemplate(base, new TaskTemplate(ContainerSpec.of("x"), null,
                List.of("node.colour==blue"), List.of(), 0)))).isEqualTo(Result.failure(400,
                "invalid constraint \"node.colour==blue\": unknown key node.colour (want node.id, node.hostname, "
                        + "node.role, node.labels.<name> or engine.labels.<name>)"));
        assertThat(create(state, withTemplate(base, new TaskTemplate(ContainerSpec.of("x"), null,
                List.of("node.role == manager", "node.labels.zone!=a", "engine.labels.ssd==true"), List.of(), 0))).succeeded())
                .isTrue();
        assertThat(create(state, service("web", List.of(id("nowhere"))))).isEqualTo(Result.failure(400,
                "network " + id("nowhere") + " not found"));
        assertThat(create(state, service("web", List.of(Fixtures.INGRESS)))).isEqualTo(Result.failure(400,
                "service cannot be explicitly attached to the ingress network \"ingress\""));
        assertThat(create(state, new ServiceSpec("web", Map.of(), base.taskTemplate(), base.mode(),
                new UpdateConfig(1, 0, "pause", 0, 0, "sideways"), null, null))).isEqualTo(Result.failure(400,
                "UpdateConfig: invalid order \"sideways\": want stop-first or start-first"));
        assertThat(create(state, withEndpoint(base, new EndpointSpec("lb", List.of())))).isEqualTo(Result.failure(400,
                "EndpointSpec: invalid endpoint mode \"lb\": want vip or dnsrr"));
        assertThat(create(state, service("web", List.of(), new PortConfig("", "sctp", 80, 80, "ingress"))))
                .isEqualTo(Result.failure(400, "EndpointSpec: invalid protocol \"sctp\": want tcp or udp"));
        assertThat(create(state, service("web", List.of(), PortConfig.tcp(8080, 0)))).isEqualTo(Result.failure(400,
                "EndpointSpec: invalid target port 0: must be between 1 and 65535"));
    }

    @Test
    void refusesIngressPortsWhenThereIsNoIngressNetwork() {
        ClusterState state = build(Fixtures.init(), new Command.RemoveNetwork(Fixtures.INGRESS));

        assertThat(create(state, service("web", List.of(), PortConfig.tcp(8080, 80)))).isEqualTo(Result.failure(400,
                "service needs ingress network, but no ingress network is present"));
    }

    @Test
    void refusesAVipWhenTheNetworkHasNoAddressLeftAndGivesItBackOnceTheServiceIsRemoved() {
        ClusterState state = build(Fixtures.init(), network("tiny", "10.9.0.0/30"), createService("one", List.of(id("tiny"))));

        assertThat(create(state, service("two", List.of(id("tiny"))))).isEqualTo(Result.failure(400,
                "could not allocate a VIP on network tiny (10.9.0.0/30): no addresses left"));
        ClusterState freed = build(Fixtures.init(), network("tiny", "10.9.0.0/30"), createService("one", List.of(id("tiny"))),
                new Command.RemoveService(id("one")), createService("two", List.of(id("tiny"))));
        assertThat(freed.resolveService("two").value().endpoint().virtualIps())
                .containsExactly(new VirtualIp(id("tiny"), "10.9.0.2/30"));
    }

    @Test
    void updateKeepsVipsOfRemainingNetworksAddsNewOnesAndDropsRemovedOnes() {
        ClusterState state = build(Fixtures.init(), network("front"), network("back"), network("side"),
                createService("web", List.of(FRONT, BACK)));
        Service web = web(state);

        Applied applied = next(state, new Command.UpdateService(web.id(), web.version(),
                service("web", List.of(BACK, id("side"))), false));

        Service updated = web(applied.state());
        assertThat(updated.endpoint().virtualIps()).containsExactly(new VirtualIp(BACK, "10.0.2.2/24"),
                new VirtualIp(id("side"), "10.0.3.2/24"));
        assertThat(updated.previousSpec()).isEqualTo(web.spec());
        assertThat(updated.version().index()).isEqualTo(applied.state().appliedIndex());
    }

    @Test
    void updateKeepsDynamicPortsStillAskedFor() {
        ClusterState state = build(Fixtures.init(), createService("api", List.of(), PortConfig.tcp(0, 80)),
                createService("web", List.of(), PortConfig.tcp(0, 80)));
        Service web = web(state);

        Applied applied = next(state, new Command.UpdateService(web.id(), web.version(),
                service("web", List.of(), PortConfig.tcp(0, 80), PortConfig.tcp(0, 443)), false));

        assertThat(web(applied.state()).endpoint().ports()).extracting(PortConfig::publishedPort).containsExactly(30001, 30002);
    }

    @Test
    void everyUpdateClearsTheUpdateStatusAsSwarmkitDoes() {
        ClusterState state = build(Fixtures.init(), createService("web", List.of()));
        Service web = web(state);
        ServiceSpec newImage = web.spec().withTaskTemplate(new TaskTemplate(ContainerSpec.of("swarmnet/whoami:2"), null,
                List.of(), List.of(), 0));
        ClusterState updated = next(state, new Command.UpdateService(web.id(), web.version(), newImage, false)).state();
        assertThat(web(updated).updateStatus()).as("the orchestrator reports updating once it starts").isNull();
        ClusterState completed = next(updated, new Command.SetUpdateStatus(web.id(),
                new UpdateStatus(UpdateStatus.COMPLETED, 1, 2, "update completed"))).state();

        Service done = web(completed);
        Applied scaled = next(completed, new Command.UpdateService(web.id(), done.version(),
                done.spec().withMode(ServiceMode.replicated(5)), false));

        assertThat(web(scaled.state()).updateStatus()).as("a scale clears an old completed status").isNull();
        assertThat(web(scaled.state()).spec().mode().replicas()).isEqualTo(5);
    }

    @Test
    void updateRefusesAStaleVersionARenameAndAModeChange() {
        ClusterState state = build(Fixtures.init(), createService("web", List.of()));
        Service web = web(state);

        assertThat(next(state, new Command.UpdateService(web.id(), new dev.swarmnet.controlplane.model.Version(1),
                web.spec(), false)).result()).isEqualTo(Result.failure(409, "update out of sequence"));
        assertThat(next(state, new Command.UpdateService(web.id(), web.version(), service("www", List.of()), false)).result())
                .isEqualTo(Result.failure(400, "renaming services is not supported"));
        assertThat(next(state, new Command.UpdateService(web.id(), web.version(),
                web.spec().withMode(ServiceMode.globalMode()), false)).result())
                .isEqualTo(Result.failure(400, "service mode change is not allowed"));
    }

    @Test
    void rollbackSwapsBackThePreviousSpec() {
        ClusterState state = build(Fixtures.init(), createService("web", List.of()));
        Service web = web(state);
        assertThat(next(state, new Command.UpdateService(web.id(), web.version(), null, true)).result())
                .isEqualTo(Result.failure(400, "service " + web.id() + " does not have a previous spec"));

        ClusterState updated = next(state, new Command.UpdateService(web.id(), web.version(),
                web.spec().withMode(ServiceMode.replicated(7)), false)).state();
        Service current = web(updated);
        Service rolledBack = web(next(updated, new Command.UpdateService(web.id(), current.version(), null, true)).state());

        assertThat(rolledBack.spec()).isEqualTo(web.spec());
        assertThat(rolledBack.previousSpec()).isEqualTo(current.spec());
        assertThat(rolledBack.updateStatus().state()).isEqualTo(UpdateStatus.ROLLBACK_STARTED);
        assertThat(rolledBack.updateStatus().message()).isEqualTo("manually requested rollback");
    }

    @Test
    void removeMarksTheServicesTasksForRemovalAndKeepsThemUntilDeleted() {
        ClusterState state = build(Fixtures.init(), createService("web", List.of()),
                new Command.WriteTasks(List.of(new Command.NewTask(id("t1"), id("web"), 1, "", TaskState.RUNNING)), null, null));

        Applied applied = next(state, new Command.RemoveService(id("web")));

        assertThat(applied.result().value()).isEqualTo(web(state));
        assertThat(applied.state().resolveService("web").succeeded()).isFalse();
        assertThat(applied.state().tasksOf(id("web"))).singleElement().satisfies(task -> {
            assertThat(task.desiredState()).isEqualTo(TaskState.REMOVE);
            assertThat(task.version().index()).isEqualTo(applied.state().appliedIndex());
        });
        assertThat(next(state, new Command.RemoveService(id("nope"))).result())
                .isEqualTo(Result.failure(404, "service " + id("nope") + " not found"));
    }

    @Test
    void setUpdateStatusRecordsTheOrchestratorsProgressOnce() {
        ClusterState state = build(Fixtures.init(), createService("web", List.of()));
        UpdateStatus done = new UpdateStatus(UpdateStatus.COMPLETED, 1, 2, "update completed");

        ClusterState once = next(state, new Command.SetUpdateStatus(id("web"), done)).state();
        ClusterState twice = next(once, new Command.SetUpdateStatus(id("web"), done)).state();

        assertThat(web(once).updateStatus()).isEqualTo(done);
        assertThat(web(twice).version()).isEqualTo(web(once).version());
        assertThat(next(state, new Command.SetUpdateStatus(id("web"), new UpdateStatus("dancing", 0, 0, ""))).result()
                .succeeded()).isFalse();
    }

    @Test
    void resolvesServicesByIdNameAndUniquePrefixLikeDocker() {
        ClusterState state = build(Fixtures.init(), createService("web", List.of()), createService("worker", List.of()));

        assertThat(state.resolveService("WEB").value().id()).isEqualTo(id("web"));
        assertThat(state.resolveService("wo").value().id()).isEqualTo(id("worker"));
        assertThat(state.resolveService("w")).isEqualTo(Result.failure(400, "service w is ambiguous (2 matches found)"));
        assertThat(state.resolveService("db")).isEqualTo(Result.failure(404, "service db not found"));
    }

    private static ServiceSpec withEndpoint(ServiceSpec spec, EndpointSpec endpoint) {
        return new ServiceSpec(spec.name(), spec.labels(), spec.taskTemplate(), spec.mode(), spec.updateConfig(),
                spec.rollbackConfig(), endpoint);
    }

    private static ServiceSpec withTemplate(ServiceSpec spec, TaskTemplate template) {
        return spec.withTaskTemplate(template);
    }
}
