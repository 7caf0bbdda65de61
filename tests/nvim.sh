#!/usr/bin/env bash
# Neovim (Debian's 0.7) as a real editor client of `datelint lsp`, headless: tests/nvim.lua
# opens a file with the Azure bug, waits for the diagnostic, applies the quick fix and waits
# for the diagnostics to clear. Run by .ci/run after the debug build.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/lib.rs" <<'RUST'
use chrono::{Datelike, NaiveDate};
fn valid_to(from: NaiveDate) -> NaiveDate {
    from.with_year(from.year() + 1).unwrap()
}
RUST
DATELINT="$here/target/debug/datelint" FILE="$work/lib.rs" ROOT="$work" OUT="$work/results.txt" \
    timeout 120 nvim --headless --clean -i NONE -n -c "luafile $here/tests/nvim.lua" \
    > "$work/nvim.log" 2>&1 || true
touch "$work/results.txt"
cat "$work/results.txt"
passed=$(grep -c '^ok ' "$work/results.txt" || true)
failed=$(grep -c '^FAILED ' "$work/results.txt" || true)
if [ "$failed" != "0" ] || [ "$passed" = "0" ]; then
    cat "$work/nvim.log"
    echo "nvim: $passed passed, $((failed > 0 ? failed : 1)) failed"
    exit 1
fi
echo "nvim: $passed passed, 0 failed"
