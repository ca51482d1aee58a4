package dev.swarmnet.controlplane.ingress;

import java.util.Objects;

/**
 * The current route of one published port and its chooser, swapped as assignments arrive: the
 * chooser is kept (open-flow counts, affinities) while the algorithm and affinity stay the same.
 * Thread: written by the controller's thread, read by event loops (volatile pair).
 */
final class RouteHolder {
    private record Current(MeshRoute route, BackendChooser chooser) {
    }

    private volatile Current current;

    RouteHolder(MeshRoute route) {
        current = new Current(route, new BackendChooser(route.algorithm(), route.affinityNanos(), route.backends()));
    }

    MeshRoute route() {
        return current.route;
    }

    BackendChooser chooser() {
        return current.chooser;
    }

    void update(MeshRoute route) {
        Objects.requireNonNull(route, "route");
        Current was = current;
        if (was.chooser.algorithm() == route.algorithm() && was.chooser.affinityNanos() == route.affinityNanos()) {
            was.chooser.update(route.backends());
            current = new Current(route, was.chooser);
        } else {
            current = new Current(route, new BackendChooser(route.algorithm(), route.affinityNanos(), route.backends()));
        }
    }
}
