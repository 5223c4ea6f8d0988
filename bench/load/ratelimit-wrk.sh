#!/usr/bin/env bash
# Load run of issue 5 §6: POST /api/v1/ratelimit/check under wrk at 64 connections, against GET /healthz of the same
# server (the ceiling), rounds interleaved. Builds the server (Release), starts the built dll on a free loopback port
# with a temporary data directory, registers a client with ratelimit:check (role developer), takes a token with
# client_credentials, runs wrk --latency, prints req/s and p50/p99 per run and the medians, and stops the server.
#
#   bench/load/ratelimit-wrk.sh                 # in-memory store, 3 rounds of 15 s per endpoint
#   RUNS=5 DURATION=20 bench/load/ratelimit-wrk.sh
#   REDIS=1 bench/load/ratelimit-wrk.sh         # counters in a local redis-server started on a free port
#   NO_BUILD=1 ...                              # use the dll already built
#
# Needs wrk (Debian package wrk), curl, python3; REDIS=1 needs redis-server. wrk and the server share the machine's cores.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/bench/load"
RUNS="${RUNS:-3}"
DURATION="${DURATION:-15}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
DLL="${DLL:-$ROOT/src/McpSecurityServer/bin/Release/net10.0/McpSecurityServer.dll}"  # DLL=... to compare builds

for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install -y $tool)" >&2; exit 2; }
done

if [[ -z "${NO_BUILD:-}" ]]; then
  dotnet build -c Release "$ROOT/src/McpSecurityServer" -nologo -v q >/dev/null
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

WORK="$(mktemp -d)"
SERVER_PID=""
REDIS_PID=""
cleanup() {
  [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  [[ -n "$REDIS_PID" ]] && kill "$REDIS_PID" 2>/dev/null && wait "$REDIS_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

DATA="$WORK/data"
PORT="$(free_port)"
BASE="http://127.0.0.1:$PORT"

# The server's settings for the run. Logging at Warning (the per-request log line is Information). The default /api
# policies (600 and 1,200 per minute per principal and per address) would answer 429 after a few hundred requests
# from one token on one address; they are raised to the most a policy may allow (1,000,000 per minute, burst
# 1,000,000) so the run measures admitted requests, the hot path.
SERVER_ENV=(
  "MCPSEC__RateLimiting__Policies__api-principal__Limit=1000000"
  "MCPSEC__RateLimiting__Policies__api-principal__Burst=1000000"
  "MCPSEC__RateLimiting__Policies__api-address__Limit=1000000"
  "MCPSEC__RateLimiting__Policies__api-address__Burst=1000000"
)
LOG_LEVEL="${LOG_LEVEL-Warning}"   # LOG_LEVEL= (empty) keeps the server's default (Information)
[[ -n "$LOG_LEVEL" ]] && SERVER_ENV+=("MCPSEC__Logging__MinimumLevel=$LOG_LEVEL")
STORE="memory"
if [[ -n "${REDIS:-}" ]]; then
  command -v redis-server >/dev/null || { echo "REDIS=1 needs redis-server (apt-get install -y redis-server)" >&2; exit 2; }
  REDIS_PORT="$(free_port)"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize no >"$WORK/redis.log" 2>&1 &
  REDIS_PID=$!
  for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  SERVER_ENV+=("MCPSEC__Redis__Configuration=127.0.0.1:$REDIS_PORT")
  STORE="redis 127.0.0.1:$REDIS_PORT"
fi

CLIENT="$(env "${SERVER_ENV[@]}" dotnet "$DLL" clients add --data-dir "$DATA" --id bench-load --name "wrk load run" --role developer 2>"$WORK/clients.log")"
SECRET="$(sed -n 's/^client_secret: //p' <<<"$CLIENT")"
[[ -n "$SECRET" ]] || { echo "clients add failed:" >&2; cat "$WORK/clients.log" >&2; exit 1; }

# Audit entries before and after (each verify adds its own audit_verified entry): the check must not write one per request.
audit_entries() { env "${SERVER_ENV[@]}" dotnet "$DLL" audit verify --data-dir "$DATA" --json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["entries_checked"])'; }
AUDIT_BEFORE="$(audit_entries)"

env "${SERVER_ENV[@]}" dotnet "$DLL" serve --data-dir "$DATA" --urls "$BASE" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 300); do
  curl -fs "$BASE/readyz" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "server exited:" >&2; cat "$WORK/server.log" >&2; exit 1; }
  sleep 0.2
done

TOKEN="$(curl -fs -u "bench-load:$SECRET" -d grant_type=client_credentials "$BASE/oauth/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')"
export MCPSEC_BENCH_TOKEN="$TOKEN"

# One request of each, shown, so a misconfigured run is obvious.
echo "check answer:   $(curl -s -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"policy":"api-principal","key":"usr_00000000","consume":true}' "$BASE/api/v1/ratelimit/check")"
echo "healthz answer: $(curl -s -H "Authorization: Bearer $TOKEN" "$BASE/healthz")"

# The server's CPU time (user + system, clock ticks) so far: per request it is a figure that outside load moves less than req/s.
server_cpu() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }

run_wrk() { # name script path -> prints "req/s p50_ms p99_ms non2xx server_cpu_us_per_request"
  local out before after
  before="$(server_cpu)"
  out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$HERE/$2" "$BASE$3")"
  after="$(server_cpu)"
  echo "$out" >>"$WORK/wrk-$1.log"
  python3 - "$out" "$(( after - before ))" "$(getconf CLK_TCK)" <<'PY'
import re, sys
out = sys.argv[1]
cpu_us = int(sys.argv[2]) / int(sys.argv[3]) * 1e6
def ms(label):
    m = re.search(r"^\s*" + label + r"%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
    v, unit = float(m.group(1)), m.group(2)
    return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
bad = int(re.search(r"non-2xx/3xx per wrk: (\d+)", out).group(1))
errors = re.search(r"Socket errors:.*", out)
requests = int(re.search(r"(\d+) requests in", out).group(1))
print(f"{rps:.0f} {ms('50'):.2f} {ms('99'):.2f} {bad} {cpu_us / max(1, requests):.0f}" + (" " + errors.group(0).replace(" ", "_") if errors else ""))
PY
}

# Warm-up (tiered JIT, caches, first counters), not reported: with 5 s the first check round still ran at half speed.
wrk -t"$THREADS" -c"$CONNECTIONS" -d10s -s "$HERE/ratelimit-check.lua" "$BASE/api/v1/ratelimit/check" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s "$HERE/healthz.lua" "$BASE/healthz" >/dev/null

echo "store: $STORE; log level ${LOG_LEVEL:-default}; $RUNS rounds x ${DURATION} s per endpoint, wrk -t$THREADS -c$CONNECTIONS; $(nproc) cores shared by wrk, the server and anything else running"
printf '%-6s %-30s %8s %8s %8s %8s %12s %s\n' round endpoint "req/s" "p50 ms" "p99 ms" non-2xx "server CPU/req" "load (1 min)"
CHECK=(); HEALTH=()
for round in $(seq "$RUNS"); do
  # Alternate the order, so a burst of outside load does not always hit the same endpoint.
  if (( round % 2 )); then order=(check health); else order=(health check); fi
  for which in "${order[@]}"; do
    if [[ $which == check ]]; then
      r="$(run_wrk check ratelimit-check.lua /api/v1/ratelimit/check)"; CHECK+=("$r"); name="POST /api/v1/ratelimit/check"
    else
      r="$(run_wrk health healthz.lua /healthz)"; HEALTH+=("$r"); name="GET /healthz (ceiling)"
    fi
    read -r rps p50 p99 bad cpu rest <<<"$r"
    printf '%-6s %-30s %8s %8s %8s %8s %9s us %s %s\n' "$round" "$name" "$rps" "$p50" "$p99" "$bad" "$cpu" "$(cut -d' ' -f1 /proc/loadavg)" "${rest:-}"
  done
done

python3 - "${#CHECK[@]}" "${CHECK[@]}" "${HEALTH[@]}" <<'PY'
import statistics, sys
n = int(sys.argv[1])
rows = [r.split() for r in sys.argv[2:]]
check, health = rows[:n], rows[n:]
def med(rs, i): return statistics.median(float(r[i]) for r in rs)
c, h = med(check, 0), med(health, 0)
print(f"median check:   {c:.0f} req/s, p50 {med(check,1):.2f} ms, p99 {med(check,2):.2f} ms, server CPU {med(check,4):.0f} us/request")
print(f"median healthz: {h:.0f} req/s, p50 {med(health,1):.2f} ms, p99 {med(health,2):.2f} ms, server CPU {med(health,4):.0f} us/request")
print(f"check / ceiling: {c / h:.2f} (medians); per round: " + ", ".join(f"{float(a[0]) / float(b[0]):.2f}" for a, b in zip(check, health)))
PY
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
TOTAL_REQUESTS="$(cat "$WORK"/wrk-*.log | sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' | awk '{s += $1} END {print s}')"
echo "audit entries: $AUDIT_BEFORE before the server started, $(audit_entries) after it stopped (one of them the verify's own), for $TOTAL_REQUESTS measured requests"
