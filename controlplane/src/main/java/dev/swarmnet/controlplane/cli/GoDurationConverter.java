package dev.swarmnet.controlplane.cli;

import dev.swarmnet.controlplane.cli.client.GoDuration;
import java.time.Duration;
import picocli.CommandLine;

/**
 * Reads a duration flag as Docker's CLI does, with Go's syntax: {@code 10s}, {@code 1m30s},
 * {@code 500ms}, {@code 1.5h} ({@link DurationConverter} reads only one unit).
 */
final class GoDurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return GoDuration.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
