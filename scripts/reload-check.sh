#!/usr/bin/env bash
# reload-check: shows that rebuilding never disturbs searching.
#
# Builds policysearch, indexes a copy of the demo corpus into a temporary
# folder and starts `serve` on 127.0.0.1 with three clients searching
# continuously. Meanwhile it rebuilds twice (adding a new article in
# between), kills a third build with SIGKILL halfway, and starts two builds
# at once. It passes when no request failed, the new article was found within
# 10 s without restarting serve, the killed build left the live index
# answering, exactly one of the two simultaneous builds ran, and the next
# build succeeded. Everything stops by itself; nothing outside the temporary
# folder is touched.
#
# Usage: scripts/reload-check.sh            (from the repository root)
#   PORT=18080  KEEP=1 (keep the temporary folder)  BULK=3000 (articles
#   added so the killed build takes a moment)
set -euo pipefail

cd "$(dirname "$0")/.."
PORT=${PORT:-$((20000 + RANDOM % 20000))}
BULK=${BULK:-3000}
BASE="http://127.0.0.1:$PORT"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/reload-check.XXXXXX")
BIN="$WORK/policysearch"
INDEX="$WORK/index"
CORPUS="$WORK/corpus"
PIDS=()
failures=0

say() { printf '%s  %s\n' "$(date -u +%H:%M:%S)" "$*"; }
fail() { say "FAIL: $*"; failures=$((failures + 1)); }

cleanup() {
	touch "$WORK/stop" 2>/dev/null || true
	for pid in "${PIDS[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	for pid in "${PIDS[@]}"; do
		wait "$pid" 2>/dev/null || true
	done
	if [ -z "${KEEP:-}" ]; then rm -rf "$WORK"; else say "kept $WORK"; fi
}
trap cleanup EXIT

# Builds in the background run the binary directly (no shell function), so
# that $! is the build's own pid and SIGKILL reaches it.
index() { "$BIN" index --corpus "$CORPUS" --index "$INDEX" "$@"; }
live() { cat "$INDEX/LIVE" 2>/dev/null || true; }
total_for() { # number of hits for a query, or -1 when the request fails
	curl -sS --max-time 5 "$BASE/api/search?q=$1" 2>/dev/null |
		sed -n 's/.*"total":\([0-9]*\).*/\1/p' | head -n1 | grep . || echo -1
}

say "building the binary"
go build -o "$BIN" ./cmd/policysearch
cp -r corpus/articles "$CORPUS"

say "first build of the demo corpus"
index >"$WORK/build0.log" 2>&1 || { cat "$WORK/build0.log"; fail "first build"; exit 1; }
grep -E '^  (indexed|skipped|live|took)' "$WORK/build0.log" | sed 's/^/    /'

say "starting serve on $BASE"
"$BIN" serve --index "$INDEX" --corpus "$CORPUS" --addr "127.0.0.1:$PORT" >"$WORK/serve.log" 2>&1 &
SERVE=$!
PIDS+=("$SERVE")
for _ in $(seq 1 100); do
	curl -fsS --max-time 1 "$BASE/healthz" >/dev/null 2>&1 && break
	sleep 0.3
done
curl -fsS --max-time 2 "$BASE/healthz" >/dev/null || { tail -20 "$WORK/serve.log"; fail "serve did not come up"; exit 1; }

say "three clients searching continuously"
client() { # one line per request: HTTP status (000 when none) and seconds
	local n=0 queries=("Open+RAN" "KDDI" "export+controls" "%22data+centers%22" "semiconductor" "5G")
	while [ ! -e "$WORK/stop" ] && [ "$n" -lt 20000 ]; do
		local q=${queries[$((n % ${#queries[@]}))]}
		curl -s -o /dev/null --max-time 5 -w '%{http_code} %{time_total}\n' "$BASE/api/search?q=$q&org=KDDI" || true
		n=$((n + 1))
	done
}
for i in 1 2 3; do
	client >"$WORK/client$i.log" 2>&1 &
	PIDS+=("$!")
done
sleep 1

say "rebuild 1 (full)"
before=$(live)
index --full >"$WORK/build1.log" 2>&1 || fail "rebuild 1: $(tail -1 "$WORK/build1.log")"
[ "$(live)" != "$before" ] || fail "rebuild 1 did not switch generations"

WORD="reloadcheck$RANDOM$RANDOM"
say "adding an article with the word $WORD, rebuild 2 (incremental)"
mkdir -p "$CORPUS/reload-check"
cat >"$CORPUS/reload-check/new-article.html" <<HTML
<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>A new article appears while people search</title>
<meta property="article:published_time" content="2024-06-03T09:00:00+09:00"></head>
<body><article><h1>A new article appears while people search</h1>
<p>This page was written by the reload check. It mentions $WORD so that the
check can tell when the running server has picked up the new generation.</p>
<p>KDDI and SoftBank were not asked about it.</p></article></body></html>
HTML
index >"$WORK/build2.log" 2>&1 || fail "rebuild 2: $(tail -1 "$WORK/build2.log")"
grep -E '^  (indexed|unchanged|took)' "$WORK/build2.log" | sed 's/^/    /'
start=$(date +%s.%N)
found=""
while :; do
	if [ "$(total_for "$WORD")" -ge 1 ]; then found=yes; break; fi
	if [ "$(echo "$(date +%s.%N) - $start > 10" | bc)" = 1 ]; then break; fi
	sleep 0.2
done
took=$(echo "$(date +%s.%N) - $start" | bc)
if [ -n "$found" ]; then say "    the new article was found by serve $(printf '%.1f' "$took") s after the build"; else fail "the new article was not found within 10 s"; fi

say "adding $BULK generated articles so the next build takes a moment"
mkdir -p "$CORPUS/bulk"
filler=$(printf 'Further paragraphs repeat the policy context for length. %.0s' 1 2 3 4 5 6 7 8 9 10)
for i in $(seq 1 "$BULK"); do
	printf '<html><head><title>Bulk note %d on chip export controls</title></head><body><article><p>Note %d: export controls, Open RAN, data centers and standards were discussed again by officials from several ministries.</p><p>%s</p></article></body></html>\n' \
		"$i" "$i" "$filler" >"$CORPUS/bulk/$i.html"
done

say "build 3 (full), killed with SIGKILL halfway"
before=$(live)
"$BIN" index --corpus "$CORPUS" --index "$INDEX" --full --batch 100 >"$WORK/build3.log" 2>&1 &
B3=$!
PIDS+=("$B3")
killed=""
for _ in $(seq 1 3000); do
	# Halfway: a generation without a manifest (not complete) already has
	# segments on disk.
	for g in "$INDEX"/generations/*/; do
		if [ ! -e "$g/manifest.json" ] && ls "$g"bleve/store/*.zap >/dev/null 2>&1; then
			kill -9 "$B3" 2>/dev/null && killed=yes
			break 2
		fi
	done
	kill -0 "$B3" 2>/dev/null || break
	sleep 0.01
done
{ wait "$B3"; } 2>/dev/null || true
if [ -n "$killed" ]; then
	say "    killed pid $B3 while it wrote its generation"
else
	fail "build 3 ended before it could be killed (raise BULK)"
fi
[ "$(live)" = "$before" ] || fail "after the kill LIVE moved from $before to $(live)"
[ "$(total_for "$WORD")" -ge 1 ] || fail "serve stopped answering after the kill"
say "    live is still $(live); serve answers"

say "two builds at once"
"$BIN" index --corpus "$CORPUS" --index "$INDEX" --full >"$WORK/build4a.log" 2>&1 &
A=$!
"$BIN" index --corpus "$CORPUS" --index "$INDEX" --full >"$WORK/build4b.log" 2>&1 &
B=$!
PIDS+=("$A" "$B")
ra=0; rb=0
wait "$A" || ra=$?
wait "$B" || rb=$?
ok=0; refused=0
for pair in "$ra:$WORK/build4a.log" "$rb:$WORK/build4b.log"; do
	rc=${pair%%:*}; log=${pair#*:}
	if [ "$rc" = 0 ]; then ok=$((ok + 1));
	elif grep -q "another build is running" "$log"; then refused=$((refused + 1)); say "    refused: $(grep -o 'another build is running.*' "$log" | head -1)"; fi
done
[ "$ok" = 1 ] && [ "$refused" = 1 ] || fail "two builds at once: $ok succeeded, $refused refused (want 1 and 1)"
grep -E '^  (indexed|unchanged|removed|skipped|live|took)' "$WORK/build4a.log" "$WORK/build4b.log" 2>/dev/null | sed 's/^[^:]*:/    /'
gens=$(ls "$INDEX/generations" | grep -vc '^\.' || true)
half=""
for g in "$INDEX"/generations/*/; do
	[ -e "$g/manifest.json" ] || half="$half $(basename "$g")"
done
if [ -n "$half" ]; then
	fail "generations without a manifest left on disk:$half"
else
	say "    generations on disk: $gens, all complete (the killed build's half generation was cleaned)"
fi
[ "$(total_for "$WORD")" -ge 1 ] || fail "serve does not answer from the newest generation"

sleep 2
touch "$WORK/stop"
for i in 1 2 3; do wait "${PIDS[$((i))]}" 2>/dev/null || true; done
requests=$(cat "$WORK"/client*.log | wc -l)
bad=$(awk '$1 != 200' "$WORK"/client*.log | wc -l)
slowest=$(awk '{print $2}' "$WORK"/client*.log | sort -g | tail -1)
p99=$(awk '{print $2}' "$WORK"/client*.log | sort -g | awk '{a[NR]=$1} END {print a[int(NR*0.99)]}')
say "clients: $requests requests, $bad failed, p99 ${p99}s, slowest ${slowest}s"
[ "$bad" = 0 ] || { fail "$bad requests failed"; awk '$1 != 200' "$WORK"/client*.log | sort | uniq -c | head; }
[ "$requests" -gt 0 ] || fail "no requests were made"

if [ "$failures" = 0 ]; then say "reload check passed"; else say "reload check FAILED ($failures)"; exit 1; fi
