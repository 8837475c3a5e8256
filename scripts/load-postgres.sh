#!/usr/bin/env bash
# The load scenario on PostgreSQL: builds the portal and the benchmarks in Release, starts a throwaway PostgreSQL
# cluster with its default durability (fsync and synchronous commit on, as a real server runs), runs
# `Supervision.Benchmarks -- load --postgres ...` with the arguments given (e.g. --seconds 30), and stops the cluster.
# Installs Debian's postgresql when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh
ensure_postgres_installed
trap stop_postgres EXIT
start_postgres durable
dotnet build -c Release Supervision.Web >/dev/null
dotnet build -c Release Supervision.Benchmarks >/dev/null
dotnet run -c Release --no-build --project Supervision.Benchmarks -- load --postgres "$PG_CONNECTION" "$@"
