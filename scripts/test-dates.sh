#!/usr/bin/env bash
# Issue 11: the suites run with the machine's clock set to awkward days (the first of a year, the last day of
# a year west of UTC, 29 February, the first of a month) and in two time zones, to find any test or rule that
# depends on today's date or the host's zone. Needs Debian's faketime package.
# By default the suites that drive no browser; `--all` runs the whole suite (npm test) under each date.
# The clock is shifted by an offset, not started at a date ("@…"): with "@" every process — the test, each
# Chromium — starts its own clock at that instant when it starts, so the browser runs minutes behind the test.
set -euo pipefail
runs=(
  "2027-01-01 00:30:00 +0800|Asia/Shanghai"
  "2026-12-31 23:30:00 -0800|America/Los_Angeles"
  "2028-02-29 12:00:00 +0800|Asia/Shanghai"
  "2026-12-01 08:00:00 -0800|America/Los_Angeles"
)
suites=(src-shared src-renderer test/documents)
if [[ "${1:-}" == "--all" ]]; then suites=(); fi
for run in "${runs[@]}"; do
  at="${run%%|*}"
  zone="${run##*|}"
  offset=$(($(date -d "$at" +%s) - $(date +%s)))
  echo "== ${at} ${zone} (clock shifted ${offset} s)"
  TZ="$zone" faketime -f "+${offset}s" npx vitest run "${suites[@]}"
done
