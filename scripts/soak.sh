#!/usr/bin/env bash
# The chaos soak, as long as you like: three MCP server processes in hybrid mode (two on one
# database file) used at once while a fault-injecting proxy in front of each drops answers after
# the server committed, answers 500/502/503, holds answers past the client's timeout, resets
# connections and refuses the key for stretches; the fake memory API is stopped and restarted and
# loses its data (restarted empty, restored from an older snapshot, replaced by another deployment
# whose ids overlap), and the clients are killed with SIGKILL and restarted. The clients store
# notes, repeated texts and credentials, and update and delete each other's memories. It ends
# with one line of figures: operations acknowledged, faults by kind, kills, lost, duplicated,
# resurrected, time to converge; on failure also the command that replays the run and the
# problems found. One seed gives one plan of operations and faults.
#
#   scripts/soak.sh --minutes 20              twenty minutes of chaos, a seed from the clock
#   scripts/soak.sh --minutes 5 --seed 42     that seed (the line names the seed of every run)
#   scripts/soak.sh --seconds 90 --seed 42    a length in seconds instead
#   scripts/soak.sh --no-data-loss            without the API losing its data
#
# It builds what it needs with the Maven wrapper and runs only the soak test (ChaosSoakIT). What
# each client did, step by step, is in app-mcp/target/soak-trace.txt.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
seconds=60
seed="$(date +%s)"
data_loss=true
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes)
      minutes="${2:?--minutes needs a number}"
      if ! [[ "$minutes" =~ ^[0-9]+$ ]] || [ "$minutes" -lt 1 ]; then
        echo "soak.sh: --minutes must be a whole number of minutes, 1 or more: $minutes" >&2
        exit 2
      fi
      seconds=$((minutes * 60)); shift 2 ;;
    --seconds)
      seconds="${2:?--seconds needs a number}"
      if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
        echo "soak.sh: --seconds must be a whole number of seconds, 1 or more: $seconds" >&2
        exit 2
      fi
      shift 2 ;;
    --seed) seed="${2:?--seed needs a number}"; shift 2 ;;
    --no-data-loss) data_loss=false; shift ;;
    -h|--help) sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "soak.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done
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
  -Dsoak.seconds="$seconds" -Dsoak.seed="$seed" -Dsoak.dataLoss="$data_loss" || status=$?
if [ -f "$report" ]; then
  cat "$report"
else
  echo "soak.sh: the soak did not get as far as its figures (seed $seed); see app-mcp/target/failsafe-reports" >&2
fi
exit "$status"
