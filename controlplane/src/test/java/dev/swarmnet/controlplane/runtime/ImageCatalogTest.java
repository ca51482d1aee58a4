package dev.swarmnet.controlplane.runtime;

import dev.swarmnet.controlplane.images.Echo;
import dev.swarmnet.controlplane.images.Whoami;
import dev.swarmnet.controlplane.model.ContainerSpec;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageCatalogTest {
    private final ImageCatalog catalog = ImageCatalog.of(Map.of("nginx", List.of("/usr/sbin/nginx", "-g", "daemon off;")));

    private static ContainerSpec spec(String image, List<String> command, List<String> args) {
        return new ContainerSpec(image, command, args, List.of(), Map.of(), ContainerSpec.DEFAULT_STOP_GRACE_NANOS);
    }

    @Test
    void theWhoamiImageRunsTheWhoamiMainInASmallJvmOnThisClassPath() {
        List<String> argv = catalog.argv(ContainerSpec.of("swarmnet/whoami"));

        assertThat(argv.get(0)).isEqualTo(ProcessHandle.current().info().command().orElseThrow());
        assertThat(argv).contains("-Xmx24m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData")
            .containsSubsequence("-cp", System.getProperty("java.class.path"), Whoami.class.getName());
        assertThat(catalog.argv(ContainerSpec.of("swarmnet/echo"))).last().isEqualTo(Echo.class.getName());
    }

    @Test
    void aTagADigestAndTheDockerHubPrefixAreIgnored() {
        List<String> plain = catalog.argv(ContainerSpec.of("swarmnet/whoami"));

        assertThat(catalog.argv(ContainerSpec.of("swarmnet/whoami:latest"))).isEqualTo(plain);
        assertThat(catalog.argv(ContainerSpec.of("docker.io/swarmnet/whoami:v1@sha256:abc"))).isEqualTo(plain);
        assertThat(catalog.argv(ContainerSpec.of("docker.io/library/nginx:1.27"))).containsExactly(
            "/usr/sbin/nginx", "-g", "daemon off;");
        assertThat(ImageCatalog.normalise("registry:5000/team/app")).isEqualTo("registry:5000/team/app");
    }

    @Test
    void aMappedImageRunsItsMappingFollowedByTheServiceArgs() {
        assertThat(catalog.argv(spec("nginx", List.of(), List.of("-c", "/tmp/n.conf"))))
            .containsExactly("/usr/sbin/nginx", "-g", "daemon off;", "-c", "/tmp/n.conf");
    }

    @Test
    void aCommandReplacesTheImageEvenForAnUnknownImage() {
        assertThat(catalog.argv(spec("busybox", List.of("sleep"), List.of("100")))).containsExactly("sleep", "100");
        assertThat(catalog.argv(spec("swarmnet/whoami", List.of("/bin/true"), List.of()))).containsExactly("/bin/true");
    }

    @Test
    void anUnknownImageWithoutCommandSaysHowToGiveOne() {
        assertThatThrownBy(() -> catalog.argv(ContainerSpec.of("redis:7")))
            .isInstanceOf(ImageCatalog.UnknownImageException.class)
            .hasMessage("image 'redis:7' has no command: give one after the image (service create redis:7 CMD...) "
                + "or map it under images: in /etc/swarmnet/swarmnet.yaml");
    }

    @Test
    void anEmptyMappingIsRefusedNamingTheImage() {
        assertThatThrownBy(() -> ImageCatalog.of(Map.of("app", List.of())))
            .hasMessageStartingWith("images: app: the command is empty");
    }
}
