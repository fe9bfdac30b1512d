#!/usr/bin/env bash
# Runs tests/web.rs compiled to wasm, in Node (`node`) or headless Chromium (`chromium`),
# against a private emulator whose URL is baked in at build time.
set -euo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
target/debug/oauth-admin-emulator --port 0 >"$log" 2>/dev/null &
emulator=$!
trap 'kill $emulator 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 100); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -n1 || true)
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { echo "the emulator did not start" >&2; exit 1; }

export EMULATOR_URL=$url
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
if [ "${1:-node}" = chromium ]; then
  export WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver
  export WASM_BINDGEN_TEST_WEBDRIVER_JSON="$PWD/tests/webdriver.json"
fi
cargo test --target wasm32-unknown-unknown --test web
