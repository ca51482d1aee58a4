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
 *
 * <p>Networks and services. {@code NetworkTable}, {@code ServiceTable}, {@code TaskTable} and
 * {@code ServicePrettyText} are {@code network ls}, {@code service ls}, {@code service ps} and
 * {@code service inspect --pretty}; names (services, nodes, networks) and the clock are passed
 * in. {@code ServiceSpecs} builds the create body and applies {@code update}/{@code scale} edits
 * to a copy of the spec the daemon returned, leaving unknown fields alone, in the Go client's
 * field order ({@code ServiceFlags} holds the flags, {@code PortSpec} reads {@code --publish},
 * {@code GoDuration} reads and prints Go durations). {@code ConvergenceMonitor} is docker's
 * service progress logic, fed one pass at a time with the time passed in; it reports to a
 * {@code ProgressSink}, and {@code ProgressPrinter} renders like docker's jsonmessage: on a pipe
 * only the {@code overall progress} and {@code verify} lines (any message with a bar is dropped),
 * on a terminal one line per slot redrawn in place. {@code LogFrames} splits the multiplexed log
 * stream and {@code LogLineFormatter} adds {@code web.1.<task>@<node>    | }; for
 * {@code --follow}, {@code StreamingGet} reads the body on a second connection as it arrives,
 * since {@code ApiClient} reads whole responses.
 * Everything here runs on the CLI's main thread.
 */
package dev.swarmnet.controlplane.cli.client;
