#!/usr/bin/env bash
# Speed and memory of datelint on the real-code corpus, against syn alone, and the proof
# that the prefilter changes no finding. Figures only: nothing here is asserted in tests.
#   bash benches/corpus.sh [CORPUS]   (default: fetch with ../shared/corpus/fetch.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-$(bash ../shared/corpus/fetch.sh)}
cargo build --release --quiet
bin=target/release/datelint
files=$(find "$corpus" -name '*.rs' | wc -l)
bytes=$(find "$corpus" -name '*.rs' -print0 | xargs -0 cat | wc -c)
lines=$(find "$corpus" -name '*.rs' -print0 | xargs -0 cat | wc -l)
echo "corpus: $files files, $lines lines, $((bytes / 1000000)) MB, $(nproc) cores"

best() { # best wall time of three runs of "$@", the CPU time (user + system) of that run,
          # and the peak memory of the last: on a shared machine, CPU time varies less
    local best=999999 cpu=0 t c
    for _ in 1 2 3; do
        /usr/bin/time -f "%e %M %U %S" -o /tmp/datelint-bench.time "$@" > /dev/null 2>&1 || true
        read -r t _ u s < <(tail -1 /tmp/datelint-bench.time)
        c=$(echo "$u $s" | awk '{print $1 + $2}')
        if awk -v t="$t" -v b="$best" 'BEGIN { exit !(t < b) }'; then best=$t; cpu=$c; fi
    done
    echo "$best $(tail -1 /tmp/datelint-bench.time | cut -d' ' -f2) $cpu"
}
report() { # name, seconds, peak KB, CPU seconds
    awk -v n="$1" -v s="$2" -v k="$3" -v c="$4" -v b="$bytes" -v f="$files" \
        'BEGIN { printf "%-34s %6.2f s  %6.1f MB/s  %7.0f files/s  peak %4.0f MB  cpu %5.2f s\n", n, s, b/s/1e6, f/s, k/1024, c }'
}

read -r t m c < <(best "$bin" "$corpus" -W pedantic)
report "datelint (all lints)" "$t" "$m" "$c"
datelint_s=$t
read -r t m c < <(best "$bin" "$corpus" -W pedantic --no-prefilter)
report "datelint, every file parsed" "$t" "$m" "$c"
syn_only=$(cargo bench --quiet --bench syn_only --no-run --message-format json 2>/dev/null |
    sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -1)
read -r t m c < <(best "$syn_only" "$corpus")
report "syn alone (every file parsed)" "$t" "$m" "$c"
echo "syn alone / datelint: $(awk -v a="$t" -v b="$datelint_s" 'BEGIN { printf "%.1f", a / b }') x"

# One process on one 1,000-line file of date code with one finding, as a pre-commit hook or
# an editor runs it.
one_dir=$(mktemp -d)
one=$one_dir/one.rs
{
    echo 'use chrono::{Datelike, Months, NaiveDate};'
    for i in $(seq 1 998); do echo "fn f$i(d: NaiveDate) -> Option<NaiveDate> { d.checked_add_months(Months::new($i)) }"; done
    echo 'fn renew(d: NaiveDate) -> Option<NaiveDate> { d.with_year(d.year() + 1) }'
} > "$one"
mean_ms() { # the mean wall time of 50 runs of "$@", in milliseconds
    local start end
    start=$(date +%s%N)
    for _ in $(seq 1 50); do "$@" > /dev/null 2>&1 || true; done
    end=$(date +%s%N)
    echo $(( (end - start) / 50000000 ))
}
echo "one 1,000-line file: $(mean_ms "$bin" "$one" -q) ms per run (mean of 50); syn alone on it: $(mean_ms "$syn_only" "$one_dir") ms"

# The prefilter must not change any finding.
"$bin" "$corpus" -W pedantic --message-format short > /tmp/datelint-on.txt 2>/dev/null || true
"$bin" "$corpus" -W pedantic --message-format short --no-prefilter > /tmp/datelint-off.txt 2>/dev/null || true
if cmp -s /tmp/datelint-on.txt /tmp/datelint-off.txt; then
    echo "prefilter: same $(wc -l < /tmp/datelint-on.txt) findings with and without it"
else
    echo "prefilter: findings differ!"; diff /tmp/datelint-on.txt /tmp/datelint-off.txt; exit 1
fi

# ast-grep with one equivalent rule (the year shift through with_year), if installed
# (npm install --prefix /tmp/astgrep @ast-grep/cli; AST_GREP=/tmp/astgrep/node_modules/.bin/ast-grep).
sg_bin=${AST_GREP:-$(command -v ast-grep || true)}
if [ -n "$sg_bin" ]; then
    read -r t m c < <(best "$sg_bin" run --lang rust --no-ignore hidden --no-ignore vcs -p '$D.with_year($D.year() + $N)' "$corpus")
    report "ast-grep, one rule" "$t" "$m" "$c"
    echo "ast-grep / datelint: $(awk -v a="$t" -v b="$datelint_s" 'BEGIN { printf "%.1f", a / b }') x"
fi
