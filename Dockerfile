# swarmnet as a privileged container per host (see README, "Deploying").
#
#   docker build -t swarmnet .
#   docker run -d --name swarmnet --privileged --network host \
#     -v /var/lib/swarmnet:/var/lib/swarmnet -v /run/swarmnet:/run/swarmnet \
#     -v /var/run/netns:/var/run/netns:rshared -v /etc/swarmnet:/etc/swarmnet:ro swarmnet
#
# Host networking: the daemon binds the cluster port (2377/tcp), Raft (2378/tcp), VXLAN
# (4789/udp) and every published port on the host's addresses. /var/run/netns is shared (rshared)
# so that the host's `ip netns` sees task namespaces and a restarted container finds (and removes
# or replaces) what the last one left; the data directory keeps the node's identity,
# certificates, Raft log and task records. Tasks are processes of the container: they stop with it,
# and the cluster starts them again when the node is back.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY native native
COPY dataplane dataplane
COPY controlplane controlplane
COPY bench bench
RUN mvn -B -q -DskipTests -Dfuzz.skip=true package

FROM eclipse-temurin:17-jre
# iproute2: `ip netns exec` starts tasks; util-linux: unshare/nsenter; procps for operators.
RUN apt-get update \
    && apt-get install -y --no-install-recommends iproute2 util-linux procps ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/controlplane/target/swarmnet /usr/local/bin/swarmnet
VOLUME ["/var/lib/swarmnet"]
# The config file is optional: without /etc/swarmnet/swarmnet.yaml the defaults apply.
ENTRYPOINT ["/usr/local/bin/swarmnet"]
CMD ["daemon", "--data-dir", "/var/lib/swarmnet", "--socket", "/run/swarmnet/swarmnet.sock"]
