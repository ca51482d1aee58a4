package dev.swarmnet.dataplane.capture;

import static dev.swarmnet.dataplane.testing.Frames.macOf;
import static dev.swarmnet.dataplane.testing.Frames.udpFrame;
import static dev.swarmnet.dataplane.testing.Lab.A;
import static dev.swarmnet.dataplane.testing.Lab.B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmnet.dataplane.testing.Frames;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole session with its writer thread; the test thread plays the event loop. */
class CaptureSessionTest {
    private static final byte[] FRAME = udpFrame(macOf(B), macOf(A), A, B, 40000, 53, "hello".getBytes());
    private static final InetSocketAddress UNDERLAY = new InetSocketAddress("127.0.0.1", 4789);

    @TempDir
    Path dir;

    /** What the data plane's loop would hold: the installed tap, and every change asked of it. */
    private final List<CaptureTap> installs = new ArrayList<>();
    private CaptureTap installed;
    private final Consumer<CaptureTap> loop = tap -> {
        installs.add(tap);
        installed = tap;
    };

    @BeforeAll
    static void agronaCanReachUnsafe() {
        CaptureSession.ensureAvailability();
    }

    private CaptureSession start(String filter, CaptureOptions options, Consumer<CaptureTap> installer)
            throws Exception {
        return CaptureSession.start(CaptureFilter.parse(filter), dir.resolve("session.pcap"), options, UNDERLAY,
                port -> -1, installer, 0);
    }

    @Test
    void shouldInstallTheTapAndRemoveItWhenStopped() throws Exception {
        CaptureSession session = start("port=1", CaptureOptions.defaults(), loop);
        assertThat(installed).isNotNull();
        assertThat(installed.filter()).isEqualTo(CaptureFilter.port(1));

        session.stop();

        assertThat(installed).isNull();
        assertThat(installs).hasSize(2);
    }

    @Test
    void shouldWriteEveryRecordedFrameBeforeReturningTheSummary() throws Exception {
        CaptureSession session = start("port=1", CaptureOptions.defaults(), loop);
        for (int i = 0; i < 500; i++) {
            feed(installed, i);
        }

        CaptureSummary summary = session.stop();

        assertThat(summary.framesWritten()).isEqualTo(500);
        assertThat(summary.framesLost()).isZero();
        assertThat(summary.failed()).isFalse();
        assertThat(summary.file()).isEqualTo(dir.resolve("session.pcap"));
        assertThat(summary.toString()).isEqualTo("capture port=1 to " + summary.file() + ": 500 frames written, 0 lost");
        assertThat(PcapFile.read(summary.file()).records()).hasSize(500)
                .allSatisfy(r -> assertThat(r.bytes()).isEqualTo(FRAME));
    }

    @Test
    void shouldAccountForEveryFrameWhenTheRingOverflows() throws Exception {
        CaptureSession session = start("all", new CaptureOptions(4096, 128), loop);
        for (int i = 0; i < 2000; i++) {
            feed(installed, i);
        }

        CaptureSummary summary = session.stop();

        assertThat(summary.framesLost()).isPositive();
        assertThat(summary.framesWritten() + summary.framesLost()).isEqualTo(2000);
        assertThat(PcapFile.read(summary.file()).records()).hasSize((int) summary.framesWritten());
    }

    @Test
    void shouldReturnTheSameSummaryWhenStoppedAgain() throws Exception {
        CaptureSession session = start("all", CaptureOptions.defaults(), loop);
        feed(installed, 1);

        CaptureSummary first = session.stop();

        assertThat(session.stop()).isSameAs(first);
        assertThat(installs).hasSize(2);
    }

    @Test
    void shouldStillFinishTheFileWhenTheLoopHasAlreadyStopped() throws Exception {
        CaptureSession session = start("all", CaptureOptions.defaults(), tap -> {
            if (tap == null) {
                throw new RejectedExecutionException("event executor terminated");
            }
            installed = tap;
        });
        feed(installed, 1);

        assertThat(session.stop().framesWritten()).isEqualTo(1);
    }

    @Test
    void shouldEndItsWriterThreadAndPassOnTheRefusalWhenTheLoopRefusesTheTap() {
        assertThatThrownBy(() -> start("underlay", CaptureOptions.defaults(), tap -> {
            throw new IllegalStateException("a capture is already running (all)");
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("already running");

        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().equals("swarmnet-capture underlay"));
    }

    @Test
    void shouldRefuseToStartWhenTheFileCannotBeCreated() {
        assertThatThrownBy(() -> CaptureSession.start(CaptureFilter.all(), dir.resolve("missing/x.pcap"),
                CaptureOptions.defaults(), UNDERLAY, port -> -1, loop, 0))
                .isInstanceOf(NoSuchFileException.class);

        assertThat(installs).isEmpty();
        assertThat(Files.exists(dir.resolve("missing"))).isFalse();
    }

    private static void feed(CaptureTap tap, long nowNs) {
        ByteBuf frame = Frames.buffer(FRAME);
        try {
            tap.portReceived(frame, 1, nowNs);
        } finally {
            frame.release();
        }
    }
}
