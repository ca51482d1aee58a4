package dev.swarmnet.controlplane.state;

import static dev.swarmnet.controlplane.state.Fixtures.build;
import static dev.swarmnet.controlplane.state.Fixtures.createService;
import static dev.swarmnet.controlplane.state.Fixtures.id;
import static dev.swarmnet.controlplane.state.Fixtures.network;
import static dev.swarmnet.controlplane.state.Fixtures.next;
import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.controlplane.model.Network;
import dev.swarmnet.controlplane.model.NetworkSpec;
import dev.swarmnet.controlplane.model.PortConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkCommandsTest {

    @Test
    void initMakesTheIngressNetworkOnTheFirstSubnetOfThePoolWithTheFirstVni() {
        Network ingress = build(Fixtures.init()).ingressNetwork().orElseThrow();

        assertThat(ingress.id()).isEqualTo(Fixtures.INGRESS);
        assertThat(ingress.name()).isEqualTo("ingress");
        assertThat(ingress.spec().ingress()).isTrue();
        assertThat(ingress.subnet()).isEqualTo("10.0.0.0/24");
        assertThat(ingress.gateway()).isEqualTo("10.0.0.1");
        assertThat(ingress.vni()).isEqualTo(4096);
        assertThat(ingress.mtu()).isEqualTo(1450);
    }

    @Test
    void initWithoutAnIngressIdMakesNoNetwork() {
        Command.InitCluster c = Fixtures.init();
        ClusterState state = build(new Command.InitCluster(c.clusterId(), c.spec(), c.joinTokens(), c.tlsInfo(),
                c.defaultAddrPool(), c.subnetSize(), c.dataPathPort(), c.nodeId(), c.description(), c.advertiseAddr(),
                c.availability()));

        assertThat(state.networks()).isEmpty();
        assertThat(state.ingressNetwork()).isEmpty();
    }

    @Test
    void ingressFollowsACustomDefaultAddressPool() {
        Command.InitCluster c = Fixtures.init();
        ClusterState state = build(new Command.InitCluster(c.clusterId(), c.spec(), c.joinTokens(), c.tlsInfo(),
                List.of("192.168.0.0/16"), 26, 0, c.nodeId(), c.description(), c.advertiseAddr(), null, Fixtures.INGRESS),
                network("appnet"));

        assertThat(state.ingressNetwork().orElseThrow().subnet()).isEqualTo("192.168.0.0/26");
        assertThat(state.resolveNetwork("appnet").value().subnet()).isEqualTo("192.168.0.64/26");
    }

    @Test
    void userNetworksTakeTheNextSubnetsAndVnisInOrder() {
        ClusterState state = build(Fixtures.init(), network("front"), network("back"));

        Network front = state.resolveNetwork("front").value();
        Network back = state.resolveNetwork("back").value();
        assertThat(front.subnet()).isEqualTo("10.0.1.0/24");
        assertThat(front.gateway()).isEqualTo("10.0.1.1");
        assertThat(front.vni()).isEqualTo(4097);
        assertThat(back.subnet()).isEqualTo("10.0.2.0/24");
        assertThat(back.vni()).isEqualTo(4098);
        assertThat(front.version().index()).isEqualTo(2);
    }

    @Test
    void anExplicitSubnetIsSkippedByLaterAutomaticOnes() {
        ClusterState state = build(Fixtures.init(), network("pinned", "10.0.1.0/24"), network("auto"));

        assertThat(state.resolveNetwork("pinned").value().subnet()).isEqualTo("10.0.1.0/24");
        assertThat(state.resolveNetwork("auto").value().subnet()).isEqualTo("10.0.2.0/24");
    }

    @Test
    void refusesAnExplicitSubnetThatOverlapsAnExistingNetwork() {
        ClusterState state = build(Fixtures.init(), network("front"));

        Applied applied = next(state, network("half", "10.0.1.128/25"));

        assertThat(applied.result()).isEqualTo(Result.failure(400, "invalid pool request: Pool overlaps with other one on "
                + "this address space (10.0.1.128/25 overlaps 10.0.1.0/24 of network front)"));
        assertThat(applied.state().networks()).hasSize(2);
    }

    @Test
    void refusesMalformedSubnetsAndGatewaysOutsideTheSubnet() {
        ClusterState state = build(Fixtures.init());

        assertThat(next(state, network("a", "10.1.0.0/33")).result())
                .isEqualTo(Result.failure(400, "invalid subnet 10.1.0.0/33: want an IPv4 CIDR block such as 10.1.0.0/24"));
        assertThat(next(state, network("a", "10.1.0.5/24")).result())
                .isEqualTo(Result.failure(400, "invalid subnet 10.1.0.5/24: host bits are set"));
        Command.CreateNetwork badGateway = new Command.CreateNetwork(id("a"), new NetworkSpec("a", Map.of(), "overlay", false,
                false, "10.1.0.0/24", "10.2.0.1", Map.of()));
        assertThat(next(state, badGateway).result())
                .isEqualTo(Result.failure(400, "invalid gateway 10.2.0.1: not a host address of subnet 10.1.0.0/24"));
    }

    @Test
    void honoursAGatewayAndAnMtuOptionWithinRange() {
        Command.CreateNetwork jumbo = new Command.CreateNetwork(id("jumbo"), new NetworkSpec("jumbo", Map.of(), "overlay",
                false, false, "10.5.0.0/24", "10.5.0.254", Map.of("mtu", "8950")));
        Network network = build(Fixtures.init(), jumbo).resolveNetwork("jumbo").value();

        assertThat(network.gateway()).isEqualTo("10.5.0.254");
        assertThat(network.mtu()).isEqualTo(8950);
        Command.CreateNetwork tooBig = new Command.CreateNetwork(id("big"), new NetworkSpec("big", Map.of(), "overlay",
                false, false, "", "", Map.of("mtu", "9001")));
        assertThat(next(build(Fixtures.init()), tooBig).result())
                .isEqualTo(Result.failure(400, "invalid mtu option 9001: the MTU must be between 68 and 9000"));
    }

    @Test
    void refusesOtherDriversDuplicateNamesAndTheReservedIngressName() {
        ClusterState state = build(Fixtures.init(), network("front"));
        Command.CreateNetwork bridge = new Command.CreateNetwork(id("br"), new NetworkSpec("br", Map.of(), "bridge", false,
                false, "", "", Map.of()));
        Command.CreateNetwork secondIngress = new Command.CreateNetwork(id("mesh"), new NetworkSpec("mesh", Map.of(),
                "overlay", false, true, "", "", Map.of()));

        assertThat(next(state, bridge).result()).isEqualTo(Result.failure(400,
                "network driver \"bridge\" is not supported in swarm scope: only \"overlay\" networks can be created"));
        assertThat(next(state, new Command.CreateNetwork(id("other"), NetworkSpec.overlay("FRONT"))).result())
                .isEqualTo(Result.failure(409, "network with name FRONT already exists"));
        assertThat(next(state, network("ingress")).result()).isEqualTo(Result.failure(409,
                "network with name ingress already exists"));
        assertThat(next(state, secondIngress).result())
                .isEqualTo(Result.failure(409, "ingress network (" + Fixtures.INGRESS + ") is already present"));
    }

    @Test
    void theIngressNameStaysReservedAfterIngressIsRemoved() {
        ClusterState state = build(Fixtures.init(), new Command.RemoveNetwork(Fixtures.INGRESS));

        assertThat(next(state, network("ingress")).result())
                .isEqualTo(Result.failure(400, "network name ingress is reserved for the routing-mesh network"));
        Command.CreateNetwork recreate = new Command.CreateNetwork(id("mesh"), new NetworkSpec("ingress", Map.of(),
                "overlay", false, true, "10.255.0.0/16", "", Map.of()));
        assertThat(next(state, recreate).state().ingressNetwork().orElseThrow().subnet()).isEqualTo("10.255.0.0/16");
    }

    @Test
    void aRemovedNetworkFreesItsSubnetAndVni() {
        ClusterState state = build(Fixtures.init(), network("front"), network("back"), new Command.RemoveNetwork(id("front")),
                network("again"));

        Network again = state.resolveNetwork("again").value();
        assertThat(again.subnet()).isEqualTo("10.0.1.0/24");
        assertThat(again.vni()).isEqualTo(4097);
    }

    @Test
    void refusesWhenTheDefaultPoolsAreUsedUp() {
        Command.InitCluster c = Fixtures.init();
        ClusterState state = build(new Command.InitCluster(c.clusterId(), c.spec(), c.joinTokens(), c.tlsInfo(),
                List.of("10.0.0.0/23"), 24, 0, c.nodeId(), c.description(), c.advertiseAddr(), null, Fixtures.INGRESS),
                network("one"));

        assertThat(next(state, network("two")).result()).isEqualTo(Result.failure(400, "could not find an available, "
                + "non-overlapping IPv4 address pool among the defaults to assign to the network"));
    }

    @Test
    void refusesToRemoveANetworkWhileAServiceUsesIt() {
        ClusterState state = build(Fixtures.init(), network("front"), createService("web", List.of(id("front"))),
                createService("api", List.of(id("front"))));

        assertThat(next(state, new Command.RemoveNetwork(id("front"))).result())
                .isEqualTo(Result.failure(400, "network front is in use by services api, web"));
        ClusterState after = build(Fixtures.init(), network("front"), createService("web", List.of(id("front"))),
                new Command.RemoveService(id("web")), new Command.RemoveNetwork(id("front")));
        assertThat(after.resolveNetwork("front").succeeded()).isFalse();
    }

    @Test
    void refusesToRemoveIngressWhileAServicePublishesAPort() {
        ClusterState state = build(Fixtures.init(), createService("web", List.of(), PortConfig.tcp(8080, 80)));

        assertThat(next(state, new Command.RemoveNetwork(Fixtures.INGRESS)).result()).isEqualTo(Result.failure(400,
                "ingress network cannot be removed because service " + id("web") + " depends on it"));
    }

    @Test
    void resolvesNetworksByIdNameAndUniquePrefix() {
        ClusterState state = build(Fixtures.init(), network("front"));

        assertThat(state.resolveNetwork(id("front")).value().name()).isEqualTo("front");
        assertThat(state.resolveNetwork("Front").value().name()).isEqualTo("front");
        assertThat(state.resolveNetwork("fr").value().name()).isEqualTo("front");
        assertThat(state.resolveNetwork("nope")).isEqualTo(Result.failure(404, "network nope not found"));
    }
}
