#!/usr/bin/env bash
# Runs every test of the solution on a fresh Debian machine with the .NET 10 SDK.
# Installs what the tests need when it is missing, builds, runs all test projects, and ends with
# "N passed, N failed, N skipped". Exits non-zero on any failure or when a test would create a new snapshot.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

log() { printf '[test] %s\n' "$*" >&2; }

# Debian packages the tests need: "command package" pairs. The rate-limit tests start their own redis-server
# (package redis-server; redis-cli comes with redis-tools). The monitoring tests run promtool (package prometheus) on
# deploy/prometheus and on a real scrape of /metrics. Chromium joins this list with its issue.
required_packages=("redis-server redis-server" "redis-cli redis-tools" "promtool prometheus")
missing=()
for pair in "${required_packages[@]:-}"; do
  [ -z "$pair" ] && continue
  cmd=${pair%% *}; pkg=${pair#* }
  command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

command -v dotnet >/dev/null 2>&1 || { echo "dotnet (the .NET 10 SDK) is not on PATH" >&2; exit 2; }

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

# A test that would write a new snapshot fails instead (Snapshooter strict mode).
export SNAPSHOOTER_STRICT_MODE=on
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log "building"
dotnet build McpSecurity.sln -c Release -nologo -v quiet -clp:NoSummary 1>&2

status=0
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  log "running $name"
  if ! dotnet test "$project" -c Release --no-build -nologo \
      --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
      --blame-hang-timeout 5m 1>&2; then
    status=1
  fi
done

# Count from the TRX files, not from console text.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  attr() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(attr passed)))
  failed=$((failed + $(attr failed) + $(attr error) + $(attr timeout) + $(attr aborted)))
  skipped=$((skipped + $(attr notExecuted)))
done

new_snaps=$(git -C "$root" ls-files --others --exclude-standard -- '*__snapshots__*' '*.snap' 2>/dev/null | grep -v __mismatch__ || true)
if [ -n "$new_snaps" ]; then
  log "tests created snapshot files that are not committed:"
  printf '%s\n' "$new_snaps" >&2
  status=1
fi

trx_count=$(ls "$results"/*.trx 2>/dev/null | wc -l)
expected=$(ls tests/*/*.csproj | wc -l)
if [ "$trx_count" -ne "$expected" ]; then
  log "only $trx_count of $expected test projects produced results"
  status=1
fi
[ "$failed" -gt 0 ] && status=1

echo "$passed passed, $failed failed, $skipped skipped"
exit $status
