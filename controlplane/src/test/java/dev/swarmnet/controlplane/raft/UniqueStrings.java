package dev.swarmnet.controlplane.raft;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A trivial {@link ReplicatedStateMachine} for the store's tests: an append-only list of unique
 * strings with the leader time of each append. Appending a string that is already there
 * changes nothing, so a client may retry a write with the same string (its request id).
 *
 * <p>Commands are the UTF-8 string itself ({@code [A-Za-z0-9-]+}); results are
 * {@code ok:<position>}, {@code dup:<position>} or {@code error:<why>}. Queries: {@code all}
 * gives the strings joined by commas. Snapshots are {@code {"version":1,"values":[...],
 * "times":[...]}}. Methods are synchronized only so that tests can inspect an instance that a
 * running store owns.
 */
final class UniqueStrings implements ReplicatedStateMachine {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9-]+");
    private static final Pattern SNAPSHOT = Pattern.compile(
            "\\{\"version\":1,\"values\":\\[(.*)],\"times\":\\[(.*)]}");

    private final List<String> values = new ArrayList<>();
    private final List<Long> times = new ArrayList<>();
    private final Map<String, Integer> positions = new HashMap<>();
    private long lastIndex;
    private int applies;
    private int restores;
    private String violation;

    @Override
    public synchronized byte[] apply(byte[] command, long index, long timestampMillis) {
        applies++;
        if (index <= lastIndex && violation == null) {
            violation = "index " + index + " applied after " + lastIndex;
        }
        lastIndex = index;
        final String value = new String(command, StandardCharsets.UTF_8);
        if (!VALID.matcher(value).matches()) {
            return utf8("error:invalid");
        }
        final Integer known = positions.get(value);
        if (known != null) {
            return utf8("dup:" + known);
        }
        positions.put(value, values.size());
        values.add(value);
        times.add(timestampMillis);
        return utf8("ok:" + (values.size() - 1));
    }

    @Override
    public synchronized byte[] query(byte[] request) {
        final String q = new String(request, StandardCharsets.UTF_8);
        if (q.equals("all")) {
            return utf8(String.join(",", values));
        }
        return utf8("error:unknown query " + q);
    }

    @Override
    public synchronized byte[] snapshot() {
        final StringBuilder json = new StringBuilder("{\"version\":1,\"values\":[");
        for (int i = 0; i < values.size(); i++) {
            json.append(i == 0 ? "" : ",").append('"').append(values.get(i)).append('"');
        }
        json.append("],\"times\":[");
        for (int i = 0; i < times.size(); i++) {
            json.append(i == 0 ? "" : ",").append(times.get(i));
        }
        return utf8(json.append("]}").toString());
    }

    @Override
    public synchronized void restore(byte[] snapshot) {
        final Matcher m = SNAPSHOT.matcher(new String(snapshot, StandardCharsets.UTF_8));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a version-1 snapshot");
        }
        values.clear();
        times.clear();
        positions.clear();
        for (String quoted : split(m.group(1))) {
            final String value = quoted.substring(1, quoted.length() - 1);
            positions.put(value, values.size());
            values.add(value);
        }
        for (String time : split(m.group(2))) {
            times.add(Long.parseLong(time));
        }
        restores++;
    }

    synchronized List<String> values() {
        return List.copyOf(values);
    }

    synchronized List<Long> times() {
        return List.copyOf(times);
    }

    /** Commands applied since this instance was created (a restore does not count). */
    synchronized int applies() {
        return applies;
    }

    synchronized int restores() {
        return restores;
    }

    /** The first broken promise of the shell (indexes not increasing), or null. */
    synchronized String violation() {
        return violation;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static List<String> split(String list) {
        return list.isEmpty() ? List.of() : List.of(list.split(","));
    }
}
