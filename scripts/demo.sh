#!/usr/bin/env bash
# Local demos against the emulator (build first: `make demo` / `make demo-script` do).
#   scripts/demo.sh           the admin page: serves www/dist, starts the emulator with
#                             --allow-origin set to the page's origin (scripts/serve.mjs), so
#                             that no other web page can call its test hooks; prints the URL
#   scripts/demo.sh --script  runs examples/cloudflare-lifecycle.mjs through pkg/ in Node (no
#                             page: the emulator's hooks answer Node, which sends no Origin)
set -euo pipefail
cd "$(dirname "$0")/.."

case "${1:-}" in
  "")
    [ -f www/dist/index.html ] || { echo "www/dist is missing: run \`make www\` first" >&2; exit 1; }
    exec node scripts/serve.mjs
    ;;
  --script) ;;
  *) echo "usage: $0 [--script]" >&2; exit 2 ;;
esac

source scripts/emulator.sh
start_emulator "${EMULATOR_PORT:-0}"
url=$EMULATOR_URL
echo "[emulator] $url"

# The example imports "oauth-admin": point the bare name at pkg/ without installing it.
mkdir -p target/demo/node_modules
ln -sfn "$PWD/pkg" target/demo/node_modules/oauth-admin
cp examples/cloudflare-lifecycle.mjs target/demo/
CLOUDFLARE_ACCOUNT_ID=0123456789abcdef0123456789abcdef \
CLOUDFLARE_API_TOKEN=cf-emulator-token \
CLOUDFLARE_BASE_URL="$url/client/v4" \
  node target/demo/cloudflare-lifecycle.mjs
