/**
 * The {@code swarmnet} CLI's side of the Docker-compatible API: a small HTTP/1.1 client and the
 * renderers that turn the daemon's JSON into what {@code docker} prints.
 *
 * <p>Design note. {@link dev.swarmnet.controlplane.cli.client.ApiClient} is the only class that
 * touches a socket: one blocking connection (unix socket or loopback TCP, chosen by
 * {@link dev.swarmnet.controlplane.cli.client.DaemonAddress}), a {@code HEAD /_ping} first to
 * negotiate the API version, then {@code /v1.50/...} requests answered one at a time in order;
 * {@link dev.swarmnet.controlplane.cli.client.HttpResponseReader} frames each answer by
 * {@code Content-Length}, chunked encoding or end of stream. A status of 400 or more becomes a
 * {@link dev.swarmnet.controlplane.cli.client.DaemonException} worded as Docker's client words it;
 * failing to reach the daemon becomes a
 * {@link dev.swarmnet.controlplane.cli.client.DaemonUnreachableException}.
 *
 * <p>Bodies stay Jackson trees rather than the server's records: the client prints what the
 * daemon sent, tolerates missing fields as Docker's CLI does, and echoes specs back unchanged
 * apart from the fields a command edits. Rendering is pure and tested without a socket:
 * {@link dev.swarmnet.controlplane.cli.client.TabWriter} is Go's {@code text/tabwriter},
 * {@link dev.swarmnet.controlplane.cli.client.NodeTable} is {@code docker node ls},
 * {@link dev.swarmnet.controlplane.cli.client.GoJson} is Go's indented and compact JSON, and
 * {@link dev.swarmnet.controlplane.cli.client.InfoText} is the server part of {@code docker info}.
 * Everything here runs on the CLI's main thread.
 */
package dev.swarmnet.controlplane.cli.client;
