#!/usr/bin/env bash
# Builds the npm package into OUT_DIR (default pkg/): release wasm, wasm-bindgen glue,
# wasm-opt -Oz, the entry files and the public types. Extra arguments go to cargo
# (e.g. `--no-default-features --features clerk,atlan` for the size comparison).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-pkg}
shift || true

target_dir=target
if [ $# -gt 0 ]; then target_dir=target/variant; fi
cargo build --release --target wasm32-unknown-unknown --lib --target-dir "$target_dir" "$@"
rm -rf "$out"
wasm-bindgen --target web --out-dir "$out" --out-name core \
  --remove-name-section --remove-producers-section \
  "$target_dir/wasm32-unknown-unknown/release/oauth_admin.wasm"
# --low-memory-unused: Rust puts the stack below 1 MiB and the data above it, so the first
# 1 KiB is touched only by a stack that has already overflowed; binaryen may then fold
# constant offsets into loads and stores.
node_modules/.bin/wasm-opt -Oz --one-caller-inline-max-function-size=10 --low-memory-unused --converge --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$out/core_bg.wasm" -o "$out/core_bg.wasm"
# The glue is generated, so it ships minified: it is most of the package's JavaScript.
for js in "$out/core.js" "$out"/snippets/*/src/js/*.js; do
  node_modules/.bin/esbuild "$js" --minify --format=esm --log-level=warning --outfile="$js" --allow-overwrite
done
cp js/node.mjs js/index.mjs js/worker.mjs js/package.json "$out/"
node scripts/public-types.mjs "$out/core.d.ts" "$out/index.d.ts"
