package dev.swarmnet.controlplane.cli;

import dev.swarmnet.controlplane.standalone.StandaloneDataPlane;
import dev.swarmnet.dataplane.capture.CaptureFilter;
import dev.swarmnet.dataplane.programfile.EndpointSpec;
import dev.swarmnet.dataplane.programfile.ProgramSpec;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/**
 * The value of {@code swarmnet dataplane --capture FILTER=PATH}: a {@link CaptureFilter}
 * ({@code port=N}, {@code network=VNI}, {@code underlay}, {@code all}, optionally {@code ,rx} or
 * {@code ,tx}) or {@code ns=NAME[,rx|,tx]}, the local endpoint in namespace NAME, and the file.
 *
 * <p>The value is split at the first {@code =} after which the left side is a whole filter, so
 * the path may itself contain {@code =}. A namespace is turned into its port number once the
 * program is read ({@link #resolve}): ports are numbered 0, 1, 2, ... in the order the program
 * file lists its local endpoints.
 *
 * @param filter the filter, or null when the port is named by {@code namespace}
 * @param namespace the endpoint's namespace, or null
 * @param direction the direction that goes with {@code namespace}
 */
record PortCaptureOption(CaptureFilter filter, String namespace, CaptureFilter.Direction direction, Path file) {
    static final String SYNTAX = "expected FILTER=PATH, FILTER being port=N, network=VNI, underlay, all or ns=NAME, "
            + "optionally followed by ,rx or ,tx (e.g. port=0=/tmp/port0.pcap)";
    private static final String NAMESPACE_KEY = "ns=";

    /** The capture filter, resolving {@code ns=NAME} to the port of the program's one local endpoint there. */
    CaptureFilter resolve(ProgramSpec program) {
        if (filter != null) {
            return filter;
        }
        List<EndpointSpec> local = program.localEndpoints();
        List<Integer> ports = new ArrayList<>();
        for (int id = 0; id < local.size(); id++) {
            if (namespace.equals(local.get(id).namespace())) {
                ports.add(id);
            }
        }
        if (ports.size() != 1) {
            throw new IllegalArgumentException("--capture ns=" + namespace + ": " + (ports.isEmpty()
                    ? "no local endpoint of " + program.file() + " is in namespace " + namespace
                    : "namespace " + namespace + " holds " + ports.size() + " local endpoints (ports " + ports
                            + "); name one with port=N")
                    + "; ports: " + StandaloneDataPlane.portNumbering(program));
        }
        return CaptureFilter.port(ports.get(0)).direction(direction);
    }

    static PortCaptureOption parse(String value) {
        if (value.regionMatches(true, 0, NAMESPACE_KEY, 0, NAMESPACE_KEY.length())) {
            return parseNamespace(value);
        }
        IllegalArgumentException last = null;
        for (int eq = value.indexOf('='); eq >= 0; eq = value.indexOf('=', eq + 1)) {
            CaptureFilter filter;
            try {
                filter = CaptureFilter.parse(value.substring(0, eq));
            } catch (IllegalArgumentException e) {
                last = e;
                continue;
            }
            return new PortCaptureOption(filter, null, filter.direction(), path(value, value.substring(eq + 1)));
        }
        if (isFilter(value)) {
            throw new IllegalArgumentException("'" + value + "': no file; " + SYNTAX);
        }
        throw new IllegalArgumentException("'" + value + "': " + (last == null ? "" : last.getMessage() + "; ") + SYNTAX);
    }

    private static boolean isFilter(String value) {
        try {
            CaptureFilter.parse(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static PortCaptureOption parseNamespace(String value) {
        int eq = value.indexOf('=', NAMESPACE_KEY.length());
        if (eq < 0) {
            throw new IllegalArgumentException("'" + value + "': no file; " + SYNTAX);
        }
        String[] terms = value.substring(NAMESPACE_KEY.length(), eq).split(",", -1);
        if (terms.length > 2 || terms[0].isBlank()) {
            throw new IllegalArgumentException("'" + value + "': " + SYNTAX);
        }
        CaptureFilter.Direction direction = CaptureFilter.Direction.BOTH;
        if (terms.length == 2) {
            try {
                direction = CaptureFilter.Direction.valueOf(terms[1].trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + value + "': unknown direction '" + terms[1]
                        + "': expected rx, tx or both");
            }
        }
        return new PortCaptureOption(null, terms[0].trim(), direction, path(value, value.substring(eq + 1)));
    }

    private static Path path(String value, String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("'" + value + "': no file; " + SYNTAX);
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("'" + value + "': " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return (filter != null ? filter.toString()
                : "ns=" + namespace + (direction == CaptureFilter.Direction.BOTH ? ""
                        : "," + direction.name().toLowerCase(Locale.ROOT))) + "=" + file;
    }

    /** Picocli's door: a bad value is a usage error naming the option. */
    static final class Converter implements CommandLine.ITypeConverter<PortCaptureOption> {
        @Override
        public PortCaptureOption convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
