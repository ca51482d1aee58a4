/**
 * The program file: a node's data-plane program written by hand, in YAML or JSON, for
 * {@code swarmnet dataplane --program FILE}.
 *
 * <p>Design note. A file goes through three steps, and nothing outside this package happens
 * until all three have passed, so a broken file is never half applied:
 * <ol>
 *   <li><b>Compose.</b> snakeyaml-engine composes the text into a node tree (YAML 1.2, of which
 *       JSON is a subset, so one parser serves both and every node carries its line).</li>
 *   <li><b>Read.</b> {@link dev.swarmnet.dataplane.programfile.SpecReader} walks the tree against
 *       the schema below: unknown or repeated keys, missing keys, wrong types and malformed values
 *       (addresses, subnets, MACs, durations, choices) are problems, and so are references only the
 *       file can check (an endpoint's network, one interface name twice in a namespace, an endpoint
 *       that is both local and remote). Reading goes on after a problem, so one run reports all of
 *       them.</li>
 *   <li><b>Compile.</b> {@link dev.swarmnet.dataplane.programfile.ProgramSpec#compile} builds a
 *       {@link dev.swarmnet.dataplane.program.Program} and lets it validate itself (VNIs used twice,
 *       addresses outside their subnet or used twice, VIPs that clash, backends that are not
 *       endpoints). Its message names the entry; {@code ProgramCompiler} finds which entry it was,
 *       reports it at that entry's line, and goes on with the others.</li>
 * </ol>
 * Problems come in two rounds: the file's shape first, then, once the shape is right, the
 * program's consistency (a broken entry would make the second round guess). Each problem reads
 * {@code FILE:LINE: KEY: MESSAGE}, for example
 * {@code program.yaml:12: services[0].algorithm: 'fastest' is not one of round-robin, least-conn, maglev};
 * all of them travel in one {@link dev.swarmnet.dataplane.programfile.ProgramFileException}.
 *
 * <p>Schema (the commented example {@code example-program.yaml} next to this package's
 * resources shows every key):
 * <pre>
 * node:      {underlay: A.B.C.D[:PORT]}                       required
 * networks:  - {name, vni 1..16777215, subnet A.B.C.D/8..30,    required
 *               gateway (default .1), mtu 576..9000 (default 1450)}
 * endpoints: - {network, address, mac (default 02:42+address),
 *               namespace, interface (default eth0)}           local: a TAP in that namespace
 *            - {network, address, mac, node A.B.C.D}           remote: behind that node's VTEP
 * services:  - {name, network, vip,
 *               algorithm round-robin|least-conn|maglev (default round-robin),
 *               affinity DURATION (default 0s),
 *               ports: [{port, target (default port), protocol tcp|udp (default tcp)}],
 *               backends: [{address, weight 1..65535 (default 1), state active|draining|down}]}
 * </pre>
 * A service compiles to one {@link dev.swarmnet.dataplane.program.VirtualService} per port; its
 * backends listen on that port's target. Local endpoints become data-plane ports numbered by the
 * caller ({@link dev.swarmnet.dataplane.programfile.ProgramSpec#densePortIds()} numbers them in
 * file order).
 *
 * <p>Threads: everything here is plain Java run by whoever loads the file, off the packet path.
 */
package dev.swarmnet.dataplane.programfile;
