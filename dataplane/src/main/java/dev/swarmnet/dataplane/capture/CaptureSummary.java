package dev.swarmnet.dataplane.capture;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What a stopped capture did.
 *
 * @param framesWritten records in the file
 * @param framesLost frames the filter selected that are not in the file: the ring was full, or
 *     writing had failed
 * @param failure the first error writing the file, or null when the file is complete
 */
public record CaptureSummary(Path file, CaptureFilter filter, long framesWritten, long framesLost,
                             IOException failure) {
    public boolean failed() {
        return failure != null;
    }

    @Override
    public String toString() {
        return "capture " + filter + " to " + file + ": " + framesWritten + " frames written, " + framesLost + " lost"
                + (failure == null ? "" : ", failed: " + failure.getMessage());
    }
}
