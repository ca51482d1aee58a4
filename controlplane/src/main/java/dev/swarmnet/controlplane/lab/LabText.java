package dev.swarmnet.controlplane.lab;

import java.util.function.Predicate;

/** The text {@code lab up} and {@code lab ls} print, from a {@link LabState}. Pure. */
public final class LabText {

    private LabText() {
    }

    /** The {@code --name} option to repeat in printed commands, empty for the default lab. */
    static String nameOption(String name) {
        return name.equals(LabCommandDefaults.NAME) ? "" : " --name " + name;
    }

    /** What to type next, after {@code lab up}. */
    public static String nextSteps(LabState state) {
        LabState.Node first = state.nodes().get(0);
        long managers = state.nodes().stream().filter(n -> n.role().equals("manager")).count();
        String nameOption = nameOption(state.name());
        StringBuilder text = new StringBuilder();
        text.append("Lab ").append(state.name()).append(" is up: ").append(state.nodes().size()).append(" nodes (")
                .append(managers).append(managers == 1 ? " manager, " : " managers, ")
                .append(state.nodes().size() - managers).append(" workers) on ").append(state.subnet())
                .append("; this host is ").append(state.hostIp()).append(" on the lab bridge.\n\n");
        text.append("Drive the swarm through ").append(first.name()).append(" (a manager):\n");
        text.append("  export SWARMNET_HOST=unix://").append(first.socket()).append('\n');
        text.append("  swarmnet node ls\n\n");
        text.append("Each node's daemon, for swarmnet or the docker CLI:\n");
        int width = state.nodes().stream().mapToInt(n -> n.name().length()).max().orElse(0);
        for (LabState.Node node : state.nodes()) {
            text.append("  export DOCKER_HOST=unix://").append(node.socket()).append("   # ")
                    .append(pad(node.name(), width)).append(' ').append(pad(node.role(), 7)).append(' ')
                    .append(node.ip()).append('\n');
        }
        text.append('\n');
        String[][] hints = {
            {"swarmnet lab ls" + nameOption, "nodes, IPs, roles, daemons"},
            {"swarmnet lab exec" + nameOption + " " + first.name() + " -- ip -br addr", "run a command on a node"},
            {"swarmnet lab down" + nameOption, "remove the lab"},
        };
        int hintWidth = 0;
        for (String[] hint : hints) {
            hintWidth = Math.max(hintWidth, hint[0].length());
        }
        for (String[] hint : hints) {
            text.append("  ").append(pad(hint[0], hintWidth)).append("   ").append(hint[1]).append('\n');
        }
        text.append("Daemon logs: ").append(state.stateDir()).append("/<node>/daemon.log\n");
        return text.toString();
    }

    /** The {@code lab ls} table: NODE, IP, ROLE, PID, STATE (alive or dead), SOCKET. */
    public static String table(LabState state, Predicate<LabState.Node> alive) {
        int name = Math.max(4, state.nodes().stream().mapToInt(n -> n.name().length()).max().orElse(0));
        int ip = Math.max(2, state.nodes().stream().mapToInt(n -> n.ip().length()).max().orElse(0));
        StringBuilder text = new StringBuilder();
        text.append(pad("NODE", name)).append("   ").append(pad("IP", ip)).append("   ").append(pad("ROLE", 7))
                .append("   ").append(pad("PID", 7)).append("   ").append(pad("STATE", 5)).append("   SOCKET\n");
        for (LabState.Node node : state.nodes()) {
            text.append(pad(node.name(), name)).append("   ").append(pad(node.ip(), ip)).append("   ")
                    .append(pad(node.role(), 7)).append("   ").append(pad(Long.toString(node.pid()), 7)).append("   ")
                    .append(pad(alive.test(node) ? "alive" : "dead", 5)).append("   ").append(node.socket())
                    .append('\n');
        }
        return text.toString();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
