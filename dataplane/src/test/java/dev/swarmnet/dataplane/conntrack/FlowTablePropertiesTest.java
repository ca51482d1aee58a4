package dev.swarmnet.dataplane.conntrack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.dataplane.testing.Trials;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random operation sequences against a {@link HashMap} model. Times and timeouts are whole
 * ticks, so the wheel's tick rounding never makes the table and the model disagree.
 */
class FlowTablePropertiesTest {

    private static final long S = 1_000_000_000L;
    private static final int CAPACITY = 8;
    private static final int KEYS = 40;
    private static final int VNI = 77;
    private static final int VIP_A = 0x0A0000FE;
    private static final int VIP_B = 0x0A0000FD;
    private static final FlowTimeouts TIMEOUTS = FlowTimeouts.defaults();

    private static final int CREATE = 0;
    private static final int LOOKUP = 1;
    private static final int PACKET = 2;
    private static final int REMOVE = 3;
    private static final int EXPIRE = 4;
    private static final int REMOVE_IF = 5;

    /** One tracked flow of the model. */
    private static final class Model {
        final int key;
        final int vip;
        final int id;
        int word;
        long lastSeen;

        Model(int key, int vip, int id, int word, long lastSeen) {
            this.key = key;
            this.vip = vip;
            this.id = id;
            this.word = word;
            this.lastSeen = lastSeen;
        }
    }

    private static int proto(int key) {
        return key % 2 == 0 ? FlowState.PROTO_TCP : FlowState.PROTO_UDP;
    }

    private static int client(int key) {
        return 0x0A000100 + key / 10;
    }

    private static int clientPort(int key) {
        return 30000 + key % 10;
    }

    private static int backend(int key) {
        return 0x0A000200 + key % 3;
    }

    /**
     * A sequence of 1..300 operations {kind, key, bit, flags, advance}. The clock advance is 0
     * six times in ten, up to 5 s three times in ten and up to 200 s once in ten, so flows both
     * pile up to capacity and time out.
     */
    private static List<int[]> operations(SplittableRandom random) {
        int count = Trials.between(random, 1, 300);
        List<int[]> ops = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int kind = Trials.between(random, CREATE, REMOVE_IF);
            int key = Trials.between(random, 0, KEYS - 1);
            int bit = Trials.between(random, 0, 1);
            int flags = Trials.between(random, 0, 0x1F);
            ops.add(new int[] {kind, key, bit, flags, clockAdvance(random)});
        }
        return ops;
    }

    private static int clockAdvance(SplittableRandom random) {
        int pick = random.nextInt(10);
        int max = pick < 6 ? 0 : pick < 9 ? 5 : 200;
        return Trials.between(random, 0, max);
    }

    /** Up to 64 distinct ports in [0, 999], in random order. */
    private static List<Integer> distinctPorts(SplittableRandom random) {
        int count = Trials.between(random, 0, 64);
        Set<Integer> ports = new LinkedHashSet<>();
        while (ports.size() < count) {
            ports.add(Trials.between(random, 0, 999));
        }
        return new ArrayList<>(ports);
    }

    @Test
    void random_operation_sequences_agree_with_a_map_model_and_never_exceed_capacity() {
        Trials.forAll(200, random -> agreesWithModel(operations(random)));
    }

    private static void agreesWithModel(List<int[]> ops) {
        FlowTable table = new FlowTable(CAPACITY, TIMEOUTS, S, 16);
        Map<Integer, Model> model = new HashMap<>();
        int[] listenerCalls = {0};
        table.setRemovalListener(id -> {
            assertThat(table.contains(id)).isTrue();
            listenerCalls[0]++;
        });
        int modelRemovals = 0;
        long now = 1_000_000 * S;

        for (int[] op : ops) {
            now += op[4] * S;
            int key = op[1];
            Model m = model.get(key);
            switch (op[0]) {
                case CREATE: {
                    int vip = op[2] == 0 ? VIP_A : VIP_B;
                    int id = table.create(VNI, proto(key), client(key), vip, clientPort(key), 80,
                        backend(key), 8080, now);
                    if (m != null) {
                        assertThat(id).isEqualTo(FlowTable.KEY_EXISTS);
                    } else if (model.size() == CAPACITY) {
                        assertThat(id).isEqualTo(FlowTable.TABLE_FULL);
                    } else {
                        assertThat(id).isBetween(0, CAPACITY - 1);
                        table.setTag(id, key);
                        model.put(key, new Model(key, vip, id, FlowStateMachine.initialWord(proto(key)), now));
                    }
                    break;
                }
                case LOOKUP: {
                    int vip = op[2] == 0 ? VIP_A : VIP_B;
                    int orig = table.lookup(VNI, proto(key), client(key), vip, clientPort(key), 80);
                    int reply = table.lookup(VNI, proto(key), backend(key), client(key), 8080, clientPort(key));
                    if (m == null) {
                        assertThat(orig).isEqualTo(FlowTable.NOT_FOUND);
                        assertThat(reply).isEqualTo(FlowTable.NOT_FOUND);
                    } else {
                        assertThat(orig).isEqualTo(m.vip == vip ? m.id << 1 : FlowTable.NOT_FOUND);
                        assertThat(reply).isEqualTo(m.id << 1 | FlowTable.REPLY);
                    }
                    break;
                }
                case PACKET:
                    if (m != null) {
                        table.onPacket(m.id << 1 | op[2], op[3], 100, now);
                        m.word = FlowStateMachine.next(m.word, proto(key), op[2], op[3]);
                        m.lastSeen = now;
                        assertThat(table.state(m.id)).isEqualTo(FlowStateMachine.state(m.word));
                    }
                    break;
                case REMOVE:
                    if (m != null) {
                        table.remove(m.id);
                        model.remove(key);
                        modelRemovals++;
                    }
                    break;
                case EXPIRE: {
                    int expected = 0;
                    for (Integer k : new ArrayList<>(model.keySet())) {
                        Model f = model.get(k);
                        if (now - f.lastSeen > TIMEOUTS.timeoutNs(FlowStateMachine.state(f.word))) {
                            model.remove(k);
                            expected++;
                        }
                    }
                    assertThat(table.expire(now)).isEqualTo(expected);
                    modelRemovals += expected;
                    break;
                }
                case REMOVE_IF: {
                    int modulus = 2 + op[2];
                    int residue = op[3] % modulus;
                    table.removeIf(id -> table.tag(id) % modulus == residue);
                    int before = model.size();
                    model.values().removeIf(f -> f.key % modulus == residue);
                    modelRemovals += before - model.size();
                    break;
                }
                default:
                    throw new AssertionError("unknown op " + op[0]);
            }

            assertThat(table.size()).isEqualTo(model.size()).isLessThanOrEqualTo(CAPACITY);
            for (int k = 0; k < KEYS; k++) {
                Model f = model.get(k);
                int reply = table.lookup(VNI, proto(k), backend(k), client(k), 8080, clientPort(k));
                assertThat(reply != FlowTable.NOT_FOUND).as("key %d present", k).isEqualTo(f != null);
                if (f != null) {
                    assertThat(table.lookup(VNI, proto(k), client(k), f.vip, clientPort(k), 80)).isEqualTo(f.id << 1);
                    assertThat(table.tag(f.id)).isEqualTo(k);
                }
            }
        }
        assertThat(listenerCalls[0]).isEqualTo(modelRemovals);
    }

    @Test
    void remove_if_removes_exactly_the_flows_it_selects() {
        Trials.forAll(200, random -> removesExactlySelected(
            distinctPorts(random), Trials.between(random, 1, 7), Trials.between(random, 0, 6)));
    }

    private static void removesExactlySelected(List<Integer> ports, int modulus, int residueSeed) {
        int residue = residueSeed % modulus;
        FlowTable table = new FlowTable(64, TIMEOUTS);
        for (int port : ports) {
            int id = table.create(VNI, FlowState.PROTO_UDP, 0x0A000001, VIP_A, port, 53, 0x0A000002, 53, 0);
            table.setTag(id, port);
        }
        Set<Integer> removed = new HashSet<>();
        table.setRemovalListener(id -> assertThat(removed.add(table.tag(id))).isTrue());

        table.removeIf(id -> table.tag(id) % modulus == residue);

        for (int port : ports) {
            boolean selected = port % modulus == residue;
            assertThat(removed.contains(port)).isEqualTo(selected);
            assertThat(table.lookup(VNI, FlowState.PROTO_UDP, 0x0A000001, VIP_A, port, 53) != FlowTable.NOT_FOUND)
                .isEqualTo(!selected);
            assertThat(table.lookup(VNI, FlowState.PROTO_UDP, 0x0A000002, 0x0A000001, 53, port) != FlowTable.NOT_FOUND)
                .isEqualTo(!selected);
        }
        assertThat(table.size()).isEqualTo(ports.size() - removed.size());
    }
}
