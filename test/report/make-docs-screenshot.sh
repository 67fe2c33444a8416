#!/bin/sh
# Remakes docs/report.png: the HTML report of the shipped framework as of 2026-11-28, captured by
# headless Chromium at 1240×1754 pixels (A4 proportions), the way test/report/report-html.test.ts
# captures it. Run from the repository root after `npm run build`.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
node bin/neaspec-track.js --framework frameworks/neaspec-2026-2030 report --as-of 2026-11-28 --format html --out "$tmp/report.html"
mkdir -p docs
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --user-data-dir="$tmp/profile" \
  --screenshot="$PWD/docs/report.png" --window-size=1240,1754 "file://$tmp/report.html" 2>/dev/null
echo "wrote docs/report.png"
