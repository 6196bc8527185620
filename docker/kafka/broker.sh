#!/bin/sh
# Starts acore's single Kafka broker for docker-compose (KRaft, broker and controller in one process). Clients must
# authenticate with SCRAM-SHA-512 and are allowed only what docker/kafka/acls.txt grants them (setup.sh creates the
# users and ACLs). The controller listener is bound to the container's loopback: only this process reaches it.
set -eu
: "${KAFKA_ADMIN_PASSWORD:?set KAFKA_ADMIN_PASSWORD in .env (see .env.example)}"
bin=${KAFKA_BIN:-/opt/kafka/bin}
host=${KAFKA_HOST:-kafka}
port=${KAFKA_PORT:-9092}
controller=${KAFKA_CONTROLLER_PORT:-9093}
data=${KAFKA_DATA:-/var/lib/kafka/data}
config=${KAFKA_CONFIG:-/tmp/server.properties}
cat > "$config" <<PROPERTIES
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@localhost:$controller
listeners=SASL_PLAINTEXT://:$port,CONTROLLER://localhost:$controller
advertised.listeners=SASL_PLAINTEXT://$host:$port
listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=SASL_PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$KAFKA_ADMIN_PASSWORD";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:admin;User:ANONYMOUS
log.dirs=$data
num.partitions=4
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPERTIES
cat > "$(dirname "$config")/admin.properties" <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$KAFKA_ADMIN_PASSWORD";
PROPERTIES
# the first start formats the data directory with the admin's credentials; later starts find it formatted
"$bin/kafka-storage.sh" format --ignore-formatted --cluster-id "${KAFKA_CLUSTER_ID:-cQlgC0FhRJugDAhdhkRseg}" \
  --config "$config" --add-scram "SCRAM-SHA-512=[name=admin,password=$KAFKA_ADMIN_PASSWORD]"
exec "$bin/kafka-server-start.sh" "$config"
