package dev.swarmnet.controlplane.metrics;

import java.util.HashMap;
import java.util.Map;

/**
 * Sums of member counters per group that never go down when a member leaves: a network's
 * traffic is the sum of its ports', a service's the sum of its backends', and a port or backend
 * that goes away keeps its last-seen contribution in its group's base. Traffic a member had
 * between the last scrape and its departure is lost; nothing is counted twice. Thread: the
 * scrape thread.
 */
final class MonotonicSums {
    /** Member key → group and last-seen value. */
    private final Map<String, Member> members = new HashMap<>();
    /** Group → contributions of members that left. */
    private final Map<String, Long> bases = new HashMap<>();

    private record Member(String group, long value) {
    }

    /**
     * Takes this scrape's member values ({@code member key → value}, each member in {@code groups})
     * and returns each group's total, including groups whose members all left.
     */
    Map<String, Long> update(Map<String, Long> values, Map<String, String> groups) {
        for (Map.Entry<String, Member> entry : members.entrySet()) {
            String key = entry.getKey();
            Member before = entry.getValue();
            Long now = values.get(key);
            boolean left = now == null || !before.group().equals(groups.get(key)) || now < before.value();
            if (left) {
                bases.merge(before.group(), before.value(), Long::sum);
            }
        }
        members.clear();
        Map<String, Long> totals = new HashMap<>(bases);
        values.forEach((key, value) -> {
            String group = groups.get(key);
            members.put(key, new Member(group, value));
            totals.merge(group, value, Long::sum);
        });
        return totals;
    }
}
