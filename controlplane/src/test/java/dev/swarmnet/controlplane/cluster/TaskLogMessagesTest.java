package dev.swarmnet.controlplane.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The task-logs messages on the wire: their JSON, and lines that travel as exact bytes. */
class TaskLogMessagesTest {

    @Test
    void aTaskLogsRequestNamesItsTasksTailAndFollow() {
        ClusterMessage request = new ClusterMessage.TaskLogs(List.of("t000000000000000000000001"), 10, true);

        assertThat(ClusterMessageCodec.toJson(request))
                .isEqualTo("{\"type\":\"task-logs\",\"taskIds\":[\"t000000000000000000000001\"],\"tail\":10,\"follow\":true}");
    }

    @Test
    void aLineTravelsAsBase64SoAnyBytesArriveUnchanged() {
        byte[] bytes = {(byte) 0xff, 0, '"', '\n', 'z'};
        ClusterMessage lines = new ClusterMessage.LogLines(List.of(
                new ClusterMessage.LogLine("t000000000000000000000001", 1_700_000_000_123L, bytes)));

        String json = ClusterMessageCodec.toJson(lines);
        ClusterMessage decoded = ClusterMessageCodec.fromJson(json.getBytes(StandardCharsets.UTF_8));

        assertThat(json).isEqualTo("{\"type\":\"log-lines\",\"entries\":[{\"taskId\":\"t000000000000000000000001\","
                + "\"timestampMillis\":1700000000123,\"line\":\"/wAiCno=\"}]}");
        ClusterMessage.LogLine line = ((ClusterMessage.LogLines) decoded).entries().get(0);
        assertThat(line.line()).isEqualTo(bytes);
        assertThat(line.timestampMillis()).isEqualTo(1_700_000_000_123L);
    }

    @Test
    void theEndOfAStreamIsItsOwnMessage() {
        assertThat(ClusterMessageCodec.toJson(new ClusterMessage.LogEnd())).isEqualTo("{\"type\":\"log-end\"}");
        assertThat(ClusterMessageCodec.fromJson("{\"type\":\"log-end\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ClusterMessage.LogEnd.class);
    }
}
