#!/usr/bin/env bash
# Runs the whole test suite on SQLite and again on PostgreSQL. Installs what the tests need when it is
# missing (Chromium for the browser tests, PostgreSQL for the second run), starts a throwaway PostgreSQL
# cluster (own directory, Unix socket only, removed at the end), then prints a line per provider and the
# closing line "N passed, N failed" counted from the test results of both runs.
#
# The browser tests (Supervision.Tests.E2E) run once, on SQLite: they drive the same pages and services whose
# every domain, component and HTTP test runs on both providers, and running them twice would double the time.
# The scale-out tests (Supervision.Tests.Web.ScaleOut: two web nodes on one database) run on PostgreSQL only.
# Arguments go to both `dotnet test` runs (e.g. --filter ...; then the filter alone decides what runs on PostgreSQL).
# SUPERVISION_TEST_PROVIDERS="sqlite" or "postgres" runs one provider; SUPERVISION_TEST_PG set to a connection
# string uses that server instead of starting one.
set -euo pipefail
cd "$(dirname "$0")"

providers="${SUPERVISION_TEST_PROVIDERS:-sqlite postgres}"
if [ "$(id -u)" -eq 0 ]; then sudo_cmd=(); else sudo_cmd=(sudo); fi

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [[ " $providers " == *" postgres "* ]] && [ -z "${SUPERVISION_TEST_PG:-}" ] && ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  missing+=(postgresql)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

results="$(mktemp -d)"
source scripts/postgres.sh
trap 'stop_postgres; rm -rf "$results"' EXIT

has_filter=0
for arg in "$@"; do [ "$arg" = "--filter" ] && has_filter=1; done

set +e
dotnet build Supervision.sln
build_status=$?
set -e
status=$build_status

summary=()
total_passed=0
total_failed=0
for provider in $providers; do
  [ "$build_status" -eq 0 ] || break
  extra=()
  if [ "$provider" = postgres ]; then
    if [ -z "${SUPERVISION_TEST_PG:-}" ]; then
      start_postgres
      export SUPERVISION_TEST_PG="$PG_CONNECTION"
    fi
    # Besides the browser tests, the tests of SQLite itself (its file: backup, busy lock, readiness, a killed import)
    # run in the SQLite pass only. The hostile corpus runs on both (PostgreSQL refuses what SQLite stores, e.g. NUL in text).
    [ "$has_filter" -eq 1 ] || extra=(--filter "FullyQualifiedName!~Supervision.Tests.E2E&FullyQualifiedName!~Supervision.Tests.Web.Faults&FullyQualifiedName!~Supervision.Tests.Web.Operations.BackupTests&FullyQualifiedName!~Supervision.Tests.Web.Operations.ReadinessTests")
  else
    # Several web nodes need the shared PostgreSQL database: the scale-out tests run in the PostgreSQL pass.
    [ "$has_filter" -eq 1 ] || extra=(--filter "FullyQualifiedName!~Supervision.Tests.Web.ScaleOut")
  fi
  started=$SECONDS
  set +e
  # A test that hangs (e.g. a deadlock only PostgreSQL's truly asynchronous I/O shows) ends the run after 10 minutes
  # without progress, naming the test, instead of running into CI's time limit.
  SUPERVISION_TEST_DB="$provider" dotnet test Supervision.sln --no-build --logger "trx" --results-directory "$results/$provider" \
    --blame-hang-timeout 10m --blame-hang-dump-type none "${extra[@]}" "$@"
  run_status=$?
  set -e
  passed=0
  failed=0
  for trx in "$results/$provider"/*.trx; do
    [ -e "$trx" ] || continue
    counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
    p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
  done
  if [ "$run_status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    failed=1 # the test host failed before any result was written
  fi
  [ "$run_status" -eq 0 ] || status=$run_status
  # Where the time goes: the ten test classes with the most test time (summed durations; classes run in parallel).
  cat "$results/$provider"/*.trx 2>/dev/null | grep -o '<UnitTestResult [^>]*>' | \
    sed -n 's/.*testName="\([^"(]*\)[^"]*".*duration="\([0-9]*\):\([0-9]*\):\([0-9.]*\)".*/\1 \2 \3 \4/p' | \
    awk '{ n = split($1, a, "."); c = a[1]; for (i = 2; i < n; i++) c = c "." a[i]; t[c] += $2 * 3600 + $3 * 60 + $4 }
         END { for (c in t) printf "%8.1f s  %s\n", t[c], c }' | sort -rn | head -n 10 | sed "s/^/$provider slowest: /" || true
  summary+=("$provider: ${passed} passed, ${failed} failed in $((SECONDS - started)) s")
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
done
if [ "$status" -ne 0 ] && [ "$total_failed" -eq 0 ]; then
  total_failed=1 # the build failed before any test ran
fi
for line in "${summary[@]}"; do echo "$line"; done
echo "${total_passed} passed, ${total_failed} failed"
exit "$status"
