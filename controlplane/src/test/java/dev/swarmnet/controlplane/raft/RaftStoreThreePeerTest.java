package dev.swarmnet.controlplane.raft;

import static dev.swarmnet.controlplane.raft.UniqueStrings.text;
import static dev.swarmnet.controlplane.raft.UniqueStrings.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RaftStoreThreePeerTest {

    @TempDir
    Path dir;
    TestManagers managers;
    Thread writer;
    final AtomicBoolean stop = new AtomicBoolean();

    @BeforeEach
    void startManagers() {
        managers = new TestManagers(dir, 40);
    }

    @AfterEach
    void stopManagers() throws Exception {
        stop.set(true);
        if (writer != null) {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        }
        managers.close();
    }

    @Test
    void shouldLoseNoAcknowledgedWriteWhenTheLeaderIsKilledMidStream() throws Exception {
        managers.cluster("m1", "m2", "m3");
        final TestManagers.Manager leader = managers.awaitLeader();
        final TestManagers.Manager client = managers.anyFollower();
        final List<String> acknowledged = new CopyOnWriteArrayList<>();
        final AtomicInteger retries = new AtomicInteger();
        writer = new Thread(() -> writeUntilStopped(client.store(), acknowledged, retries), "test-writer");
        writer.start();

        await().atMost(TestManagers.TIMEOUT).until(() -> acknowledged.size() >= 30);
        managers.kill(leader.config().nodeId());
        final int ackedAtKill = acknowledged.size();
        final TestManagers.Manager newLeader = managers.awaitLeader();
        await().atMost(TestManagers.TIMEOUT).until(() -> acknowledged.size() >= ackedAtKill + 50);
        stop.set(true);
        writer.join(TimeUnit.SECONDS.toMillis(30));

        assertThat(newLeader.config().nodeId()).isNotEqualTo(leader.config().nodeId());
        // Both survivors by name: leadership may move again under load, so "the leader and a follower"
        // could name one manager twice, and a deposed leader's commit index may trail the last write.
        final List<TestManagers.Manager> survivors = Stream.of("m1", "m2", "m3")
                .filter(id -> !id.equals(leader.config().nodeId()))
                .map(managers::get)
                .toList();
        for (TestManagers.Manager m : survivors) {
            await().atMost(TestManagers.TIMEOUT).untilAsserted(() ->
                    assertThat(m.state().values()).as("on %s", m.config().nodeId()).containsAll(acknowledged));
            assertThat(m.state().values()).as("on %s", m.config().nodeId())
                    .doesNotHaveDuplicates()
                    .startsWith(acknowledged.subList(0, 30).toArray(String[]::new));
            assertThat(m.state().violation()).isNull();
        }
        // A write the writer gave up on may still commit and reach one survivor a moment before the other.
        await().atMost(TestManagers.TIMEOUT).untilAsserted(() ->
                assertThat(survivors.get(0).state().values()).isEqualTo(survivors.get(1).state().values()));

        final TestManagers.Manager back = managers.restart(leader.config().nodeId());
        await().atMost(TestManagers.TIMEOUT)
                .until(() -> back.state().values().equals(newLeader.state().values()));
        assertThat(back.store().peers()).containsExactly("m1", "m2", "m3");
        System.out.printf("acknowledged %d writes, %d client-level retries%n", acknowledged.size(), retries.get());
    }

    @Test
    void shouldForwardAFollowersWriteToTheLeaderAndSeeItInAnyLaterRead() throws Exception {
        managers.cluster("m1", "m2", "m3");
        final TestManagers.Manager leader = managers.awaitLeader();
        final List<TestManagers.Manager> followers = List.of("m1", "m2", "m3").stream()
                .map(managers::get)
                .filter(m -> m != leader)
                .toList();

        // Checked when it writes, not after: under load the 300-600 ms election timeout may move leadership later.
        assertThat(followers.get(0).store().isLeader()).isFalse();
        final String result = text(followers.get(0).store().submit(utf8("from-follower")).get(10, TimeUnit.SECONDS));

        assertThat(result).isEqualTo("ok:0");
        for (TestManagers.Manager m : List.of(leader, followers.get(0), followers.get(1))) {
            assertThat(text(m.store().query(utf8("all")).get(10, TimeUnit.SECONDS))).isEqualTo("from-follower");
        }
        final String second = text(followers.get(1).store().submit(utf8("second")).get(10, TimeUnit.SECONDS));
        assertThat(second).isEqualTo("ok:1");
        assertThat(text(followers.get(0).store().query(utf8("all")).get(10, TimeUnit.SECONDS)))
                .isEqualTo("from-follower,second");
    }

    /** Writes w-0, w-1, ... one at a time; a failed write is retried with the same value. */
    private void writeUntilStopped(RaftStore store, List<String> acknowledged, AtomicInteger retries) {
        for (int i = 0; !stop.get(); i++) {
            final String value = "w-" + i;
            while (!stop.get()) {
                try {
                    final String result = text(store.submit(utf8(value)).get(15, TimeUnit.SECONDS));
                    if (result.startsWith("ok:") || result.startsWith("dup:")) {
                        acknowledged.add(value);
                        break;
                    }
                    throw new IllegalStateException("unexpected result " + result);
                } catch (ExecutionException | TimeoutException e) {
                    retries.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
