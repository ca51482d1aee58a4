package dev.swarmnet.controlplane.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class BackendTableTest {

    private static JsonNode json(String text) throws Exception {
        return ApiClient.json().readTree(text.replace('\'', '"'));
    }

    @Test
    void oneLinePerNodeProtocolAndBackendThenNodesWithoutBackendsOrWithErrors() throws Exception {
        JsonNode backends = json("{'node-1':{'NodeID':'n1','VirtualIPs':[{'VIP':'10.0.1.2','VirtualServices':["
                + "{'Protocol':'tcp','Port':'any','Backends':["
                + "{'TaskName':'web.1.t1','Address':'10.0.1.5','State':'active','ActiveFlows':3},"
                + "{'TaskName':'web.2.t2','Address':'10.0.1.6','State':'draining','ActiveFlows':0}]},"
                + "{'Protocol':'udp','Port':'any','Backends':[{'TaskName':'','Address':'10.0.1.7','State':'active'}]}]}]},"
                + "'node-2':{'NodeID':'n2','VirtualIPs':[]},"
                + "'node-3':{'NodeID':'n3','Error':'node unreachable: no answer within 3000 ms'}}");

        assertThat(BackendTable.render(backends)).isEqualTo(
                "Backends:\n"
                        + "NODE      VIP        PROTOCOL   TASK             ADDRESS    STATE      FLOWS\n"
                        + "node-1    10.0.1.2   tcp        web.1.t1         10.0.1.5   active     3\n"
                        + "node-1    10.0.1.2   tcp        web.2.t2         10.0.1.6   draining   0\n"
                        + "node-1    10.0.1.2   udp        (unknown task)   10.0.1.7   active     -\n"
                        + "node-2    no backends\n"
                        + "node-3    node unreachable: no answer within 3000 ms\n");
    }

    @Test
    void publishedPortsFollowWithTheirStateOnEachNodeAndWhyOneIsBlocked() throws Exception {
        JsonNode backends = json("{'node-1':{'NodeID':'n1','VirtualIPs':[],'PublishedPorts':[{'Port':'8080/tcp',"
                + "'State':'open','Addresses':['*:8080']}]},"
                + "'node-2':{'NodeID':'n2','VirtualIPs':[],'PublishedPorts':[{'Port':'8080/tcp','State':'blocked',"
                + "'Error':'cannot listen on 0.0.0.0 port 8080: Address already in use'}]}}");

        assertThat(BackendTable.render(backends)).endsWith(
                "Published ports:\n"
                        + "NODE      PORT       STATE     DETAIL\n"
                        + "node-1    8080/tcp   open      *:8080\n"
                        + "node-2    8080/tcp   blocked   cannot listen on 0.0.0.0 port 8080: Address already in use\n");
    }
}
