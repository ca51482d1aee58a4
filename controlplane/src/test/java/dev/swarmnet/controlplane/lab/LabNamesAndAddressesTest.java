package dev.swarmnet.controlplane.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The names, addresses and plans a lab derives from its options, without a kernel. */
class LabNamesAndAddressesTest {

    @Test
    void aLabOwnsItsUnderlayNodesAndTasksButNotAnotherLabsWhoseNameExtendsIt() {
        LabName lab = new LabName("lab");
        assertThat(lab.underlay()).isEqualTo("lab-u");
        assertThat(lab.node(2)).isEqualTo("lab-2");
        assertThat(lab.taskPrefix()).isEqualTo("lab-t");
        assertThat(lab.hostLink()).isEqualTo("lab-h");
        assertThat(lab.owns("lab-u")).isTrue();
        assertThat(lab.owns("lab-12")).isTrue();
        assertThat(lab.owns("lab-t3x8k2m0q1w7e")).isTrue();
        assertThat(lab.ownsTask("lab-t3x8k2m0q1w7e")).isTrue();
        assertThat(lab.ownsTask("lab-1")).isFalse();
        assertThat(lab.owns("lab-1-1")).as("node 1 of lab 'lab-1'").isFalse();
        assertThat(lab.owns("lab-1-u")).isFalse();
        assertThat(lab.owns("lab-t-1")).as("node 1 of lab 'lab-t'").isFalse();
        assertThat(lab.owns("labx-1")).isFalse();
        assertThat(lab.owns("lab")).isFalse();
    }

    @Test
    void labNamesThatCannotMakeValidLinkNamesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> new LabName("a-very-long-lab")).hasMessageContaining("too long")
                .hasMessageContaining("15");
        assertThatThrownBy(() -> new LabName("Lab")).hasMessageContaining("lowercase");
        assertThatThrownBy(() -> new LabName("lab-")).hasMessageContaining("not ending with '-'");
        assertThatThrownBy(() -> new LabName("1lab")).hasMessageContaining("starting with a letter");
        assertThatThrownBy(() -> new LabName("")).hasMessageContaining("needs a name");
        assertThat(new LabName("swarmnet-lab").hostLink()).hasSizeLessThanOrEqualTo(15);
    }

    @Test
    void nodesTakeTheFirstAddressesAndTheHostTheLast() {
        LabSubnet subnet = LabSubnet.parse("198.18.100.7/24");
        assertThat(subnet).hasToString("198.18.100.0/24");
        assertThat(subnet.nodeAddress(1)).isEqualTo("198.18.100.1");
        assertThat(subnet.nodeAddress(3)).isEqualTo("198.18.100.3");
        assertThat(subnet.hostAddress()).isEqualTo("198.18.100.254");
        assertThat(subnet.capacity()).isEqualTo(253);
        assertThat(LabSubnet.parse("10.1.2.0/29").hostAddress()).isEqualTo("10.1.2.6");
        assertThatThrownBy(() -> LabSubnet.parse("10.1.2.0/29").nodeAddress(6)).hasMessageContaining("at most 5");
    }

    @Test
    void aSubnetContainsExactlyTheAddressesUnderItsPrefix() {
        LabSubnet subnet = LabSubnet.parse(LabSubnet.DEFAULT);
        assertThat(subnet.contains("198.18.100.254")).isTrue();
        assertThat(subnet.contains("198.18.100.0")).isTrue();
        assertThat(subnet.contains("198.18.101.1")).isFalse();
        assertThat(subnet.contains("not an address")).isFalse();
    }

    @Test
    void malformedSubnetsAreRefusedWithAnExample() {
        assertThatThrownBy(() -> LabSubnet.parse("198.18.100.0")).hasMessageContaining("CIDR")
                .hasMessageContaining(LabSubnet.DEFAULT);
        assertThatThrownBy(() -> LabSubnet.parse("198.18.300.0/24")).hasMessageContaining("not an IPv4 CIDR");
        assertThatThrownBy(() -> LabSubnet.parse("198.18.100.0/31")).hasMessageContaining("between 8 and 29");
        assertThatThrownBy(() -> LabSubnet.parse("fd00::/64")).hasMessageContaining("not an IPv4 CIDR");
    }

    @Test
    void theFirstNodesAreManagersAndImpossibleCountsAreRefused() {
        LabName name = new LabName("lab");
        LabSubnet subnet = LabSubnet.parse(LabSubnet.DEFAULT);
        LabPlan plan = new LabPlan(name, 5, 3, subnet);
        assertThat(plan.role(1)).isEqualTo("manager");
        assertThat(plan.role(3)).isEqualTo("manager");
        assertThat(plan.role(4)).isEqualTo("worker");
        assertThatThrownBy(() -> new LabPlan(name, 3, 4, subnet)).hasMessageContaining("--managers");
        assertThatThrownBy(() -> new LabPlan(name, 3, 0, subnet)).hasMessageContaining("--managers");
        assertThatThrownBy(() -> new LabPlan(name, 0, 1, subnet)).hasMessageContaining("at least 1 node");
        assertThatThrownBy(() -> new LabPlan(name, 6, 1, LabSubnet.parse("10.0.0.0/29")))
                .hasMessageContaining("do not fit");
    }

    @Test
    void withoutRootTheLabSaysPlainlyWhatItNeedsAndWhy() {
        assertThat(RootCheck.problem(1000)).contains("swarmnet lab needs root: it creates network namespaces and "
                + "TAP devices; run it with sudo");
        assertThat(RootCheck.problem(0)).isEmpty();
        assertThat(RootCheck.problem(-1)).as("an unknown user is not root").isPresent();
    }
}
