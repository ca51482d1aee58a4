/**
 * A data plane run from a static program file, without a control plane
 * ({@code swarmnet dataplane --program FILE}).
 *
 * <p>Design note. {@link dev.swarmnet.controlplane.standalone.StandaloneDataPlane} is what the
 * agent will later be for a cluster node, reduced to one fixed program: it turns the program's
 * local endpoints into TAP devices in their namespaces, starts the
 * {@link dev.swarmnet.dataplane.io.DataPlane} on the node's underlay address, attaches the TAPs
 * as ports numbered in file order, and publishes the compiled program through the data plane's
 * one door. Parsing and validation happen before it starts (in
 * {@code dev.swarmnet.dataplane.programfile}), and the program is compiled again before the
 * first namespace is touched, so a broken file creates nothing.
 *
 * <p>The host side (namespaces, TAPs, addresses, routes) sits behind
 * {@link dev.swarmnet.controlplane.standalone.PortFactory}, so that the runner's ordering and
 * its undo-on-failure are tested without privileges. The runner remembers exactly which
 * namespaces it created and deletes those, and only those, when it stops or fails half-way. A TAP
 * descriptor belongs to the runner until it is attached, and to the data plane afterwards, which
 * closes it (destroying the device) when it stops.
 *
 * <p>Threads: one caller thread starts and stops the runner; a shutdown hook may stop it too.
 */
package dev.swarmnet.controlplane.standalone;
