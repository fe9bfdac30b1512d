#!/usr/bin/env bash
# Starts the emulator and runs the lifecycle example through pkg/ against it.
set -euo pipefail
cd "$(dirname "$0")/.."

port=${DEMO_PORT:-8787}
target/debug/oauth-admin-emulator --port "$port" > >(sed -u 's/^/[emulator] /') 2>/dev/null &
emulator=$!
trap 'kill $emulator 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  curl -fsS -o /dev/null -X POST "http://127.0.0.1:$port/__emulator/reset" 2>/dev/null && break
  sleep 0.1
done

# The example imports "oauth-admin": point the bare name at pkg/ without installing it.
mkdir -p target/demo/node_modules
ln -sfn "$PWD/pkg" target/demo/node_modules/oauth-admin
cp examples/cloudflare-lifecycle.mjs target/demo/
CLOUDFLARE_ACCOUNT_ID=0123456789abcdef0123456789abcdef \
CLOUDFLARE_API_TOKEN=cf-emulator-token \
CLOUDFLARE_BASE_URL="http://127.0.0.1:$port/client/v4" \
  node target/demo/cloudflare-lifecycle.mjs
