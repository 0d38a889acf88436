#!/usr/bin/env bash
# Issue 11: the suites that do not drive a browser or a server, run with the machine's clock set to awkward
# days (the first of a year, the last day of a year west of UTC, 29 February) and in two time zones, to find
# any test or rule that depends on today's date or the host's zone. Needs Debian's faketime package.
# (The browser tests fix the page clock themselves; the server tests use the machine clock on purpose.)
set -euo pipefail
runs=(
  "2027-01-01 00:30:00|Asia/Shanghai"
  "2026-12-31 23:30:00|America/Los_Angeles"
  "2028-02-29 12:00:00|Asia/Shanghai"
  "2026-12-01 08:00:00|America/Los_Angeles"
)
for run in "${runs[@]}"; do
  at="${run%%|*}"
  zone="${run##*|}"
  echo "== ${at} ${zone}"
  TZ="$zone" faketime -f "@${at}" npx vitest run src-shared src-renderer test/documents
done
