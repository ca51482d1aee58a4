package dev.swarmnet.controlplane.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceLookupTest {

    private static List<JsonNode> services(String json) {
        List<JsonNode> list = new ArrayList<>();
        Fixtures.json(json).forEach(list::add);
        return list;
    }

    private static final String SERVICES = """
            [{"ID":"abc111","Spec":{"Name":"web"}},{"ID":"abc222","Spec":{"Name":"abc111x"}},
             {"ID":"web999","Spec":{"Name":"api"}}]""";

    @Test
    void anExactIdWinsOverANameWhichWinsOverAPrefix() {
        assertThat(ServiceLookup.pick(services(SERVICES), "abc111").path("ID").asText()).isEqualTo("abc111");
        assertThat(ServiceLookup.pick(services(SERVICES), "web").path("ID").asText()).isEqualTo("abc111");
        assertThat(ServiceLookup.pick(services(SERVICES), "web9").path("ID").asText()).isEqualTo("web999");
    }

    @Test
    void anAmbiguousOrUnknownReferenceFindsNothing() {
        assertThat(ServiceLookup.pick(services(SERVICES), "abc")).isNull();
        assertThat(ServiceLookup.pick(services(SERVICES), "zzz")).isNull();
    }
}
