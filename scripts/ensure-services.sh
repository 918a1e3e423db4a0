#!/usr/bin/env bash
# Make sure the real services the tests use are up, and install the Debian tools the suite
# needs (pdftotext for the benchmarks' baseline). Starts only what is down; changes nothing else.
set -u

up() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_if_down() {  # port, description, command...
  local port=$1 name=$2; shift 2
  if up "$port"; then return 0; fi
  echo "starting $name (port $port was closed)"
  "$@" >/dev/null 2>&1 || echo "could not start $name: tests that need it will fail under CI=true"
  for _ in $(seq 1 30); do up "$port" && return 0; sleep 1; done
}

if [ "$(id -u)" = 0 ]; then
  command -v pdftotext >/dev/null || { apt-get update -qq && apt-get install -y -qq poppler-utils >/dev/null; } || true
  if command -v pg_ctlcluster >/dev/null; then
    start_if_down 5432 PostgreSQL pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
  fi
  command -v redis-server >/dev/null && start_if_down 6379 Redis redis-server --daemonize yes \
    --bind 127.0.0.1 --port 6379 --save "" --appendonly no --dir /tmp
  command -v rabbitmq-server >/dev/null && start_if_down 5672 RabbitMQ rabbitmq-server -detached
fi
exit 0
