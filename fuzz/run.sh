#!/usr/bin/env bash
# Runs the pipeline fuzz target, seeded with the fixtures. Needs cargo-fuzz and a nightly
# compiler (or RUSTC_BOOTSTRAP=1 with a stable one). A crash lands in fuzz/artifacts/; copy
# it to fuzz/regressions/ and tests/fuzz_regressions.rs replays it on every test run.
#   bash fuzz/run.sh [RUNS] [JOBS]   (default 10,000,000 runs in one job)
# With JOBS > 1, each job makes RUNS executions, as many at once as there are cores, sharing
# the corpus; each job's output is in fuzz/fuzz-N.log, and the total is printed at the end.
set -euo pipefail
cd "$(dirname "$0")"
runs=${1:-10000000}
jobs=${2:-1}
parallel=()
if [ "$jobs" -gt 1 ]; then
    parallel=(-jobs="$jobs" -workers="$(( jobs < $(nproc) ? jobs : $(nproc) ))")
fi
mkdir -p corpus/pipeline
rm -f fuzz-*.log
for seed in ../fixtures/*/*.rs; do
    cp "$seed" "corpus/pipeline/$(basename "$(dirname "$seed")")-$(basename "$seed")"
done
toolchain=()
if rustup toolchain list 2>/dev/null | grep -q nightly; then toolchain=(+nightly); else export RUSTC_BOOTSTRAP=1; fi
# No cfg(fuzzing): proc-macro2 turns span locations off under it, and datelint needs them.
# No sanitizer: datelint has no unsafe code of its own; the fuzzer hunts panics.
status=0
cargo "${toolchain[@]}" fuzz run --no-cfg-fuzzing --sanitizer none pipeline corpus/pipeline -- \
    -runs="$runs" "${parallel[@]}" -max_len=8192 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 || status=$?
if [ "$jobs" -gt 1 ]; then
    awk '/number_of_executed_units/ { runs += $2; done++ }
         END { printf "%d of '"$jobs"' jobs finished, %d executions in all\n", done, runs }' fuzz-*.log 2>/dev/null
    ls artifacts/pipeline 2>/dev/null | sed 's/^/crash or timeout: /'
fi
exit "$status"
