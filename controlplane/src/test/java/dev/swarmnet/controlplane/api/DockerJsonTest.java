package dev.swarmnet.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmnet.controlplane.api.model.NodeRole;
import dev.swarmnet.controlplane.api.model.NodeSpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DockerJsonTest {

    @ParameterizedTest(name = "{0} is written as {1}")
    @CsvSource({
        "2025-01-01T00:00:00.123456789Z, 2025-01-01T00:00:00.123456789Z",
        "2025-11-25T20:07:16.890Z, 2025-11-25T20:07:16.89Z",
        "2025-11-25T20:07:16Z, 2025-11-25T20:07:16Z",
        "0001-01-01T00:00:00Z, 0001-01-01T00:00:00Z",
    })
    void shouldWriteTimesAsGoRfc3339Nano(String instant, String text) {
        assertThat(DockerJson.formatTime(Instant.parse(instant))).isEqualTo(text);
    }

    @Test
    void shouldReadNamesCaseInsensitivelyAndIgnoreUnknownFieldsAsGoDoes() {
        NodeSpec spec = DockerJson.read("{\"role\":\"manager\",\"AVAILABILITY\":\"pause\",\"Extra\":1}"
                .getBytes(StandardCharsets.UTF_8), NodeSpec.class);
        assertThat(spec.role()).isEqualTo(NodeRole.MANAGER);
        assertThat(spec.availability().wire()).isEqualTo("pause");
    }

    @Test
    void shouldNameAnInvalidEnumValueLikeMoby() {
        assertThatThrownBy(() -> DockerJson.read("{\"Role\":\"boss\"}".getBytes(StandardCharsets.UTF_8),
                NodeSpec.class)).hasMessage("invalid Role: \"boss\"");
    }

    @Test
    void shouldWriteTheErrorBodyWithALowerCaseMessageKey() {
        assertThat(new String(DockerJson.write(new ApiResponse.ErrorBody("x")), StandardCharsets.UTF_8))
                .isEqualTo("{\"message\":\"x\"}");
    }
}
