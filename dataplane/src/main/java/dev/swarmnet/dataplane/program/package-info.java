/**
 * The program: everything the data plane needs to know, as one immutable snapshot.
 *
 * <p>Design note. The control plane describes the node's view of the cluster with plain records
 * ({@link dev.swarmnet.dataplane.program.Network}, {@link dev.swarmnet.dataplane.program.Endpoint},
 * {@link dev.swarmnet.dataplane.program.VirtualService}, {@link dev.swarmnet.dataplane.program.Backend})
 * and compiles them, off the packet thread, into a {@link dev.swarmnet.dataplane.program.Program}:
 * primitive-keyed hash tables (Agrona) for the forwarding table, the ARP table and the VIP table,
 * flat arrays per port, and a precomputed Maglev ring per service. Compilation validates
 * everything (duplicate MACs, endpoints outside any network, backends nobody can reach) and
 * fails with a message that names the offending entry; a program that compiled is internally
 * consistent, so the packet path never checks it again.
 *
 * <p>Publication goes through one door, {@link dev.swarmnet.dataplane.program.ProgramDoor}: the
 * control plane offers a new program; each event loop picks it up between frames, so a frame is
 * processed entirely under one snapshot. Keys pack a network index (the program's own dense
 * numbering of VNIs, at most 65,536 networks) with a MAC or an IPv4 address into one {@code long}.
 *
 * <p>Each network may carry a {@link dev.swarmnet.dataplane.program.DnsTable}: the names its
 * tasks resolve, precomputed by the control plane in lower-case wire form and indexed by the
 * wire codec's name hash (open addressing over {@code long[]}/{@code int[]}), so a query costs
 * one hash, a probe and a byte comparison. A task resolves only its own network's table: the
 * port a query arrives on selects it.
 */
package dev.swarmnet.dataplane.program;
