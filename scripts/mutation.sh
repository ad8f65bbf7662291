#!/usr/bin/env bash
# Mutation testing of the core module with PIT (the `mutation` profile of core/pom.xml), then the
# mutation score per package: killed mutants over the mutants some test covers. core.sync is
# marked. Two threads; about a quarter of an hour on a 2-core machine.
#
#   scripts/mutation.sh                       run PIT, print the scores
#   scripts/mutation.sh --survivors [PKG]     also list the surviving mutants of PKG (core.sync)
#   scripts/mutation.sh --report-only ...     print the scores of the last run again
#   scripts/mutation.sh -- -o                 pass the rest to Maven (here: offline)
#
# The HTML report is core/target/pit-reports/index.html.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
package=core.sync
survivors=()
run=1
maven=()
while [ $# -gt 0 ]; do
  case "$1" in
    --survivors)
      survivors=(--survivors)
      if [ $# -gt 1 ] && [[ "$2" != -* ]]; then package="$2"; shift; fi
      shift ;;
    --report-only) run=0; shift ;;
    --) shift; maven=("$@"); break ;;
    -h|--help) sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "mutation.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done

report="$root/core/target/pit-reports/mutations.xml"
cd "$root"
if [ "$run" -eq 1 ]; then
  mkdir -p "$root/core/target"
  rm -f "$report"
  started=$(date +%s)
  ./mvnw -q -pl core -Pmutation "${maven[@]}" test-compile org.pitest:pitest-maven:mutationCoverage \
    > "$root/core/target/mutation.log" 2>&1 || {
      tail -40 "$root/core/target/mutation.log" >&2
      echo "mutation.sh: PIT failed; the whole log is core/target/mutation.log" >&2
      exit 1
    }
  echo "PIT on core took $(( $(date +%s) - started )) s (log: core/target/mutation.log)"
fi
java "$root/scripts/MutationScores.java" "$report" "$package" "${survivors[@]}"
