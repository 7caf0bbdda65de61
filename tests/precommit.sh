#!/usr/bin/env bash
# End-to-end test of .pre-commit-hooks.yaml with pre-commit from PyPI: a throwaway git repo
# uses this checkout's HEAD as its hook; a commit with a leap-day bug is refused, and one
# with an expired certificate; a clean one goes through. Run by .ci/run (needs `pip install pre-commit`).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
rev=$(git -C "$here" rev-parse HEAD)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/cache"
cd "$work"
git init -q repo && cd repo
git config user.email ci@example.invalid && git config user.name ci
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $here
    rev: $rev
    hooks:
      - id: datelint
YAML
mkdir src
printf 'use chrono::{Datelike, NaiveDate};\nfn renew(d: NaiveDate) -> NaiveDate {\n    d.with_year(d.year() + 1).unwrap()\n}\n' > src/lib.rs
git add -A
if pre-commit run --all-files > "$work/out.txt" 2>&1; then
    cat "$work/out.txt"; echo "precommit: FAILED (a leap-day bug went through)"; exit 1
fi
grep -q "datelint::naive_year_shift" "$work/out.txt" || { cat "$work/out.txt"; echo "precommit: FAILED (no finding shown)"; exit 1; }
# A committed certificate that has expired (in 2025, so for ever) is refused too.
printf 'use chrono::{Months, NaiveDate};\nfn renew(d: NaiveDate) -> Option<NaiveDate> {\n    d.checked_add_months(Months::new(12))\n}\n' > src/lib.rs
mkdir certs && cp "$here/fixtures/certificates/expired.der" certs/server.der
git add -A
if pre-commit run --all-files > "$work/out.txt" 2>&1; then
    cat "$work/out.txt"; echo "precommit: FAILED (an expired certificate went through)"; exit 1
fi
grep -q "datelint::expired_certificate" "$work/out.txt" || { cat "$work/out.txt"; echo "precommit: FAILED (no certificate finding shown)"; exit 1; }
rm -r certs
printf 'use chrono::{Months, NaiveDate};\nfn renew(d: NaiveDate) -> Option<NaiveDate> {\n    d.checked_add_months(Months::new(12))\n}\n' > src/lib.rs
git add -A
pre-commit run --all-files > "$work/out.txt" 2>&1 || { cat "$work/out.txt"; echo "precommit: FAILED (clean code refused)"; exit 1; }
echo "precommit: 3 passed, 0 failed"
