package dev.swarmnet.controlplane.runtime;

import java.io.IOException;

/**
 * The agent's hook into its data plane: {@link TaskSupervisor} hands it each TAP of a prepared
 * task before starting the process, and takes it back before removing the task. What the data
 * plane should do with the task's address (backends, DNS) is the agent's business. Called on the
 * supervisor's edge threads, one call at a time per task.
 */
public interface PortAttacher {

    /**
     * Attaches a task's TAP to the data plane ({@code DataPlane.attachPort(id, port.fd(), port.vnetHeader())}).
     *
     * @return the port id, given back to {@link #detach}
     */
    int attach(String taskId, TapPort port) throws IOException;

    /** Detaches the port (before its fd is closed). */
    void detach(int portId) throws IOException;
}
