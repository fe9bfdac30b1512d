#!/usr/bin/env bash
# Runs tests/web.rs compiled to wasm, in Node (`node`) or headless Chromium (`chromium`),
# against a private emulator whose URL is baked in at build time.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/emulator.sh
if [ "${1:-node}" = chromium ]; then
  # tests/web.rs calls the emulator's hooks from the test page, whose origin the emulator
  # must allow: fix the page's address and pass it on.
  port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  export WASM_BINDGEN_TEST_ADDRESS=127.0.0.1:$port EMULATOR_ALLOW_ORIGIN=http://127.0.0.1:$port
fi
start_emulator 0
export EMULATOR_URL
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
if [ "${1:-node}" = chromium ]; then
  export WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver
  export WASM_BINDGEN_TEST_WEBDRIVER_JSON="$PWD/tests/webdriver.json"
fi
cargo test --target wasm32-unknown-unknown --test web
