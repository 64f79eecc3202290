#!/usr/bin/env bash
# Builds the launcher (Maven; the first run downloads the OpenSearch 2.19
# modules into ~/.m2) and starts one OpenSearch node on loopback, in the
# foreground: Ctrl-C stops it.
#   scripts/opensearch/run.sh [HOME] [HTTP_PORT] [TRANSPORT_PORT]
# HOME (default data/opensearch) keeps the node's indices between runs.
# OPENSEARCH_HEAP (default 512m) sizes the JVM heap.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
home="${1:-data/opensearch}"
http="${2:-9200}"
transport="${3:-9300}"
"$here/build.sh"
heap="${OPENSEARCH_HEAP:-512m}"
echo "OpenSearch on http://127.0.0.1:$http (data in $home); Ctrl-C stops it" >&2
exec java -Xms"$heap" -Xmx"$heap" -XX:+UseSerialGC \
	-cp "$here/target/classes:$(cat "$here/target/classpath.txt")" \
	policysearch.Launcher "$home" "$http" "$transport"
