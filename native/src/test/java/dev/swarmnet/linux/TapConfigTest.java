package dev.swarmnet.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TapConfigTest {

    private static final byte[] MAC = {0x02, 0x53, 0x57, 0x00, 0x00, 0x01};

    @Test
    void defaultsAreEthernetMtuAKernelChosenMacALongQueueAndNoVnetHeader() {
        TapConfig config = TapConfig.named("swn0");

        assertThat(config.mtu()).isEqualTo(1500);
        assertThat(config.mac()).isNull();
        assertThat(config.txQueueLength()).isEqualTo(10_000);
        assertThat(config.vnetHeader()).isFalse();
        assertThat(config).hasToString("TapConfig[name=swn0, mtu=1500, mac=kernel, txqueuelen=10000, vnetHeader=false]");
    }

    @Test
    void theMacIsCopiedInAndOutSoTheConfigStaysImmutable() {
        byte[] mac = MAC.clone();
        TapConfig config = TapConfig.named("swn0").withMac(mac);

        mac[5] = 0x7f;
        config.mac()[5] = 0x7f;

        assertThat(config.mac()).isEqualTo(MAC);
        assertThat(config).isEqualTo(TapConfig.named("swn0").withMac(MAC.clone()))
            .hasSameHashCodeAs(TapConfig.named("swn0").withMac(MAC.clone()));
        assertThat(config.toString()).contains("mac=02:53:57:00:00:01");
    }

    @Test
    void valuesNoTapCouldHaveAreRejected() {
        assertThatThrownBy(() -> TapConfig.named("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TapConfig.named("swn0").withMtu(67)).hasMessageContaining("68");
        assertThatThrownBy(() -> TapConfig.named("swn0").withMac(new byte[5])).hasMessageContaining("6 bytes");
        assertThatThrownBy(() -> TapConfig.named("swn0").withTxQueueLength(-1)).hasMessageContaining("negative");
    }
}
