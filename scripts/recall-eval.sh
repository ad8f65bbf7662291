#!/usr/bin/env bash
# Measures recall quality on the project's evaluation set (benchmarks/src/main/resources/recall-eval):
# imports its memories into a new home with bin/claude-memory import, starts the packaged MCP server
# (bin/claude-memory-mcp) on it, asks every question through memory_recall over stdio, full text only
# (MEMORY_SEMANTIC=off) and then hybrid, and prints recall@5, recall@10, nDCG@10, MRR, the 'what is it
# now' shares and the round-trip latency per stratum and configuration, in one table. Builds nothing:
# run the README's build first (./mvnw -q -DskipTests package).
#
#   scripts/recall-eval.sh                          every question, lexical then hybrid
#   scripts/recall-eval.sh --only exact,raw         some strata (or their letters a-e)
#   scripts/recall-eval.sh --limit 10               the first 10 questions of each stratum
#   scripts/recall-eval.sh --configs lexical        one configuration
#   scripts/recall-eval.sh --json figures.json      also every figure and ranking as JSON
#   scripts/recall-eval.sh --help                   every option
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
bench_jar="$root/benchmarks/target/benchmarks.jar"
for jar in "$root/app-mcp/target/claude-memory-mcp.jar" "$root/app-cli/target/claude-memory-cli.jar" "$bench_jar"; do
  if [ ! -f "$jar" ]; then
    echo "recall-eval.sh: $jar is missing; build first with ./mvnw -q -DskipTests package" >&2
    exit 2
  fi
done

if [ -n "${JAVA_HOME:-}" ]; then java_cmd="$JAVA_HOME/bin/java"; else java_cmd="$(command -v java)"; fi
java_cmd="$(readlink -f "$java_cmd")"
# The launchers pick their JDK from JAVA_HOME: the same one as this run.
export JAVA_HOME="$(dirname "$(dirname "$java_cmd")")"
exec "$java_cmd" -cp "$bench_jar" dev.claudememory.bench.recall.RecallEval --repository "$root" "$@"
