package dev.swarmnet.controlplane.state;

import dev.swarmnet.controlplane.model.Network;
import dev.swarmnet.controlplane.model.NetworkAttachment;
import dev.swarmnet.controlplane.model.Service;
import dev.swarmnet.controlplane.model.Task;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.model.Version;
import dev.swarmnet.controlplane.model.VirtualIp;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hands out VIPs and task addresses on overlay networks, serially as libnetwork does: the next
 * free address after the network's {@link Network#lastAddress() cursor}, wrapping at the end, so
 * a freed address is not reused while a free one lies ahead. The network address, the gateway,
 * the broadcast address and every address a service VIP, a task attachment or a node attachment
 * (its routing-mesh endpoint) holds are skipped.
 *
 * <p>Nothing is stored besides the cursor: the addresses in use are derived from the state, so
 * deleting a task or removing a service frees its addresses with no bookkeeping to drift. One
 * instance serves one {@link ClusterState#apply} call (several allocations in one command see
 * each other) and is then dropped; it is not thread-safe and need not be.
 */
final class AddressAllocator {
    private final ClusterState at;
    private final Map<String, Book> books = new TreeMap<>();

    AddressAllocator(ClusterState at) {
        this.at = at;
    }

    /** The next free address on {@code network} with its prefix ({@code 10.0.1.5/24}), or {@code null} if none is left. */
    String allocate(Network network) {
        Book book = books.computeIfAbsent(network.id(), id -> Book.of(at, network));
        if (book == null) {
            return null;
        }
        int offset = book.nextFree();
        if (offset < 0) {
            return null;
        }
        book.used.set(offset);
        book.cursor = offset;
        book.moved = true;
        return book.cidr.withPrefix(book.cidr.network() + offset);
    }

    /** The state with the cursor of every network this allocator used moved, stamped {@code index}. */
    ClusterState commit(ClusterState state, long index) {
        ClusterState next = state;
        for (Book book : books.values()) {
            if (book != null && book.moved) {
                Network current = next.networks().get(book.network.id());
                if (current != null) {
                    next = next.withNetwork(new Network(current.id(), new Version(index), current.createdAtMillis(),
                            current.updatedAtMillis(), current.spec(), current.vni(), current.subnet(), current.gateway(),
                            current.mtu(), Ipv4Cidr.format(book.cidr.network() + book.cursor)));
                }
            }
        }
        return next;
    }

    /** How a network is described in exhaustion messages: {@code appnet (10.0.1.0/24)}. */
    static String describe(Network network) {
        return network.name() + " (" + network.subnet() + ")";
    }

    /** One network's used addresses, as offsets from its network address. */
    private static final class Book {
        final Network network;
        final Ipv4Cidr cidr;
        final BitSet used;
        int cursor;
        boolean moved;

        private Book(Network network, Ipv4Cidr cidr, BitSet used, int cursor) {
            this.network = network;
            this.cidr = cidr;
            this.used = used;
            this.cursor = cursor;
        }

        /**
         * A task kept only as history (wanted stopped and ended) holds no address, as in swarmkit:
         * a slot keeps several of them, and a network would run out during rolling updates.
         */
        static boolean dead(Task task) {
            return task.desiredState().compareTo(TaskState.RUNNING) > 0 && task.status().state().terminal();
        }

        static Book of(ClusterState at, Network network) {
            Ipv4Cidr cidr = Ipv4Cidr.parseOrNull(network.subnet());
            if (cidr == null || cidr.prefix() < SubnetAllocator.MIN_PREFIX || cidr.prefix() > SubnetAllocator.MAX_PREFIX) {
                return null;
            }
            BitSet used = new BitSet((int) cidr.size());
            used.set(0);
            used.set((int) cidr.size() - 1);
            List<String> held = new ArrayList<>();
            held.add(network.gateway());
            for (Service service : at.services().values()) {
                for (VirtualIp vip : service.endpoint().virtualIps()) {
                    if (vip.networkId().equals(network.id())) {
                        held.add(vip.address());
                    }
                }
            }
            for (dev.swarmnet.controlplane.model.Node node : at.nodes().values()) {
                node.attachmentOn(network.id()).ifPresent(held::add);
            }
            for (Task task : at.tasks().values()) {
                if (dead(task)) {
                    continue;
                }
                for (NetworkAttachment attachment : task.networks()) {
                    if (attachment.networkId().equals(network.id())) {
                        held.add(attachment.address());
                    }
                }
            }
            for (String address : held) {
                int slash = address.indexOf('/');
                String host = slash < 0 ? address : address.substring(0, slash);
                if (AddressSyntax.isIpv4(host)) {
                    int value = Ipv4Cidr.parseAddress(host);
                    if (cidr.contains(value)) {
                        used.set(value - cidr.network());
                    }
                }
            }
            int cursor = 0;
            if (AddressSyntax.isIpv4(network.lastAddress())) {
                int last = Ipv4Cidr.parseAddress(network.lastAddress());
                cursor = cidr.contains(last) ? last - cidr.network() : 0;
            }
            return new Book(network, cidr, used, cursor);
        }

        /** The first clear offset after the cursor, wrapping; -1 when the block is full. */
        int nextFree() {
            int size = (int) cidr.size();
            int after = used.nextClearBit(cursor + 1);
            if (after < size) {
                return after;
            }
            int wrapped = used.nextClearBit(0);
            return wrapped < size ? wrapped : -1;
        }
    }
}
