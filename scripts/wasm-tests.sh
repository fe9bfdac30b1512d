#!/usr/bin/env bash
# Runs tests/web.rs compiled to wasm, in Node (`node`) or headless Chromium (`chromium`),
# against a private emulator whose URL is baked in at build time.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/emulator.sh
start_emulator 0
export EMULATOR_URL
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
if [ "${1:-node}" = chromium ]; then
  export WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver
  export WASM_BINDGEN_TEST_WEBDRIVER_JSON="$PWD/tests/webdriver.json"
fi
cargo test --target wasm32-unknown-unknown --test web
