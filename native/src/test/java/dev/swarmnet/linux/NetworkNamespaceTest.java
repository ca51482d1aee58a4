package dev.swarmnet.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NetworkNamespaceTest {

    private final TestNamespaces resources = new TestNamespaces();

    @BeforeEach
    void needsRoot() {
        TestNamespaces.assumeLinuxSupport();
    }

    @AfterEach
    void removeWhatTheTestCreated() throws Exception {
        resources.removeAll();
    }

    @AfterAll
    static void noNamespaceOfThisRunRemains() throws IOException {
        if (LinuxSupport.isAvailable()) {
            assertThat(TestNamespaces.leftovers()).isEmpty();
        }
    }

    @Test
    void creatingANamespaceMakesItVisibleToIpNetnsAndUnderVarRunNetns() throws Exception {
        NetworkNamespace namespace = resources.create();

        assertThat(Path.of("/var/run/netns", namespace.name())).exists();
        assertThat(NetworkNamespace.exists(namespace.name())).isTrue();
        assertThat(NetworkNamespace.list()).contains(namespace.name());
        assertThat(IpCommand.run("netns", "list").lines()).anyMatch(l -> l.split(" ")[0].equals(namespace.name()));
        assertThat(IpCommand.run("-n", namespace.name(), "-o", "link", "show"))
            .contains(": lo: ").doesNotContain("eth");
    }

    @Test
    void deletingANamespaceRemovesItFromIpNetnsAndVarRunNetns() throws Exception {
        NetworkNamespace namespace = resources.create();

        namespace.delete();

        assertThat(Path.of("/var/run/netns", namespace.name())).doesNotExist();
        assertThat(NetworkNamespace.exists(namespace.name())).isFalse();
        assertThat(IpCommand.run("netns", "list")).doesNotContain(namespace.name());
    }

    @Test
    void callRunsTheTaskInsideTheNamespace() throws Exception {
        NetworkNamespace namespace = resources.create();
        String namespaceInode = "net:[" + Files.getAttribute(namespace.path(), "unix:ino") + "]";

        String inside = namespace.call(() -> Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString());
        List<String> devicesInside = namespace.call(NetworkNamespaceTest::deviceNamesOfThisThread);

        assertThat(inside).isEqualTo(namespaceInode);
        assertThat(devicesInside).containsExactly("lo");
        assertThat(deviceNamesOfThisThread()).isNotEqualTo(List.of("lo"));
    }

    @Test
    void callLeavesTheCallingThreadInItsOwnNamespace() throws Exception {
        NetworkNamespace namespace = resources.create();
        Path self = Path.of("/proc/thread-self/ns/net");
        Path before = Files.readSymbolicLink(self);

        Path inside = namespace.call(() -> Files.readSymbolicLink(self));

        assertThat(inside).isNotEqualTo(before);
        assertThat(Files.readSymbolicLink(self)).isEqualTo(before);
    }

    @Test
    void eachCallRunsOnAFreshPlatformThreadThatHasEndedWhenCallReturns() throws Exception {
        NetworkNamespace namespace = resources.create();

        Thread first = namespace.call(Thread::currentThread);
        Thread second = namespace.call(Thread::currentThread);

        assertThat(first).isNotSameAs(second).isNotSameAs(Thread.currentThread());
        assertThat(first.isAlive()).isFalse();
        assertThat(second.isAlive()).isFalse();
        assertThat(first.getName()).isEqualTo("netns-" + namespace.name());
    }

    @Test
    void callReturnsTheTasksResultAndPropagatesItsExceptionUnchanged() throws Exception {
        NetworkNamespace namespace = resources.create();
        IOException boom = new IOException("boom");

        assertThat(namespace.call(() -> 42)).isEqualTo(42);
        assertThatThrownBy(() -> namespace.call(() -> {
            throw boom;
        })).isSameAs(boom);
        assertThatThrownBy(() -> namespace.run(() -> {
            throw new IllegalArgumentException("bad");
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("bad");
    }

    @Test
    void callOnAClosedNamespaceFailsWithoutEnteringAnything() throws Exception {
        NetworkNamespace namespace = resources.create();
        namespace.close();

        assertThatThrownBy(() -> namespace.call(() -> 1))
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("netns " + namespace.name() + " is closed");
    }

    @Test
    void reopeningANamespaceByNameEntersTheSameNamespace() throws Exception {
        NetworkNamespace namespace = resources.create();
        Path self = Path.of("/proc/thread-self/ns/net");

        try (NetworkNamespace again = NetworkNamespace.open(namespace.name())) {
            assertThat(again.call(() -> Files.readSymbolicLink(self)))
                .isEqualTo(namespace.call(() -> Files.readSymbolicLink(self)));
        }
    }

    @Test
    void openingANamespaceThatDoesNotExistNamesThePathAndErrno() {
        String name = TestNamespaces.uniqueName();

        assertThatThrownBy(() -> NetworkNamespace.open(name))
            .isInstanceOf(LinuxException.class)
            .hasMessage("open(\"/var/run/netns/" + name + "\") failed: No such file or directory (ENOENT)");
    }

    @Test
    void openingAFileThatIsNotANamespaceNamesTheIoctlAndErrno() throws Exception {
        String name = TestNamespaces.uniqueName();
        Path plain = Files.createFile(NetworkNamespace.RUN_DIR.resolve(name));
        resources.register(() -> Files.deleteIfExists(plain));

        assertThatThrownBy(() -> NetworkNamespace.open(name))
            .isInstanceOf(LinuxException.class)
            .hasMessage("ioctl(NS_GET_NSTYPE, \"/var/run/netns/" + name + "\") failed:"
                + " Inappropriate ioctl for device (ENOTTY)");
    }

    @Test
    void creatingANamespaceWhoseNameIsTakenFailsAndKeepsTheExistingOne() throws Exception {
        NetworkNamespace namespace = resources.create();

        assertThatThrownBy(() -> NetworkNamespace.create(namespace.name()))
            .isInstanceOf(LinuxException.class)
            .hasMessage("open(\"/var/run/netns/" + namespace.name() + "\") failed: File exists (EEXIST)");
        assertThat(namespace.call(() -> 1)).isEqualTo(1);
        assertThat(NetworkNamespace.exists(namespace.name())).isTrue();
    }

    @Test
    void deletingANamespaceThatDoesNotExistNamesTheCallAndErrno() {
        String name = TestNamespaces.uniqueName();

        assertThatThrownBy(() -> NetworkNamespace.delete(name))
            .isInstanceOf(LinuxException.class)
            .hasMessage("umount2(\"/var/run/netns/" + name + "\") failed: No such file or directory (ENOENT)");
    }

    @Test
    void aNameThatIsNotASingleFileNameIsRejected() {
        assertThatThrownBy(() -> NetworkNamespace.create("../etc"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("not a namespace name: \"../etc\"");
    }

    /** Interface names in /proc/thread-self/net/dev: the calling thread's namespace. */
    static List<String> deviceNamesOfThisThread() throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/thread-self/net/dev"))) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.contains("|")) {
                names.add(line.substring(0, colon).trim());
            }
        }
        return names;
    }
}
