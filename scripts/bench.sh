#!/usr/bin/env bash
# Benchmarks the packaged MCP server as users run it (bin/claude-memory-mcp) and prints every
# figure in one table: start-up, store and recall round trips at 10,000 and 100,000 memories,
# 200 concurrent stores, resident memory, recall by meaning (backfill, first hybrid recall, hybrid
# and lexical round trips, the model's memory), the Claude Code plugin's prompt hook (spawn to
# answer, p50 and p95, with the MCP server running and without), and draining 10,000 queued ops to a fake memory API
# on loopback. Builds nothing: run the README's build first (./mvnw -q -DskipTests package).
#
#   scripts/bench.sh                      the whole table (a few minutes on 2 cores; the first run
#                                         also embeds 100,000 memories once, several minutes more)
#   scripts/bench.sh --only meaning       recall by meaning alone
#   scripts/bench.sh --only hook          the prompt hook's latency alone (about a minute)
#   scripts/bench.sh --quick              fewer runs, a rough table in about two minutes
#   scripts/bench.sh --sync               also the sync figures
#   scripts/bench.sh --vs "<command>"     also another MCP server, alternating, with ratios
#   scripts/bench.sh --jmh [JMH options]  the in-process JMH benchmarks instead, short settings
#   scripts/bench.sh --help               every option
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
bench_jar="$root/benchmarks/target/benchmarks.jar"
server_jar="$root/app-mcp/target/claude-memory-mcp.jar"
cli_jar="$root/app-cli/target/claude-memory-cli.jar"
for jar in "$server_jar" "$cli_jar" "$bench_jar"; do
  if [ ! -f "$jar" ]; then
    echo "bench.sh: $jar is missing; build first with ./mvnw -q -DskipTests package" >&2
    exit 2
  fi
done

if [ -n "${JAVA_HOME:-}" ]; then java_cmd="$JAVA_HOME/bin/java"; else java_cmd="$(command -v java)"; fi
java_cmd="$(readlink -f "$java_cmd")"
# The launcher picks its JDK from JAVA_HOME: the same one as the bench, whose version is reported.
export JAVA_HOME="$(dirname "$(dirname "$java_cmd")")"

if [ "${1:-}" = "--jmh" ]; then
  shift
  # Short settings: one fork, 1 s of warm-up and three 1 s measurements per benchmark.
  exec "$java_cmd" -jar "$bench_jar" -f 1 -wi 1 -w 1s -i 3 -r 1s -foe true "$@"
fi
exec "$java_cmd" -cp "$bench_jar" dev.claudememory.bench.process.ProcessBench --repository "$root" "$@"
