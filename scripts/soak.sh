#!/usr/bin/env bash
# The chaos soak, as long as you like: three MCP server processes in hybrid mode (two on one
# database file) used at once while a fault-injecting proxy between them and a fake memory API
# drops answers after the server committed, answers 500/502/503, holds answers past the client's
# timeout, resets connections and refuses the key for stretches; the API is stopped and restarted
# and the clients are killed with SIGKILL and restarted. It ends with one line of figures:
# operations acknowledged, faults by kind, kills, lost, duplicated, resurrected, time to converge.
#
#   scripts/soak.sh --minutes 20              twenty minutes of chaos, a seed from the clock
#   scripts/soak.sh --minutes 5 --seed 42     that seed (the line names the seed of every run)
#
# It builds what it needs with the Maven wrapper and runs only the soak test (ChaosSoakIT).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
minutes=1
seed="$(date +%s)"
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes="${2:?--minutes needs a number}"; shift 2 ;;
    --seed) seed="${2:?--seed needs a number}"; shift 2 ;;
    -h|--help) sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "soak.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done
if ! [[ "$minutes" =~ ^[0-9]+$ ]] || [ "$minutes" -lt 1 ]; then
  echo "soak.sh: --minutes must be a whole number of minutes, 1 or more: $minutes" >&2
  exit 2
fi
if ! [[ "$seed" =~ ^-?[0-9]+$ ]]; then
  echo "soak.sh: --seed must be a whole number: $seed" >&2
  exit 2
fi

report="$root/app-mcp/target/soak-report.txt"
rm -f "$report"
cd "$root"
status=0
./mvnw -q -pl app-mcp -am verify \
  -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=ChaosSoakIT -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dsoak.seconds=$((minutes * 60)) -Dsoak.seed="$seed" || status=$?
if [ -f "$report" ]; then
  cat "$report"
else
  echo "soak.sh: the soak did not get as far as its figures (seed $seed); see app-mcp/target/failsafe-reports" >&2
fi
exit "$status"
