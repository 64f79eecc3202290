#!/usr/bin/env bash
# Compiles the launcher and writes its class path to target/classpath.txt
# (what run.sh and the Go tests start java with). Quiet and quick when
# nothing changed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ -f "$here/target/classpath.txt" ] && [ -f "$here/target/classes/policysearch/Launcher.class" ] &&
	[ "$here/target/classpath.txt" -nt "$here/pom.xml" ] &&
	[ "$here/target/classes/policysearch/Launcher.class" -nt "$here/src/main/java/policysearch/Launcher.java" ]; then
	exit 0
fi
for try in 1 2 3; do
	mvn -q -B -f "$here/pom.xml" package -DskipTests && exit 0
	echo "opensearch launcher: maven build failed (try $try of 3)" >&2
	sleep 5
done
exit 1
