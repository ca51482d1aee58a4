package dev.swarmnet.controlplane.cli;

import dev.swarmnet.controlplane.capture.LinkCapture;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code swarmnet capture --interface IF --file PATH}: captures a link the data plane does not
 * own (the host's underlay NIC, a veth) to a pcap file until a count, a duration, SIGINT or
 * SIGTERM. Thin: {@link LinkCapture} does the work. Runs on the main thread.
 */
@Command(name = "capture", mixinStandardHelpOptions = true,
        description = {"Captures packets on a network interface (libpcap) to a pcap file that tshark and "
                + "Wireshark read.",
            "For the data plane's own ports and underlay use 'swarmnet dataplane --capture'.",
            "Stops after --count packets, after --duration, or on SIGINT or SIGTERM. Needs CAP_NET_RAW "
                + "(and CAP_SYS_ADMIN with --netns)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped by count, duration or signal; the file is complete",
            "1:this host cannot capture (no CAP_NET_RAW, no libpcap), or writing the file failed",
            "2:bad command line: unknown interface or namespace, bad filter, not an Ethernet link"})
final class CaptureCommand implements Callable<Integer> {
    static final int CANNOT_RUN = 1;
    static final int BAD_INPUT = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = {"-i", "--interface"}, required = true, paramLabel = "IF", description = "the link to capture")
    private String interfaceName;

    @Option(names = "--netns", paramLabel = "NAME", description = "the named network namespace (ip netns) holding IF "
            + "(default: this process's)")
    private String netns;

    @Option(names = {"-w", "--file"}, required = true, paramLabel = "PATH", description = "the pcap file to write")
    private Path file;

    @Option(names = {"-c", "--count"}, paramLabel = "N", description = "stop after N packets (default: no limit)")
    private long count;

    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class,
            description = "stop after TIME, e.g. 500ms, 10s, 2m (default: no limit)")
    private Duration duration;

    @Option(names = {"-f", "--filter"}, paramLabel = "BPF", description = "a tcpdump filter, e.g. 'udp port 4789'")
    private String filter;

    @Option(names = {"-s", "--snaplen"}, paramLabel = "BYTES", description = "bytes kept per packet "
            + "(default: ${DEFAULT-VALUE})")
    private int snaplen = LinkCapture.DEFAULT_SNAPLEN;

    @Override
    public Integer call() {
        LinkCapture.Request request;
        try {
            request = new LinkCapture.Request(interfaceName, netns, file, filter, count, duration, snaplen);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        try (LinkCapture capture = LinkCapture.open(request)) {
            StopSignals.install(capture::stop);
            spec.commandLine().getErr().printf("swarmnet capture: listening on %s%s, writing %s%n", request.where(),
                    filter == null ? "" : " (filter '" + filter + "')", file);
            LinkCapture.Summary summary = capture.run();
            spec.commandLine().getOut().println("swarmnet capture: " + summary);
            return 0;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("swarmnet capture: " + e.getMessage());
            return BAD_INPUT;
        } catch (IllegalStateException | IOException e) {
            spec.commandLine().getErr().println("swarmnet capture: " + e.getMessage());
            return CANNOT_RUN;
        }
    }
}
