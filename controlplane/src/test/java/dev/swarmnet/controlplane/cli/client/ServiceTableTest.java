package dev.swarmnet.controlplane.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceTableTest {

    private static final String SERVICES = """
            [{"ID":"626as37knwmv9522ac2tys4i6","Version":{"Index":13},
              "Spec":{"Name":"web","Mode":{"Replicated":{"Replicas":3}},
                      "TaskTemplate":{"ContainerSpec":{"Image":"nginx:alpine@sha256:cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd"}}},
              "Endpoint":{"Ports":[{"Protocol":"tcp","TargetPort":80,"PublishedPort":8080,"PublishMode":"ingress"},
                                   {"Protocol":"tcp","TargetPort":81,"PublishedPort":8081,"PublishMode":"ingress"},
                                   {"Protocol":"udp","TargetPort":53,"PublishedPort":53,"PublishMode":"ingress"},
                                   {"Protocol":"tcp","TargetPort":9000,"PublishedPort":9000,"PublishMode":"host"}]},
              "ServiceStatus":{"RunningTasks":2,"DesiredTasks":3,"CompletedTasks":0}},
             {"ID":"a1b2c3d4e5f6g7h8i9j0k1l2m","Version":{"Index":20},
              "Spec":{"Name":"agent","Mode":{"Global":{}},"TaskTemplate":{"ContainerSpec":{"Image":"busybox"}}},
              "Endpoint":{},"ServiceStatus":{"RunningTasks":3,"DesiredTasks":3}}]""";

    @Test
    void listsServicesSortedByNameWithReplicasImagesAndIngressPorts() {
        assertThat(new ServiceTable(Fixtures.json(SERVICES)).table()).isEqualTo("""
                ID             NAME      MODE         REPLICAS   IMAGE          PORTS
                a1b2c3d4e5f6   agent     global       3/3        busybox        \s
                626as37knwmv   web       replicated   2/3        nginx:alpine   *:8080-8081->80-81/tcp, *:53->53/udp
                """.replace("\\s\n", "\n").replace(" \n", "\n"));
    }

    @Test
    void quietListsTruncatedIdsInNameOrder() {
        assertThat(new ServiceTable(Fixtures.json(SERVICES)).ids()).isEqualTo("a1b2c3d4e5f6\n626as37knwmv\n");
    }

    @Test
    void aNewReplicatedServiceShowsItsPublishedPort() {
        String table = new ServiceTable(Fixtures.json("""
                [{"ID":"626as37knwmv9522ac2tys4i6","Spec":{"Name":"web","Mode":{"Replicated":{"Replicas":3}},
                 "TaskTemplate":{"ContainerSpec":{"Image":"nginx:alpine"}}},
                 "Endpoint":{"Ports":[{"Protocol":"tcp","TargetPort":80,"PublishedPort":8080,"PublishMode":"ingress"}]},
                 "ServiceStatus":{"RunningTasks":3,"DesiredTasks":3,"CompletedTasks":0}}]""")).table();

        assertThat(table).isEqualTo("""
                ID             NAME      MODE         REPLICAS   IMAGE          PORTS
                626as37knwmv   web       replicated   3/3        nginx:alpine   *:8080->80/tcp
                """);
    }
}
