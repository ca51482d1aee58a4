package dev.swarmnet.controlplane.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServicePrettyTextTest {

    /** A service as {@code GET /services/web?insertDefaults=true} returns it after a create with flags. */
    private static final String SERVICE = """
            {"ID":"626as37knwmv9522ac2tys4i6","Version":{"Index":13},
             "Spec":{"Name":"web","Labels":{"tier":"front"},
               "TaskTemplate":{"ContainerSpec":{"Image":"nginx:alpine","Args":["nginx","-g","daemon off;"],
                 "Env":["K=V"],"Init":false,"StopGracePeriod":10000000000,"DNSConfig":{}},
                 "Resources":{"Limits":{},"Reservations":{}},
                 "RestartPolicy":{"Condition":"any","Delay":5000000000,"MaxAttempts":0},
                 "Placement":{"Constraints":["node.role==worker"]},
                 "Networks":[{"Target":"dvj36lws45gk34ujzr5nn9yxy"}],"ForceUpdate":0},
               "Mode":{"Replicated":{"Replicas":3}},
               "UpdateConfig":{"Parallelism":2,"Delay":10000000000,"FailureAction":"pause","Monitor":5000000000,
                 "MaxFailureRatio":0,"Order":"stop-first"},
               "RollbackConfig":{"Parallelism":1,"FailureAction":"pause","Monitor":5000000000,"MaxFailureRatio":0,
                 "Order":"stop-first"},
               "EndpointSpec":{"Mode":"vip","Ports":[{"Protocol":"tcp","TargetPort":80,"PublishedPort":8080,
                 "PublishMode":"ingress"}]}},
             "Endpoint":{"Ports":[{"Protocol":"tcp","TargetPort":80,"PublishedPort":8080,"PublishMode":"ingress"}]}}""";

    @Test
    void rendersDockersPrettyTemplateWithTabsAndTrailingSpaces() {
        String text = ServicePrettyText.render(Fixtures.json(SERVICE),
                Map.of("dvj36lws45gk34ujzr5nn9yxy", "appnet")::get);

        assertThat(text).isEqualTo("\n"
                + "ID:\t\t626as37knwmv9522ac2tys4i6\n"
                + "Name:\t\tweb\n"
                + "Labels:\n"
                + " tier=front\n"
                + "Service Mode:\tReplicated\n"
                + " Replicas:\t3\n"
                + "Placement:\n"
                + " Constraints:\t[node.role==worker]\n"
                + "UpdateConfig:\n"
                + " Parallelism:\t2\n"
                + " Delay:\t\t10s\n"
                + " On failure:\tpause\n"
                + " Monitoring Period: 5s\n"
                + " Max failure ratio: 0\n"
                + " Update order:      stop-first\n"
                + "RollbackConfig:\n"
                + " Parallelism:\t1\n"
                + " On failure:\tpause\n"
                + " Monitoring Period: 5s\n"
                + " Max failure ratio: 0\n"
                + " Rollback order:    stop-first\n"
                + "ContainerSpec:\n"
                + " Image:\t\tnginx:alpine\n"
                + " Args:\t\tnginx -g daemon off; \n"
                + " Env:\t\tK=V \n"
                + " Init:\t\tfalse\n"
                + "Resources:\n"
                + "Networks: appnet \n"
                + "Endpoint Mode:\tvip\n"
                + "Ports:\n"
                + " PublishedPort = 8080\n"
                + "  Protocol = tcp\n"
                + "  TargetPort = 80\n"
                + "  PublishMode = ingress \n\n");
    }

    @Test
    void aGlobalServiceWithoutConfigsPrintsOnlyWhatItHas() {
        String text = ServicePrettyText.render(Fixtures.json("""
                {"ID":"a1","Spec":{"Name":"agent","Mode":{"Global":{}},
                 "TaskTemplate":{"ContainerSpec":{"Image":"busybox"}},"EndpointSpec":{"Mode":"dnsrr"}}}"""),
                id -> id);

        assertThat(text).isEqualTo("\nID:\t\ta1\nName:\t\tagent\nService Mode:\tGlobal\nPlacement:\n"
                + "ContainerSpec:\n Image:\t\tbusybox\nEndpoint Mode:\tdnsrr\n");
    }
}
