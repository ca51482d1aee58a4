package dev.swarmnet.controlplane.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link LogFrames} and {@link LogLineFormatter}: what {@code service logs} makes of the daemon's stream. */
class LogStreamTest {

    private static final String DETAILS = "com.docker.swarm.node.id=rpgghi749nqvc3kz550vwdwpb,"
            + "com.docker.swarm.service.id=626as37knwmv9522ac2tys4i6,com.docker.swarm.task.id=40ncq8t8mln152k8sdk7xvzyw";

    private static byte[] frame(int stream, String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(stream);
        out.write(0);
        out.write(0);
        out.write(0);
        out.write(bytes.length >>> 24);
        out.write(bytes.length >>> 16 & 0xff);
        out.write(bytes.length >>> 8 & 0xff);
        out.write(bytes.length & 0xff);
        out.writeBytes(bytes);
        return out.toByteArray();
    }

    private static final class CountingNames implements LogLineFormatter.Names {
        int lookups;

        @Override
        public String serviceName(String serviceId) {
            lookups++;
            return Map.of("626as37knwmv9522ac2tys4i6", "web").getOrDefault(serviceId, "web");
        }

        @Override
        public long taskSlot(String taskId) {
            lookups++;
            return 2;
        }

        @Override
        public String nodeName(String nodeId) {
            lookups++;
            return "mgr1";
        }
    }

    @Test
    void framesAreHandedOnWholeHoweverTheBytesArrive() {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(frame(1, "first\n"));
        stream.writeBytes(frame(2, "second line\n"));
        byte[] bytes = stream.toByteArray();
        List<String> frames = new ArrayList<>();
        LogFrames decoder = new LogFrames((s, payload) -> frames.add(s + ":" + new String(payload, StandardCharsets.UTF_8)));

        for (int i = 0; i < bytes.length; i += 3) {
            decoder.feed(bytes, i, Math.min(3, bytes.length - i));
        }

        assertThat(frames).containsExactly("1:first\n", "2:second line\n");
        assertThat(decoder.hasPartialFrame()).isFalse();
    }

    @Test
    void anUnknownStreamNumberIsRefused() {
        LogFrames decoder = new LogFrames((s, payload) -> { });

        assertThatThrownBy(() -> decoder.feed(frame(7, "x"), 0, 9)).hasMessage("Unrecognized input header: 7");
    }

    @Test
    void linesArePrefixedWithServiceSlotTaskAndNodeAsDockerPrintsThem() {
        CountingNames names = new CountingNames();
        LogLineFormatter formatter = new LogLineFormatter(new LogLineFormatter.Options(false, false, false, false,
                false), names, 10);

        String first = formatter.format(DETAILS + " GET / HTTP/1.1 200\n");
        String second = formatter.format(DETAILS + " GET /favicon.ico 404\n");

        assertThat(first).isEqualTo("web.2.40ncq8t8mln1@mgr1     | GET / HTTP/1.1 200\n");
        assertThat(second).isEqualTo("web.2.40ncq8t8mln1@mgr1     | GET /favicon.ico 404\n");
        assertThat(names.lookups).isEqualTo(3);
    }

    @Test
    void timestampsComeFirstAndTaskIdsCanBeLeftOutOrShownWhole() {
        LogLineFormatter withTimes = new LogLineFormatter(new LogLineFormatter.Options(true, true, false, false, false),
                new CountingNames(), 3);
        LogLineFormatter noTrunc = new LogLineFormatter(new LogLineFormatter.Options(false, false, true, false, false),
                new CountingNames(), 3);

        assertThat(withTimes.format("2025-11-25T20:10:03.5Z " + DETAILS + " hello\n"))
                .isEqualTo("2025-11-25T20:10:03.5Z web.2@mgr1    | hello\n");
        assertThat(noTrunc.format(DETAILS + " hello\n"))
                .isEqualTo("web.2.40ncq8t8mln152k8sdk7xvzyw@mgr1    | hello\n");
    }

    @Test
    void extraDetailsAreShownOnlyWhenAskedFor() {
        LogLineFormatter details = new LogLineFormatter(new LogLineFormatter.Options(false, true, false, false, true),
                new CountingNames(), 1);

        assertThat(details.format("com.docker.swarm.node.id=n,com.docker.swarm.service.id=s,"
                + "com.docker.swarm.task.id=t,env%3Dx=a%2Cb hi\n")).isEqualTo("web.2@mgr1    | env=x=a,b hi\n");
    }

    @Test
    void rawLinesPassThroughAndLinesWithoutContextFailAsDockersDo() {
        LogLineFormatter raw = new LogLineFormatter(new LogLineFormatter.Options(false, false, false, true, false),
                new CountingNames(), 1);
        LogLineFormatter pretty = new LogLineFormatter(new LogLineFormatter.Options(false, false, false, false, false),
                new CountingNames(), 1);

        assertThat(raw.format("just text\n")).isEqualTo("just text\n");
        assertThatThrownBy(() -> pretty.format("nospace")).hasMessage("invalid context in log message: nospace");
        assertThatThrownBy(() -> pretty.format("com.docker.swarm.service.id=s,com.docker.swarm.task.id=t hi"))
                .hasMessage("missing node id in details");
    }
}
