#!/bin/sh
# bench-http.sh INDEX_DIR PATHS_FILE: serves INDEX_DIR with bin/policysearch
# and loads it with wrk at 16 connections for 30 s over the query mix in
# PATHS_FILE (written by `policybench -urls`; POLICYSEARCH_BIN picks another
# binary), printing wrk's latency distribution and errors, and the server's
# anonymous memory (docs/benchmarks.md). Needs wrk (apt-get install wrk).
set -eu
index=$1
paths=$2
addr=127.0.0.1:${BENCH_PORT:-18089}
conns=${BENCH_CONNECTIONS:-16}
duration=${BENCH_DURATION:-30s}
command -v wrk >/dev/null || { echo "bench-http: wrk is not installed (apt-get install wrk)"; exit 1; }
"${POLICYSEARCH_BIN:-bin/policysearch}" serve --index "$index" --corpus /nonexistent --addr "$addr" 2>"${TMPDIR:-/tmp}/bench-http-serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
	curl -fs "http://$addr/healthz" >/dev/null 2>&1 && break
	sleep 0.2
done
grep -i anon /proc/$pid/status | head -1
WRK_PATHS=$(realpath "$paths") wrk -t2 -c"$conns" -d"$duration" --latency -s scripts/wrk-mix.lua "http://$addr"
echo "serving memory after the run:"; grep -i -E 'RssAnon|VmHWM' /proc/$pid/status
