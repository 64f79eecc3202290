#!/usr/bin/env bash
# load: wrk against `policysearch serve` with a mixed query set, then a soak
# with the heap sampled every 10 s.
#
# Builds policysearch, indexes CORPUS into a temporary folder (or uses
# INDEX=DIR when given), starts serve on 127.0.0.1 and runs
#   1. wrk -c CONNS -d DURATION (default 64 connections, 60 s, wrk's 2 s
#      timeout) over the query mix in scripts/load.lua, and
#   2. the same for SOAK seconds (default 600) while it samples
#      go_memstats_heap_inuse_bytes and process_resident_memory_bytes from
#      /metrics every 10 s.
# It prints wrk's report (requests/s, latency, non-2xx = the 503s of load
# shedding, socket errors and timeouts), the counts from /metrics (200s,
# shed 503s, 5xx) and the heap samples. It fails when wrk reports a socket
# error or timeout, or when any answer is a 5xx other than a shed 503.
#
# Usage: scripts/load.sh CORPUS
#   CONNS=64 DURATION=60s SOAK=600 (0: no soak) PORT=18081 THREADS=2
#   INDEX=DIR (kept; built from CORPUS when it has no LIVE)
#   SERVE_FLAGS="--max-searches 8 --search-timeout 5s"
set -euo pipefail

cd "$(dirname "$0")/.."
CORPUS=${1:?usage: scripts/load.sh CORPUS}
CONNS=${CONNS:-64}
DURATION=${DURATION:-60s}
SOAK=${SOAK:-600}
THREADS=${THREADS:-2}
PORT=${PORT:-$((20000 + RANDOM % 20000))}
BASE="http://127.0.0.1:$PORT"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/load.XXXXXX")
BIN="$WORK/policysearch"
INDEX=${INDEX:-$WORK/index}
SERVE_PID=""

command -v wrk >/dev/null || { echo "load: wrk is not installed (apt-get install -y wrk)"; exit 2; }

cleanup() {
	if [ -n "$SERVE_PID" ]; then
		kill "$SERVE_PID" 2>/dev/null || true
		wait "$SERVE_PID" 2>/dev/null || true
	fi
	rm -rf "$WORK"
}
trap cleanup EXIT

say() { printf '%s  %s\n' "$(date -u +%H:%M:%S)" "$*"; }

metric() { # sum of the samples of one metric whose line matches $2
	curl -s "$BASE/metrics" | awk -v m="$1" -v f="${2:-}" '$1 ~ "^"m && index($1, f) { s += $2 } END { printf "%.0f\n", s }'
}

go build -o "$BIN" ./cmd/policysearch
if [ ! -e "$INDEX/LIVE" ]; then
	say "indexing $CORPUS"
	"$BIN" index --corpus "$CORPUS" --index "$INDEX" | tail -3
fi
# shellcheck disable=SC2086
"$BIN" serve --index "$INDEX" --corpus "$CORPUS" --addr "127.0.0.1:$PORT" ${SERVE_FLAGS:-} 2>"$WORK/serve.log" &
SERVE_PID=$!
for _ in $(seq 100); do
	curl -sf "$BASE/healthz" >/dev/null && break
	sleep 0.2
done
curl -sf "$BASE/healthz"
echo

say "wrk -t$THREADS -c$CONNS -d$DURATION (timeout 2 s) on the query mix"
wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -s scripts/load.lua "$BASE" | tee "$WORK/wrk1.txt"

: >"$WORK/wrk2.txt"
if [ "$SOAK" -gt 0 ]; then
	say "soak: $SOAK s at $CONNS connections, heap every 10 s"
	wrk -t"$THREADS" -c"$CONNS" -d"${SOAK}s" -s scripts/load.lua "$BASE" >"$WORK/wrk2.txt" &
	WRK_PID=$!
	echo "seconds heap_inuse_MiB rss_MiB"
	for ((t = 0; t <= SOAK; t += 10)); do
		heap=$(metric go_memstats_heap_inuse_bytes)
		rss=$(metric process_resident_memory_bytes)
		echo "$t $((heap >> 20)) $((rss >> 20))"
		if [ "$t" -lt "$SOAK" ]; then sleep 10; fi
	done
	wait "$WRK_PID" || true
	cat "$WORK/wrk2.txt"
fi

ok=$(metric policysearch_http_requests_total 'code="200"')
shed=$(metric policysearch_search_rejected_total)
c503=$(metric policysearch_http_requests_total 'code="503"')
c5xx=$(curl -s "$BASE/metrics" | awk '$1 ~ /^policysearch_http_requests_total/ && $1 ~ /code="5[0-9][0-9]"/ { s += $2 } END { print s + 0 }')
c4xx=$(curl -s "$BASE/metrics" | awk '$1 ~ /^policysearch_http_requests_total/ && $1 ~ /code="4[0-9][0-9]"/ { s += $2 } END { print s + 0 }')
timeouts=$(metric policysearch_search_duration_seconds_count 'outcome="timeout"')
say "from /metrics: 200: $ok  4xx: $c4xx  5xx: $c5xx (of which shed 503s: $shed, all 503s: $c503)  search timeouts: $timeouts"

failed=0
for f in "$WORK/wrk1.txt" "$WORK/wrk2.txt"; do
	if grep -q "Socket errors" "$f"; then
		say "FAIL: wrk reports socket errors or timeouts: $(grep 'Socket errors' "$f")"
		failed=1
	fi
done
# A shed request whose client hung up before its 503 was written is counted
# as shed but recorded as 499, so shed may exceed the 5xx by a few.
if [ "$c5xx" -gt "$shed" ]; then
	say "FAIL: $((c5xx - shed)) answers were 5xx other than a shed 503"
	failed=1
fi
if grep -q '"level":"ERROR"' "$WORK/serve.log"; then
	say "FAIL: serve logged errors:"
	grep '"level":"ERROR"' "$WORK/serve.log" | head -5
	failed=1
fi
[ "$failed" = 0 ] && say "PASS"
exit "$failed"
