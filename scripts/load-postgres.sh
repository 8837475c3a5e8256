#!/usr/bin/env bash
# The load scenario on PostgreSQL (see scripts/bench-postgres.sh), e.g. scripts/load-postgres.sh --seconds 30.
exec "$(dirname "$0")/bench-postgres.sh" load "$@"
