#!/usr/bin/env bash
# Validates datelint's SARIF with Microsoft's Sarif.Multitool (npm package
# @microsoft/sarif-multitool) against the SARIF rules and GitHub's: no error may be reported.
# Run by .ci/run, after the debug build.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
tools=${SARIF_TOOLS:-$HOME/.cache/datelint-sarif-multitool}
multitool=$tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
if [ ! -x "$multitool" ]; then
    npm install --silent --prefix "$tools" @microsoft/sarif-multitool > /dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$here"
# fixtures/certificates/expired.der (expired in 2025, so for ever) gives a binary region.
target/debug/datelint fixtures -W pedantic --message-format sarif > "$work/fixtures.sarif" || true
"$multitool" validate --rule-kind "Gh;Sarif" --output "$work/validation.sarif" "$work/fixtures.sarif" > "$work/log.txt" 2>&1 || true
results=$(python3 -c '
import json, sys
log = json.load(open(sys.argv[1]))
results = [r for run in log["runs"] for r in run.get("results", [])]
errors = [r for r in results if r.get("level", "warning") == "error"]
for r in errors:
    print("error:", r.get("ruleId"), r["message"].get("text", r["message"]))
print(len(results), len(errors))
' "$work/validation.sarif")
echo "$results" | head -n -1
read -r total errors < <(echo "$results" | tail -1)
findings=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["runs"][0]["results"]))' "$work/fixtures.sarif")
if [ "$errors" != "0" ] || [ "$findings" = "0" ]; then
    cat "$work/log.txt"; echo "sarif: 0 passed, 1 failed ($errors validation errors, $findings findings)"; exit 1
fi
echo "sarif: $findings findings validated, $total notes or warnings, 0 errors"
