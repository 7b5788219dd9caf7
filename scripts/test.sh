#!/usr/bin/env bash
# `npm test`: every test. Type check, import boundaries, lint and format, unit and integration tests (vitest, real embedded
# Postgres), then browser tests (Playwright in Debian's Chromium against the real app on the embedded default).
set -uo pipefail
cd "$(dirname "$0")/.."

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "[test] Installing Debian's chromium for the browser tests…"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || {
      echo "[test] Could not install chromium with apt-get. Install it (apt-get install -y chromium) and run npm test again." >&2
      exit 1
    }
  else
    echo "[test] The browser tests need Chromium at $CHROMIUM: run 'sudo apt-get install -y chromium' (or set CHROMIUM_PATH) and run npm test again." >&2
    exit 1
  fi
fi

mkdir -p test-results
status=0
step() { echo; echo "[test] $1"; }

step "Type check"
npx tsc --noEmit -p . || status=1

step "Import boundaries (layers only point down, no folder cycles)"
npx depcruise lib app components scripts prisma bench --config .dependency-cruiser.cjs || status=1

step "Lint"
npx eslint . --max-warnings 0 || status=1

step "Format"
npx prettier --check . --log-level warn || status=1

step "Contrast (every Tailwind text colour reads at WCAG AA 4.5:1 on its background)"
npx tsx scripts/fix-contrast.ts --check || status=1

step "Unit and integration tests"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json || status=1

step "Browser tests"
rm -rf "${TMPDIR:-/tmp}/switchboard-e2e-${E2E_PORT:-3210}"
npx playwright test || status=1

node scripts/test-summary.mjs test-results/vitest.json test-results/playwright.json || status=1
exit $status
