#!/bin/sh
# Creates acore's Kafka users (one per service, SCRAM-SHA-512), their ACLs (acls.txt) and its topics (topics.txt),
# as the broker's admin; run by docker-compose's kafka-setup before the services start, again on every start
# (a changed password or list is applied, nothing is created twice).
set -eu
: "${KAFKA_ADMIN_PASSWORD:?set KAFKA_ADMIN_PASSWORD in .env (see .env.example)}"
bin=${KAFKA_BIN:-/opt/kafka/bin}
bootstrap=${KAFKA_BOOTSTRAP:-kafka:9092}
here=$(dirname "$0")
admin=$(mktemp)
trap 'rm -f "$admin"' EXIT
cat > "$admin" <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$KAFKA_ADMIN_PASSWORD";
PROPERTIES

# Kafka's tools start a JVM each: the independent calls of a step run side by side, and a step fails when one does.
pids=""
side_by_side() {
  "$@" &
  pids="$pids $!"
}
all_done() {
  failed=0
  for pid in $pids; do
    wait "$pid" || failed=1
  done
  pids=""
  [ "$failed" -eq 0 ] || exit 1
}

for service in gateway persona memory analytics; do
  variable=ACORE_KAFKA_$(echo "$service" | tr '[:lower:]' '[:upper:]')_PASSWORD
  password=$(eval "echo \"\${$variable:-}\"")
  if [ -z "$password" ]; then
    echo "set $variable in .env (see .env.example)" >&2
    exit 1
  fi
  side_by_side "$bin/kafka-configs.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --alter \
    --entity-type users --entity-name "acore-$service" --add-config "SCRAM-SHA-512=[password=$password]"
done

while read -r principal operation resource pattern names; do
  case "$principal" in ''|'#'*) continue ;; esac
  set --
  for name in $names; do
    set -- "$@" "--$resource" "$name"
  done
  side_by_side "$bin/kafka-acls.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --add \
    --allow-principal "User:$principal" --operation "$operation" --resource-pattern-type "$pattern" "$@"
done < "$here/acls.txt"

while read -r topic partitions; do
  case "$topic" in ''|'#'*) continue ;; esac
  side_by_side "$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --create \
    --if-not-exists --topic "$topic" --partitions "$partitions" --replication-factor 1
done < "$here/topics.txt"
all_done
