package dev.swarmnet.controlplane.runtime;

/**
 * A task's TAP ready to be attached to the data plane: {@code DataPlane.attachPort(id, fd, vnetHeader)}.
 *
 * @param index      the attachment's index in {@link TaskLaunch#attachments()}
 * @param fd         the TAP's frame fd ({@code O_NONBLOCK | O_CLOEXEC}); the runtime closes it in
 *                   {@link TaskRuntime#remove}, so detach it from the data plane first
 * @param vnetHeader whether frames carry the 12-byte virtio-net header
 */
public record TapPort(int index, int fd, boolean vnetHeader) {
}
