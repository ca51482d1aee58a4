package dev.swarmnet.controlplane.raft;

import static dev.swarmnet.controlplane.raft.UniqueStrings.text;
import static dev.swarmnet.controlplane.raft.UniqueStrings.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RaftStoreMembershipTest {

    @TempDir
    Path dir;
    TestManagers managers;

    @BeforeEach
    void startManagers() {
        managers = new TestManagers(dir, 20);
    }

    @AfterEach
    void stopManagers() throws IOException {
        managers.close();
    }

    @Test
    void shouldCatchUpAPeerAddedToARunningGroupAndShrinkTheGroupWhenItIsRemoved() throws Exception {
        final TestManagers.Manager first = managers.bootstrap("m1");
        await().atMost(TestManagers.TIMEOUT).until(first.store()::isLeader);
        final List<String> before = IntStream.range(0, 50).mapToObj(i -> "a-" + i).toList();
        for (String w : before) {
            first.store().submit(utf8(w)).get(10, TimeUnit.SECONDS);
        }

        final TestManagers.Manager second = managers.join("m2");
        assertThat(second.store().peers()).isEmpty();
        first.store().addPeer("m2", second.config().address());

        assertThat(first.store().peers()).containsExactly("m1", "m2");
        await().atMost(TestManagers.TIMEOUT).until(() -> second.state().values().equals(before));
        assertThat(second.state().restores()).as("caught up from the leader's snapshot file").isEqualTo(1);
        assertThat(second.store().peers()).containsExactly("m1", "m2");
        assertThat(second.store().leaderId()).contains("m1");
        assertThat(text(second.store().submit(utf8("after-add")).get(10, TimeUnit.SECONDS))).isEqualTo("ok:50");
        await().atMost(TestManagers.TIMEOUT).until(() -> second.state().values().contains("after-add"));

        first.store().removePeer("m2");

        assertThat(first.store().peers()).containsExactly("m1");
        managers.kill("m2");
        assertThat(text(first.store().submit(utf8("alone-again")).get(10, TimeUnit.SECONDS)))
                .as("a group of one commits on its own").isEqualTo("ok:51");
    }

    @Test
    void shouldRefuseWritesOnAManagerThatWasNeverAdded() throws Exception {
        final TestManagers.Manager lonely = managers.join("m9");

        assertThatThrownBy(() -> lonely.store().submit(utf8("x")).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("not a member");
        assertThat(lonely.store().isLeader()).isFalse();
        assertThat(lonely.store().leaderId()).isEmpty();
    }
}
