package dev.swarmnet.dataplane.programfile;

/**
 * One entry of {@code networks:}, with defaults applied (gateway .1, MTU 1450).
 *
 * @param path where the entry is, e.g. {@code networks[0]}
 * @param line the line the entry starts on
 */
public record NetworkSpec(String name, int vni, int subnet, int prefixLength, int gateway, int mtu,
                          String path, int line) {
}
