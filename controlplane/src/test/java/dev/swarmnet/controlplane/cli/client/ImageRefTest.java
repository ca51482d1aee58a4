package dev.swarmnet.controlplane.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageRefTest {

    private static final String DIGEST = "@sha256:" + "0123456789abcdef".repeat(4);

    @Test
    void aPinnedTagLosesItsDigestAndEverythingElseIsShownAsWritten() {
        assertThat(ImageRef.display("nginx:alpine" + DIGEST)).isEqualTo("nginx:alpine");
        assertThat(ImageRef.display("registry.local:5000/team/app:1.0" + DIGEST)).isEqualTo("registry.local:5000/team/app:1.0");
        assertThat(ImageRef.display("nginx" + DIGEST)).isEqualTo("nginx" + DIGEST);
        assertThat(ImageRef.display("registry.local:5000/app" + DIGEST)).isEqualTo("registry.local:5000/app" + DIGEST);
        assertThat(ImageRef.display("nginx:alpine@sha256:4ff1")).isEqualTo("nginx:alpine@sha256:4ff1");
        assertThat(ImageRef.display("nginx:alpine")).isEqualTo("nginx:alpine");
    }
}
