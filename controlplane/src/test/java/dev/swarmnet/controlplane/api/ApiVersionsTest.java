package dev.swarmnet.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiVersionsTest {

    @ParameterizedTest(name = "{0} routes as {1}")
    @CsvSource({
        "/v1.50/nodes, /nodes",
        "/v1.24/_ping, /_ping",
        "/v1.5/x, error",
        "/nodes, /nodes",
        "/v1.50, /v1.50",
        "/version, /version",
        "/v1.50/distribution/registry.local:5000/app:1.0/json, /distribution/registry.local:5000/app:1.0/json",
        "/v2/info, error",
        "/v1.50.1/info, error",
    })
    void shouldStripOnlyAVersionPrefixInTheSupportedRange(String path, String expected) {
        if (expected.equals("error")) {
            assertThatThrownBy(() -> ApiVersions.stripPrefix(path)).isInstanceOf(ApiException.class)
                    .hasMessageStartingWith("client version ");
        } else {
            assertThat(ApiVersions.stripPrefix(path)).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0} vs {1} = {2}")
    @CsvSource({"1.50, 1.50, 0", "1.5, 1.24, -1", "1.100, 1.50, 1", "2, 1.50, 1", "1.50.0, 1.50, 0"})
    void shouldCompareVersionsFieldByFieldAsNumbers(String a, String b, int sign) {
        assertThat(Integer.signum(ApiVersions.compare(a, b))).isEqualTo(sign);
    }
}
