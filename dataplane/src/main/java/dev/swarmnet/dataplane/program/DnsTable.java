package dev.swarmnet.dataplane.program;

import dev.swarmnet.dataplane.wire.dns.DnsNameHash;
import dev.swarmnet.dataplane.wire.dns.DnsNames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The names one overlay network resolves, precomputed by the control plane: A records (a
 * service's VIP, or its running tasks' addresses, possibly rotated per answer), PTR records
 * (reverse names of VIPs and task addresses), and the zones this table is authoritative for
 * (single-label names and names under the network's own name), outside which queries are
 * forwarded to the host's resolvers.
 *
 * <p>Immutable; built off the event loop by {@link Builder}, probed per packet without allocating:
 * the caller copies the question name lower-cased into a scratch array, hashes it with {@link
 * #hash}, and calls {@link #find}; the open-addressing index holds the {@link DnsNameHash} of each
 * name and the probe confirms a hit by comparing bytes.
 */
public final class DnsTable {
    /**
     * TTL of every answer, in seconds. One second: resolvers that cache (musl does not, glibc
     * without nscd does not, but Go and Java do) forget a removed task within a second of the
     * program that no longer lists it.
     */
    public static final int TTL_SECONDS = 1;

    /** A table that knows no name and claims no zone. */
    public static final DnsTable EMPTY = new Builder().build();

    private static final byte[] IN_ADDR_ARPA = DnsNames.encode("in-addr.arpa");

    private final long[] keys;
    private final int[] slots;
    private final int mask;
    private final byte[][] names;
    private final int[][] addresses;
    private final boolean[] rotate;
    private final byte[][] pointers;
    private final byte[][] zones;

    private DnsTable(List<byte[]> names, List<int[]> addresses, List<Boolean> rotate, List<byte[]> pointers,
                     List<byte[]> zones) {
        int n = names.size();
        int capacity = Integer.highestOneBit(Math.max(8, n * 2 - 1)) << 1;
        keys = new long[capacity];
        slots = new int[capacity];
        mask = capacity - 1;
        Arrays.fill(slots, -1);
        this.names = names.toArray(new byte[0][]);
        this.addresses = addresses.toArray(new int[0][]);
        this.rotate = new boolean[n];
        this.pointers = pointers.toArray(new byte[0][]);
        this.zones = zones.toArray(new byte[0][]);
        for (int i = 0; i < n; i++) {
            this.rotate[i] = rotate.get(i);
            long hash = DnsNames.hash(this.names[i]);
            int slot = (int) hash & mask;
            while (slots[slot] >= 0) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = hash;
            slots[slot] = i;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The {@link DnsNameHash} of {@code name[0, length)}, an uncompressed wire name. Allocation-free. */
    public static long hash(byte[] name, int length) {
        long hash = DnsNameHash.SEED;
        for (int i = 0; i < length; i++) {
            hash = DnsNameHash.step(hash, name[i]);
        }
        return DnsNameHash.finish(hash);
    }

    /**
     * The entry of the lower-case wire name {@code name[0, length)} whose hash is {@code hash}, or
     * -1 when the table does not hold it.
     */
    public int find(byte[] name, int length, long hash) {
        int slot = (int) hash & mask;
        while (true) {
            int entry = slots[slot];
            if (entry < 0) {
                return -1;
            }
            if (keys[slot] == hash) {
                byte[] candidate = names[entry];
                if (candidate.length == length && Arrays.equals(candidate, 0, length, name, 0, length)) {
                    return entry;
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    /** The IPv4 addresses an entry answers with (empty for a PTR-only entry). Do not modify. */
    public int[] addresses(int entry) {
        return addresses[entry];
    }

    /** Whether the entry's addresses are rotated per answer (dnsrr services, {@code tasks.} names). */
    public boolean rotates(int entry) {
        return rotate[entry];
    }

    /** The wire name a PTR entry points at, or null. Do not modify. */
    public byte[] pointer(int entry) {
        return pointers[entry];
    }

    /** Number of names. */
    public int size() {
        return names.length;
    }

    /**
     * Whether the lower-case wire name {@code name[0, length)} lies in a zone this table answers
     * for, so that an unknown name there is NXDOMAIN rather than forwarded: any single-label name
     * and any name under one of the table's zones.
     */
    public boolean inZone(byte[] name, int length) {
        if (length < 2) {
            return false; // the root
        }
        int first = name[0] & 0xff;
        if (1 + first < length && name[1 + first] == 0) {
            return true;
        }
        for (byte[] zone : zones) {
            int position = 0;
            while (position < length && name[position] != 0) {
                if (length - position == zone.length
                        && Arrays.equals(name, position, length, zone, 0, zone.length)) {
                    return true;
                }
                position += 1 + (name[position] & 0xff);
            }
        }
        return false;
    }

    /**
     * The IPv4 address (host order) a reverse name {@code d.c.b.a.in-addr.arpa} stands for, or -1
     * when {@code name[0, length)} is not exactly such a name. Allocation-free.
     */
    public static long reverseAddress(byte[] name, int length) {
        if (length != reverseLength(name, length)) {
            return -1;
        }
        long address = 0;
        int position = 0;
        for (int octet = 0; octet < 4; octet++) {
            int labelLength = name[position] & 0xff;
            if (labelLength < 1 || labelLength > 3 || (labelLength > 1 && name[position + 1] == '0')) {
                return -1;
            }
            int value = 0;
            for (int i = 1; i <= labelLength; i++) {
                int c = name[position + i];
                if (c < '0' || c > '9') {
                    return -1;
                }
                value = value * 10 + (c - '0');
            }
            if (value > 255) {
                return -1;
            }
            address |= (long) value << (8 * octet);
            position += 1 + labelLength;
        }
        return address;
    }

    /** The length the name would have if its fifth label started the in-addr.arpa suffix, else -1. */
    private static int reverseLength(byte[] name, int length) {
        int position = 0;
        for (int octet = 0; octet < 4; octet++) {
            if (position >= length) {
                return -1;
            }
            position += 1 + (name[position] & 0xff);
        }
        if (position + IN_ADDR_ARPA.length != length
                || !Arrays.equals(name, position, length, IN_ADDR_ARPA, 0, IN_ADDR_ARPA.length)) {
            return -1;
        }
        return length;
    }

    /**
     * Collects names for one network. Dotted names are case-insensitive and may end with a dot.
     * Adding addresses to a name already added appends them (duplicates ignored); a second PTR for
     * the same address is ignored, so the first one added wins. Not thread-safe; off the loop.
     */
    public static final class Builder {
        private final Map<String, List<Integer>> addresses = new LinkedHashMap<>();
        private final Map<String, Boolean> rotate = new LinkedHashMap<>();
        private final Map<Integer, String> pointers = new LinkedHashMap<>();
        private final List<String> zones = new ArrayList<>();

        /** {@code name} answers with {@code address} (host order), rotated per answer when {@code rotates}. */
        public Builder address(String name, int address, boolean rotates) {
            String key = key(name);
            List<Integer> list = addresses.computeIfAbsent(key, k -> new ArrayList<>());
            if (!list.contains(address)) {
                list.add(address);
            }
            rotate.merge(key, rotates, Boolean::logicalOr);
            return this;
        }

        /** {@code name} is known but has no address now (a service without running tasks): NOERROR, no answer. */
        public Builder known(String name) {
            String key = key(name);
            addresses.computeIfAbsent(key, k -> new ArrayList<>());
            rotate.putIfAbsent(key, false);
            return this;
        }

        /** The reverse name of {@code address} points at {@code name}. */
        public Builder pointer(int address, String name) {
            DnsNames.encode(name);
            pointers.putIfAbsent(address, key(name));
            return this;
        }

        /** Unknown names under {@code zone} (and {@code zone} itself) get NXDOMAIN instead of being forwarded. */
        public Builder zone(String zone) {
            String key = key(zone);
            if (!zones.contains(key)) {
                zones.add(key);
            }
            return this;
        }

        /** @throws IllegalArgumentException naming a name that is not a valid DNS name */
        public DnsTable build() {
            List<byte[]> names = new ArrayList<>();
            List<int[]> addressLists = new ArrayList<>();
            List<Boolean> rotates = new ArrayList<>();
            List<byte[]> targets = new ArrayList<>();
            Map<String, Integer> index = new LinkedHashMap<>();
            addresses.forEach((name, list) -> {
                index.put(name, names.size());
                names.add(DnsNames.encode(name));
                addressLists.add(list.stream().mapToInt(Integer::intValue).toArray());
                rotates.add(rotate.get(name));
                targets.add(null);
            });
            pointers.forEach((address, target) -> {
                byte[] reverse = DnsNames.reverseName(address);
                String key = key(DnsNames.toDotted(reverse));
                Integer existing = index.get(key);
                if (existing != null) {
                    targets.set(existing, DnsNames.encode(target));
                    return;
                }
                index.put(key, names.size());
                names.add(reverse);
                addressLists.add(new int[0]);
                rotates.add(false);
                targets.add(DnsNames.encode(target));
            });
            List<byte[]> zoneNames = new ArrayList<>();
            for (String zone : zones) {
                zoneNames.add(DnsNames.encode(zone));
            }
            return new DnsTable(names, addressLists, rotates, targets, zoneNames);
        }

        private static String key(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            String key = lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
            DnsNames.encode(key);
            return key;
        }
    }
}
