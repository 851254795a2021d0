#!/bin/sh
# Runs one libFuzzer target for a bounded time on a copy of its seed
# corpus and prints "name value unit" lines like the other benchmarks:
#   run-fuzzer.sh FUZZER SEED_DIR WORK_DIR CRASH_DIR SECONDS
# New inputs go to WORK_DIR (the checked-in seeds are never changed);
# crashes, leaks and timeouts to CRASH_DIR. Exits 1 if anything crashed.
set -u
fuzzer=$1 seeds=$2 work=$3 crashes=$4 seconds=$5
name=$(basename "$fuzzer")

mkdir -p "$work" "$crashes"
cp -n "$seeds"/* "$work"/ 2>/dev/null || true
log="$crashes/$name.log"

# -fork keeps going after a crash, so one run counts every crash it finds.
"$fuzzer" "$work" \
  -max_total_time="$seconds" \
  -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
  -timeout=10 -rss_limit_mb=2048 -max_len=1048576 \
  -artifact_prefix="$crashes/" \
  -print_final_stats=1 >"$log" 2>&1
status=$?

# In fork mode the parent logs "#N: cov: … exec/s: … oom/timeout/crash: A/B/C".
execs=$(grep -o '^#[0-9]*' "$log" | tail -n 1 | tr -d '#')
[ -n "$execs" ] || execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
found=$(ls "$crashes" | grep -c -E '^(crash|leak|timeout|oom)-')
corpus=$(ls "$work" | wc -l)

echo "${name}_executions ${execs:-0} count"
echo "${name}_seconds ${seconds} s"
echo "${name}_corpus ${corpus} files"
echo "${name}_crashes ${found} count"
if [ "$found" -gt 0 ] || [ "$status" -ne 0 ]; then
  echo "$name: see $log and $crashes" >&2
  [ "$found" -gt 0 ] && exit 1
fi
exit 0
