#!/usr/bin/env bash
# A PostgreSQL primary and a hot standby on localhost, with synchronous streaming replication:
# a commit is acknowledged only once the standby has the WAL (see docs/postgresql-ha.md).
# Built with PostgreSQL's own tools (initdb, pg_basebackup, pg_ctl), run as the postgres user.
#
#   scripts/pg-standby.sh up       (re)create a fresh pair and wait until the standby is synchronous
#   scripts/pg-standby.sh down     stop both servers and remove the directory
#   scripts/pg-standby.sh status   each node's role and the primary's replication state
#   scripts/pg-standby.sh stop-primary | promote-standby    the failover drill's two steps
#   scripts/pg-standby.sh rejoin-old-primary   after them: pg_rewind the old primary into a synchronous
#                                              standby of the promoted one (docs/postgresql-ha.md, section 4)
#
# `up` always starts from nothing, so running it twice leaves the same state. Settings:
#   LUOSHI_PG_HA_DIR       the pair's directory (default /tmp/luoshi-pg-ha)
#   LUOSHI_PG_PRIMARY_PORT (default 5433), LUOSHI_PG_STANDBY_PORT (default 5434)
#   LUOSHI_PG_SYNC_COMMIT  synchronous_commit on the primary: remote_apply (default: an acknowledged
#                          write is visible on the standby, for replica reads) or on (durable there)
# The application connects as luoshi/luoshi to database luoshi; replication uses the role replicator.
set -euo pipefail

DIR="${LUOSHI_PG_HA_DIR:-/tmp/luoshi-pg-ha}"
PRIMARY_PORT="${LUOSHI_PG_PRIMARY_PORT:-5433}"
STANDBY_PORT="${LUOSHI_PG_STANDBY_PORT:-5434}"
SYNC_COMMIT="${LUOSHI_PG_SYNC_COMMIT:-remote_apply}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -x "$BIN/initdb" ] || { echo "PostgreSQL server binaries not found under /usr/lib/postgresql" >&2; exit 1; }
REPL_PASSWORD="replicator"

# Servers refuse to run as root: as root, every command runs as postgres.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
running() { as_pg "$BIN/pg_ctl" -D "$DIR/$1" status >/dev/null 2>&1; }

stop_node() {
  if [ -d "$DIR/$1" ] && running "$1"; then as_pg "$BIN/pg_ctl" -D "$DIR/$1" -m "${2:-fast}" -w stop >/dev/null; fi
}

down() {
  stop_node primary
  stop_node standby
  rm -rf "$DIR"
}

up() {
  down
  mkdir -p "$DIR"
  [ "$(id -u)" = 0 ] && chown postgres: "$DIR"
  as_pg "$BIN/initdb" -D "$DIR/primary" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >"$DIR/initdb.log"
  # Shared by both nodes (pg_basebackup copies it); each node's own settings go in postgresql.auto.conf.
  cat >>"$DIR/primary/postgresql.conf" <<EOF

# --- luoshi pair (scripts/pg-standby.sh) ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DIR'
max_connections = 60
shared_buffers = 32MB
wal_level = replica
max_wal_senders = 5
max_replication_slots = 5
hot_standby = on
hot_standby_feedback = on
wal_log_hints = on
synchronous_commit = $SYNC_COMMIT
EOF
  cat >>"$DIR/primary/pg_hba.conf" <<EOF
host replication replicator 127.0.0.1/32 scram-sha-256
EOF
  # Only the primary waits for a synchronous standby; the standby, once promoted, has none
  # until one is attached (docs/postgresql-ha.md), so it must not wait.
  cat >"$DIR/primary/postgresql.auto.conf" <<EOF
port = $PRIMARY_PORT
synchronous_standby_names = 'FIRST 1 (node2)'
EOF
  as_pg "$BIN/pg_ctl" -D "$DIR/primary" -l "$DIR/primary.log" -w start >/dev/null
  # Until the standby is attached, commits would wait for it: these run with local commit.
  as_pg "$BIN/psql" -h "$DIR" -p "$PRIMARY_PORT" -U postgres -d postgres -qX -v ON_ERROR_STOP=1 <<EOF >/dev/null
SET synchronous_commit = local;
CREATE ROLE replicator LOGIN REPLICATION PASSWORD '$REPL_PASSWORD';
CREATE ROLE luoshi LOGIN SUPERUSER PASSWORD 'luoshi';
CREATE DATABASE luoshi OWNER luoshi;
EOF
  as_pg env PGPASSWORD="$REPL_PASSWORD" "$BIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U replicator \
    -D "$DIR/standby" -X stream -C -S node2 --checkpoint=fast
  start_as_standby standby "$STANDBY_PORT" node2 "$PRIMARY_PORT"
  wait_sync "$PRIMARY_PORT" node2
  echo "primary 127.0.0.1:$PRIMARY_PORT, synchronous standby 127.0.0.1:$STANDBY_PORT ($DIR)"
}

# start_as_standby DIRNAME PORT NAME UPSTREAM_PORT: the node's own settings, then start it in recovery.
start_as_standby() {
  cat >"$DIR/$1/postgresql.auto.conf" <<EOF
port = $2
primary_conninfo = 'host=127.0.0.1 port=$4 user=replicator password=$REPL_PASSWORD application_name=$3'
primary_slot_name = '$3'
synchronous_standby_names = ''
EOF
  as_pg touch "$DIR/$1/standby.signal"
  as_pg "$BIN/pg_ctl" -D "$DIR/$1" -l "$DIR/$1.log" -w start >/dev/null
}

# wait_sync PRIMARY_PORT NAME: until the primary reports the standby NAME as synchronous.
wait_sync() {
  for _ in $(seq 1 150); do
    state="$(as_pg "$BIN/psql" -h "$DIR" -p "$1" -U postgres -d postgres -qtAX \
      -c "SELECT sync_state FROM pg_stat_replication WHERE application_name = '$2'")"
    [ "$state" = sync ] && return
    sleep 0.1
  done
  echo "standby $2 did not become synchronous; see the logs in $DIR" >&2
  exit 1
}

# The old primary (stopped, perhaps by a crash) rewound to the promoted standby's timeline and
# attached to it as its synchronous standby; the promoted one waits for it from now on.
rejoin() {
  if running primary; then echo "the old primary is still running: stop it first" >&2; exit 1; fi
  as_pg "$BIN/psql" -h "$DIR" -p "$STANDBY_PORT" -U postgres -d postgres -qtAX \
    -c "SELECT pg_create_physical_replication_slot('node1') WHERE NOT EXISTS
        (SELECT 1 FROM pg_replication_slots WHERE slot_name = 'node1')" >/dev/null
  # Left by an earlier attempt, the signal would stop pg_rewind's crash-recovery run.
  rm -f "$DIR/primary/standby.signal"
  # A just-promoted source records its new timeline in its control file at the next checkpoint;
  # pg_rewind reads it there. It runs crash recovery on the target first if it was not shut down cleanly.
  as_pg "$BIN/psql" -h "$DIR" -p "$STANDBY_PORT" -U postgres -d postgres -qtAX -c "CHECKPOINT" >/dev/null
  as_pg "$BIN/pg_rewind" --target-pgdata="$DIR/primary" \
    --source-server="host=$DIR port=$STANDBY_PORT user=postgres dbname=postgres" >"$DIR/rewind.log" 2>&1 ||
    { cat "$DIR/rewind.log" >&2; exit 1; }
  # pg_rewind copied the source's postgresql.auto.conf: the node's own settings are written again.
  start_as_standby primary "$PRIMARY_PORT" node1 "$STANDBY_PORT"
  as_pg "$BIN/psql" -h "$DIR" -p "$STANDBY_PORT" -U postgres -d postgres -qtAX \
    -c "ALTER SYSTEM SET synchronous_standby_names = 'FIRST 1 (node1)'" -c "SELECT pg_reload_conf()" >/dev/null
  wait_sync "$STANDBY_PORT" node1
  echo "old primary 127.0.0.1:$PRIMARY_PORT is now the synchronous standby of 127.0.0.1:$STANDBY_PORT"
}

status() {
  for node in primary standby; do
    port=$([ $node = primary ] && echo "$PRIMARY_PORT" || echo "$STANDBY_PORT")
    if [ -d "$DIR/$node" ] && running $node; then
      recovery="$(as_pg "$BIN/psql" -h "$DIR" -p "$port" -U postgres -d postgres -qtAX -c 'SELECT pg_is_in_recovery()')"
      echo "$node directory, :$port, in_recovery=$recovery"
      [ "$recovery" = f ] && as_pg "$BIN/psql" -h "$DIR" -p "$port" -U postgres -d postgres -X \
        -c "SELECT application_name, state, sync_state, replay_lag FROM pg_stat_replication"
    else
      echo "$node directory, :$port, stopped"
    fi
  done
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  # A crash, as a power cut would leave it: no shutdown checkpoint, clients cut off.
  stop-primary) stop_node primary immediate ;;
  promote-standby) as_pg "$BIN/pg_ctl" -D "$DIR/standby" -w promote >/dev/null ;;
  rejoin-old-primary) rejoin ;;
  *) sed -n '2,17p' "$0" >&2; exit 2 ;;
esac
