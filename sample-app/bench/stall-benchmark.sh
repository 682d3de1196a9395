#!/bin/bash
# Shows that process stalls (GC, CPU starvation) do not bunch requests: the release pacer re-spaces them.
# Runs the 2,000-call benchmark while stopping its own surefire JVM (by pid) for STALL_MS every PERIOD_S seconds.
# usage: sample-app/bench/stall-benchmark.sh <log> <stall_ms> <period_s> [test]
LOG=$1; STALL_MS=$2; PERIOD=$3; TEST=${4:-TrackRateBenchmark#identify2000*}
cd "$(dirname "$0")/../.."
mvn -B -pl test -am test -Dgroups=benchmark -DexcludedGroups=none -Dtest="$TEST" -Dsurefire.failIfNoSpecifiedTests=false > "$LOG" 2>&1 &
MVN=$!
FORK=""
while [ -z "$FORK" ] && kill -0 $MVN 2>/dev/null; do
  sleep 0.5
  SH=$(ps -o pid=,args= --ppid $MVN | grep surefirebooter | awk '{print $1}' | head -1)
  [ -n "$SH" ] && FORK=$(ps -o pid=,args= --ppid $SH | grep surefirebooter | awk '{print $1}' | head -1)
done
trap '[ -n "$FORK" ] && kill -CONT $FORK 2>/dev/null' EXIT
# wait for the benchmark to start sending (sandbox up)
while kill -0 $FORK 2>/dev/null && ! grep -q "sandbox started\|Customer.io sandbox" "$LOG"; do sleep 0.2; done
sleep 1
STALLS=0
while kill -0 $FORK 2>/dev/null && ! grep -q "TrackRateBenchmark:" "$LOG"; do
  sleep $PERIOD
  kill -STOP $FORK 2>/dev/null || break
  sleep "$(awk "BEGIN{print $STALL_MS/1000}")"
  kill -CONT $FORK 2>/dev/null
  STALLS=$((STALLS+1))
done
wait $MVN
echo "stopped pid $FORK" >> "$LOG"
echo "stalls injected: $STALLS x ${STALL_MS} ms every ${PERIOD} s" >> "$LOG"
