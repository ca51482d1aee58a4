package dev.swarmnet.controlplane.cli;

import dev.swarmnet.controlplane.standalone.PortFactory;
import dev.swarmnet.controlplane.standalone.StandaloneDataPlane;
import dev.swarmnet.dataplane.capture.CaptureFilter;
import dev.swarmnet.dataplane.capture.CaptureSession;
import dev.swarmnet.dataplane.capture.CaptureSummary;
import dev.swarmnet.dataplane.io.DataPlaneConfig;
import dev.swarmnet.dataplane.io.Transport;
import dev.swarmnet.dataplane.programfile.ProgramFile;
import dev.swarmnet.dataplane.programfile.ProgramFileException;
import dev.swarmnet.dataplane.programfile.ProgramSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code swarmnet dataplane --program FILE}: runs the data plane from a static program until
 * SIGINT or SIGTERM. Thin: the file is read by {@link ProgramFile}, the data plane run by
 * {@link StandaloneDataPlane}. Runs on the main thread.
 */
@Command(name = "dataplane", mixinStandardHelpOptions = true,
        description = {"Runs the data plane from a static program file (YAML or JSON).",
            "Stops on SIGINT or SIGTERM and removes the TAPs and namespaces it created."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped by SIGINT or SIGTERM, everything it created removed (or --check passed)",
            "1:this host cannot run it, or creating a namespace, TAP or socket failed (nothing left behind)",
            "2:bad command line or program file (nothing created)"})
final class DataplaneCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(DataplaneCommand.class);
    static final int CANNOT_RUN = 1;
    static final int BAD_PROGRAM = 2;

    private final PortFactory ports;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--program", required = true, paramLabel = "FILE", description = "the program (YAML or JSON)")
    private Path program;

    @Option(names = "--underlay-port", paramLabel = "N",
            description = "UDP port of the VXLAN underlay, here and on every peer (default: the file's, else 4789)")
    private int underlayPort;

    @Option(names = "--conntrack-capacity", paramLabel = "N", description = "most VIP flows tracked at once "
            + "(default: ${DEFAULT-VALUE})")
    private int conntrackCapacity = DataPlaneConfig.defaults().conntrackCapacity();

    @Option(names = "--netns", paramLabel = "NAME",
            description = "create the VXLAN underlay socket inside network namespace NAME (default: this process's)")
    private String netns;

    @Option(names = "--offloads", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "TAPs with checksum and TCP segmentation offloads (default: ${DEFAULT-VALUE}); "
                    + "--no-offloads gives plain frames")
    private boolean offloads;

    @Option(names = "--capture", paramLabel = "FILTER=PATH", converter = PortCaptureOption.Converter.class,
            description = {"capture what the data plane sees to a pcap file while it runs. FILTER: port=N, network=VNI, "
                + "underlay, all, or ns=NAME (the local endpoint in namespace NAME), optionally followed by ,rx or ,tx. "
                + "Ports are numbered 0, 1, 2, ... in the order the program lists local endpoints; the startup log "
                + "line shows them. E.g. --capture port=0=/tmp/port0.pcap, --capture underlay,rx=/tmp/u.pcap"})
    private PortCaptureOption capture;

    @Option(names = "--transport", paramLabel = "epoll|io_uring|nio", defaultValue = "epoll",
            description = "the data plane's Netty transport (default: ${DEFAULT-VALUE}); io_uring falls back to epoll "
                    + "where it cannot load (e.g. a seccomp profile forbids it), and nio hosts no TAP")
    private String transport;

    @Option(names = "--check", description = "only read and validate the program, print its summary, and exit")
    private boolean check;

    DataplaneCommand(PortFactory ports) {
        this.ports = ports;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (underlayPort < 0 || underlayPort > 0xffff) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--underlay-port " + underlayPort + " is outside 1..65535");
        }
        if (conntrackCapacity < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--conntrack-capacity " + conntrackCapacity + " must be at least 1");
        }
        Transport chosenTransport;
        try {
            chosenTransport = Transport.parse(transport);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--transport: " + e.getMessage());
        }
        ProgramSpec loaded;
        try {
            loaded = ProgramFile.load(program);
        } catch (ProgramFileException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return BAD_PROGRAM;
        }
        CaptureFilter captureFilter = null;
        if (capture != null) {
            try {
                captureFilter = capture.resolve(loaded);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        if (check) {
            spec.commandLine().getOut().printf("%s: OK: %d network(s), %d endpoint(s) (%d local), %d service(s)%n",
                    program, loaded.networks().size(), loaded.endpoints().size(), loaded.localEndpoints().size(),
                    loaded.services().size());
            return 0;
        }
        return run(loaded, captureFilter, chosenTransport);
    }

    private int run(ProgramSpec loaded, CaptureFilter captureFilter, Transport chosenTransport)
            throws InterruptedException {
        StandaloneDataPlane running;
        try {
            running = StandaloneDataPlane.start(loaded,
                    DataPlaneConfig.defaults().withConntrackCapacity(conntrackCapacity).withTapOffloads(offloads)
                            .withTransport(chosenTransport), underlayPort, netns, ports);
        } catch (IllegalStateException | IOException e) {
            spec.commandLine().getErr().println("swarmnet dataplane: " + e.getMessage());
            return CANNOT_RUN;
        } catch (ProgramFileException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return BAD_PROGRAM;
        }
        CaptureSession session;
        try {
            session = captureFilter == null ? null : running.dataPlane().capture(captureFilter, capture.file());
        } catch (IllegalStateException | IOException e) {
            running.close();
            spec.commandLine().getErr().println("swarmnet dataplane: cannot capture " + capture + ": " + e.getMessage());
            return CANNOT_RUN;
        }
        if (session != null) {
            LOG.info("capturing {} to {}", session.filter(), session.file());
        }
        Runnable shutdown = () -> {
            if (session != null) {
                CaptureSummary summary = session.stop();
                if (summary.failed()) {
                    LOG.warn("{}", summary);
                } else {
                    LOG.info("{}", summary);
                }
            }
            running.close();
        };
        StopSignals.runUntilStopped(shutdown);
        return 0;
    }
}
