#!/usr/bin/env bash
# Installs what the build and tests need, skipping what is already there.
#   install-tools.sh rust      wasm32 target + wasm-bindgen-cli pinned to Cargo.lock
#   install-tools.sh npm       the npm packages in package-lock.json
#   install-tools.sh chromium  Debian's chromium + chromedriver (headless browser tests)
set -euo pipefail
cd "$(dirname "$0")/.."

rust() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    rustup target add wasm32-unknown-unknown
  fi
  # The CLI must match the wasm-bindgen crate in Cargo.lock exactly.
  local want
  want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
    cargo install wasm-bindgen-cli --version "$want" --locked \
      || cargo install wasm-bindgen-cli --version "$want"
  fi
}

npm_packages() {
  # `npm install` rather than `npm ci`: the npm here writes lock files without other
  # platforms' optional packages, which `npm ci` then refuses as out of sync. With the lock
  # present, `npm install` still installs exactly the locked versions.
  if [ ! -x node_modules/.bin/tsc ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm install --no-audit --no-fund
  fi
}

chromium() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
}

case "${1:-}" in
  rust) rust ;;
  npm) npm_packages ;;
  chromium) chromium ;;
  *) echo "usage: $0 rust|npm|chromium" >&2; exit 2 ;;
esac
