package dev.swarmnet.dataplane.programfile;

/**
 * One backend of a {@link ServiceSpec}: an endpoint address of the service's network.
 *
 * @param weight 1..65535
 * @param state a {@link dev.swarmnet.dataplane.lb.BackendState} constant
 */
public record BackendSpec(int address, int weight, int state, int line) {
}
