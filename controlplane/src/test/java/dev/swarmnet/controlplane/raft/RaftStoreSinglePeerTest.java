package dev.swarmnet.controlplane.raft;

import static dev.swarmnet.controlplane.raft.UniqueStrings.text;
import static dev.swarmnet.controlplane.raft.UniqueStrings.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RaftStoreSinglePeerTest {

    @TempDir
    Path dir;
    TestManagers managers;

    @BeforeEach
    void startManagers() {
        managers = new TestManagers(dir, 30);
    }

    @AfterEach
    void stopManagers() throws IOException {
        managers.close();
    }

    @Test
    void shouldApplyAHundredWritesInOrderAndKeepThemAcrossARestart() throws Exception {
        final TestManagers.Manager m = managers.bootstrap("m1");
        await().atMost(TestManagers.TIMEOUT).until(m.store()::isLeader);
        assertThat(m.store().peers()).containsExactly("m1");
        final List<String> written = IntStream.range(0, 100).mapToObj(i -> "w-" + i).toList();

        final List<CompletableFuture<byte[]>> acks = new ArrayList<>();
        for (String w : written) {
            acks.add(m.store().submit(utf8(w)));
        }
        for (int i = 0; i < acks.size(); i++) {
            assertThat(text(acks.get(i).get(10, TimeUnit.SECONDS))).isEqualTo("ok:" + i);
        }
        assertThat(m.state().values()).containsExactlyElementsOf(written);
        assertThat(m.state().violation()).isNull();
        final long applied = m.store().appliedIndex();
        assertThat(m.store().commitIndex()).isGreaterThanOrEqualTo(applied);
        await().atMost(TestManagers.TIMEOUT).until(() -> snapshotFiles(dir.resolve("m1")).size() > 0);

        managers.kill("m1");
        final TestManagers.Manager again = managers.restart("m1");
        await().atMost(TestManagers.TIMEOUT).until(again.store()::isLeader);
        await().atMost(TestManagers.TIMEOUT).until(() -> again.store().appliedIndex() >= applied);

        assertThat(again.state().restores()).as("restored from a snapshot").isEqualTo(1);
        assertThat(again.state().applies()).as("replayed the log after the snapshot").isPositive();
        assertThat(again.state().values()).containsExactlyElementsOf(written);
        assertThat(text(again.store().query(utf8("all")).get(10, TimeUnit.SECONDS)))
                .isEqualTo(String.join(",", written));
        assertThat(text(again.store().submit(utf8("w-100")).get(10, TimeUnit.SECONDS))).isEqualTo("ok:100");
    }

    @Test
    void shouldStampEveryEntryWithTheLeadersTimeInOrder() throws Exception {
        final TestManagers.Manager m = managers.bootstrap("m1");
        await().atMost(TestManagers.TIMEOUT).until(m.store()::isLeader);
        final long before = System.currentTimeMillis();
        for (int i = 0; i < 20; i++) {
            m.store().submit(utf8("t-" + i)).get(10, TimeUnit.SECONDS);
        }
        final long after = System.currentTimeMillis();

        assertThat(m.state().times()).hasSize(20).isSorted().allSatisfy(t -> assertThat(t).isBetween(before, after));
    }

    @Test
    void shouldReturnARejectionAsAResultAndKeepGoing() throws Exception {
        final TestManagers.Manager m = managers.bootstrap("m1");
        await().atMost(TestManagers.TIMEOUT).until(m.store()::isLeader);

        assertThat(text(m.store().submit(utf8("not valid!")).get(10, TimeUnit.SECONDS))).isEqualTo("error:invalid");
        assertThat(text(m.store().submit(utf8("a")).get(10, TimeUnit.SECONDS))).isEqualTo("ok:0");
        assertThat(text(m.store().submit(utf8("a")).get(10, TimeUnit.SECONDS))).isEqualTo("dup:0");
    }

    static List<Path> snapshotFiles(Path nodeDir) throws IOException {
        try (Stream<Path> files = Files.walk(nodeDir)) {
            return files.filter(f -> f.getFileName().toString().matches("snapshot\\.\\d+_\\d+")).toList();
        }
    }
}
