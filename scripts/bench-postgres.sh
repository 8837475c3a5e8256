#!/usr/bin/env bash
# A benchmark scenario on PostgreSQL: builds the portal and the benchmarks in Release, starts a throwaway PostgreSQL
# cluster with its default durability (fsync and synchronous commit on, as a real server runs), runs
# `Supervision.Benchmarks -- <scenario> --postgres ...` with the other arguments given, and stops the cluster.
# Installs Debian's postgresql when it is missing. Scenarios that take --postgres: load, import-100k, public-list, deadline-day.
#   scripts/bench-postgres.sh import-100k
#   scripts/bench-postgres.sh load --seconds 30
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: scripts/bench-postgres.sh <scenario> [arguments]" >&2; exit 2; }
scenario="$1"; shift
source scripts/postgres.sh
ensure_postgres_installed
trap stop_postgres EXIT
start_postgres durable
dotnet build -c Release Supervision.Web >/dev/null
dotnet build -c Release Supervision.Benchmarks >/dev/null
dotnet run -c Release --no-build --project Supervision.Benchmarks -- "$scenario" --postgres "$PG_CONNECTION" "$@"
