package dev.swarmnet.controlplane.daemon;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A {@code swarmnet daemon} with its metrics endpoint on, for tests that run daemons as processes
 * in namespaces: {@code dataDir socket hostname taskPrefix metricsIp metricsPort}. Runs until killed.
 */
final class MetricsDaemonMain {
    private MetricsDaemonMain() {
    }

    public static void main(String[] args) throws Exception {
        DaemonConfig config = new DaemonConfigFile.Settings(Path.of(args[0]), Path.of(args[1]), "none", null, null,
                args[2], args[3], null).toConfig()
                .withMetricsListen(new InetSocketAddress(args[4], Integer.parseInt(args[5])));
        Daemon daemon = Daemon.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                daemon.close();
            } catch (Exception e) {
                System.err.println("while stopping: " + e);
            }
        }));
        new CountDownLatch(1).await();
    }
}
